/// PostgreSQL's binary `timestamptz`: signed microseconds since 2000-01-01 00:00:00 UTC.
enum PostgresTime {
    /// Seconds between the Unix epoch and PostgreSQL's epoch (2000-01-01 UTC).
    static let epochOffsetSeconds: Int64 = 946_684_800

    /// Binary timestamptz for whole Unix seconds.
    static func microseconds(fromUnixSeconds seconds: Int64) -> Int64 {
        (seconds - epochOffsetSeconds) * 1_000_000
    }

    /// Whole Unix seconds for a binary timestamptz, nil when not a whole second.
    static func unixSeconds(fromMicroseconds microseconds: Int64) -> Int64? {
        let (quotient, remainder) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        guard remainder == 0 else { return nil }
        return quotient + epochOffsetSeconds
    }
}
