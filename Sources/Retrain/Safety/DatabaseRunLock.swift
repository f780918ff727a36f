import MetricsSource
import NumericCore

/// The single-flight lock of a job whose source is PostgreSQL: a session advisory lock held for the run.
///
/// Jobs on different machines sharing one registry path and database exclude each other; the server drops
/// the lock when the session ends, so a killed job never blocks the next one.
public final class DatabaseRunLock {
    private let connection: PostgresConnection

    /// Takes the advisory lock keyed by `registry` without waiting.
    /// - Throws: `RetrainError.busy` naming the holder's backend, or `MetricsSourceError` when the database
    ///   cannot be reached.
    public init(settings: ConnectionSettings, registry: String) throws {
        connection = try PostgresConnection.connect(settings)
        let key = String(Self.key(registry))
        let taken = try connection.query("take the retrain lock", "SELECT pg_try_advisory_lock($1::bigint)", [key])
        guard taken.rows.first?.first == "t" else {
            let holder = try? connection.query(
                "find the retrain lock holder",
                "SELECT a.pid::text, coalesce(a.client_addr::text, 'local'), a.backend_start::text FROM pg_locks l "
                    + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                    + "AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint LIMIT 1",
                [key])
            let row = holder?.rows.first
            throw RetrainError.busy(holder: row.map {
                "PostgreSQL advisory lock held by backend pid \($0[0] ?? "?") from \($0[1] ?? "?") since \($0[2] ?? "?")"
            } ?? "PostgreSQL advisory lock \(key)")
        }
    }

    /// A stable 63-bit key from the registry path.
    static func key(_ registry: String) -> Int64 {
        let hex = Digest.sha256Hex(Array("workbench-retrain\u{0}\(registry)".utf8))
        return Int64(hex.prefix(15), radix: 16) ?? 0
    }
}
