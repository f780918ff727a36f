extension SyntheticMetrics {
    /// What to generate: how many tenants, over which period, at which interval, from which seed.
    ///
    /// Only `validated()` configurations reach the generator; `SyntheticMetrics.init`
    /// validates for the caller and stops on an invalid one, so call `validated()`
    /// first wherever the values come from a user.
    public struct Configuration: Sendable, Equatable {
        /// Number of tenants, named `tenant-a`, `tenant-b`, … `tenant-z`, `tenant-aa`, ….
        /// Range 1...702 (every name of one or two letters). Default 3: enough to show
        /// tenant-specific scale while keeping demo files small.
        public var tenants: Int
        /// Number of whole days generated from `start`. Range 1...366.
        /// Default 14: two weeks, so weekly seasonality appears twice.
        public var days: Int
        /// Seconds between samples. Must divide a day (86 400 s) so every day holds the
        /// same buckets, aligned on midnight UTC. Default 60: the collectors' usual scrape rate.
        public var intervalSeconds: Int
        /// The seed of every random stream; the same configuration always gives the same output. Default 0.
        public var seed: UInt64
        /// The first timestamp, in seconds since 1970-01-01T00:00:00Z. Must be ≥ 0 and a
        /// multiple of `intervalSeconds`, so buckets match TimescaleDB's `time_bucket`.
        /// Default 1 767 571 200 (2026-01-05T00:00:00Z, a Monday): fixed so output never
        /// depends on the clock, and a week start so weekdays and weekends read naturally.
        public var start: Int64
        /// Whether incidents change values and appear in labels. Default true. False gives the
        /// same data set without its incidents (every other value identical): a clean baseline
        /// to train on or to measure what each incident changed.
        public var injectsIncidents: Bool

        /// The default first timestamp: 2026-01-05T00:00:00Z, a Monday.
        public static let defaultStart: Int64 = 1_767_571_200

        /// The largest tenant count: every name of one or two letters.
        public static let maximumTenants = 702

        /// The largest day count: a year covers every seasonality the generator models.
        public static let maximumDays = 366

        /// A configuration; every parameter has the documented default.
        public init(
            tenants: Int = 3, days: Int = 14, intervalSeconds: Int = 60,
            seed: UInt64 = 0, start: Int64 = Configuration.defaultStart, injectsIncidents: Bool = true
        ) {
            self.tenants = tenants
            self.days = days
            self.intervalSeconds = intervalSeconds
            self.seed = seed
            self.start = start
            self.injectsIncidents = injectsIncidents
        }

        /// This configuration once every value is checked.
        /// - Throws: `DatasetError.invalid` naming the first value out of range and the range expected.
        public func validated() throws(DatasetError) -> Configuration {
            guard (1 ... Self.maximumTenants).contains(tenants) else {
                throw .invalid("tenants must be in 1...\(Self.maximumTenants); got \(tenants).")
            }
            guard (1 ... Self.maximumDays).contains(days) else {
                throw .invalid("days must be in 1...\(Self.maximumDays); got \(days).")
            }
            guard (1 ... Self.secondsPerDay).contains(intervalSeconds), Self.secondsPerDay % intervalSeconds == 0 else {
                throw .invalid(
                    "intervalSeconds must divide a day (86400 s), e.g. 30, 60, 300 or 3600; got \(intervalSeconds).")
            }
            guard start >= 0 else {
                throw .invalid("start must be at or after 1970-01-01T00:00:00Z (epoch seconds ≥ 0); got \(start).")
            }
            guard start % Int64(intervalSeconds) == 0 else {
                throw .invalid(
                    "start must be a multiple of the interval (\(intervalSeconds) s) so buckets align; got \(start).")
            }
            return self
        }

        /// Samples per series and tenant: `days × 86400 / intervalSeconds`.
        public var bucketCount: Int { days * (Self.secondsPerDay / intervalSeconds) }

        /// The first second after the generated period.
        public var end: Int64 { start + Int64(days) * Int64(Self.secondsPerDay) }

        static let secondsPerDay = 86_400

        /// The interval in seconds written as `30s`, `1m`, `5m`, `1h`, `1d` or a bare number of seconds.
        /// - Throws: `DatasetError.invalid` quoting the text when it has another form or is not positive.
        public static func intervalSeconds(parsing text: String) throws(DatasetError) -> Int {
            let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
            var digits = Substring(text)
            var multiplier = 1
            if let last = digits.last, let unit = units[last] {
                multiplier = unit
                digits = digits.dropLast()
            }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let count = Int(digits), count > 0, count <= secondsPerDay
            else {
                throw .invalid("interval must look like 30s, 1m, 5m or 1h (a positive number and a unit s, m, h or d); got '\(text)'.")
            }
            return count * multiplier
        }
    }
}
