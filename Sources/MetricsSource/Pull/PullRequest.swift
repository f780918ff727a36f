/// What to pull: one tenant's metrics over a window, bucketed and aggregated.
///
/// Fill it from user input, then call `validated()`; only a
/// `ValidatedPullRequest` reaches `MetricsPuller`.
public struct PullRequest: Sendable, Equatable {
    /// The tenant whose rows are read; every query filters on it.
    public var tenant: String
    /// Window start, Unix seconds UTC, inclusive.
    public var from: Int64
    /// Window end, Unix seconds UTC, exclusive.
    public var to: Int64
    /// Collectors to keep; empty (the default) keeps every collector of the tenant.
    public var collectors: [String]
    /// Metrics to keep; empty (the default) keeps every metric of the tenant.
    public var metrics: [String]
    /// Bucket width.
    public var bucket: BucketWidth
    /// Aggregates per (collector, metric), in column order. Default `[.avg]`.
    public var aggregates: [Aggregate]
    /// Add a 0/1 `label` column from the tenant's incidents. Default false.
    public var labelsFromIncidents: Bool
    /// Schema of the collectors' tables. Default "public".
    public var schema: String
    /// Whether to bucket with TimescaleDB's `time_bucket` (when installed) or
    /// plain `date_bin`; results are identical. Default `.auto`.
    public var timescale: MetricsSchema.TimescaleMode
    /// Largest number of buckets accepted, to bound memory: each pulled column
    /// holds 8 bytes per bucket. Default 10 million (80 MB per column; about 19
    /// years of 1-minute buckets).
    public var maximumBuckets: Int

    /// A request with the documented defaults.
    public init(
        tenant: String, from: Int64, to: Int64, bucket: BucketWidth, collectors: [String] = [],
        metrics: [String] = [], aggregates: [Aggregate] = [.avg], labelsFromIncidents: Bool = false,
        schema: String = "public", timescale: MetricsSchema.TimescaleMode = .auto, maximumBuckets: Int = 10_000_000
    ) {
        self.tenant = tenant
        self.from = from
        self.to = to
        self.bucket = bucket
        self.collectors = collectors
        self.metrics = metrics
        self.aggregates = aggregates
        self.labelsFromIncidents = labelsFromIncidents
        self.schema = schema
        self.timescale = timescale
        self.maximumBuckets = maximumBuckets
    }

    /// This request once checked, with its window widened to whole buckets.
    ///
    /// - Throws: `MetricsSourceError.invalidRequest` for an empty tenant, a window
    ///   that does not move forward, too many buckets, no aggregate, or a name
    ///   holding a NUL character; `.configuration` for a schema that is not a plain identifier.
    public func validated() throws(MetricsSourceError) -> ValidatedPullRequest {
        guard !tenant.isEmpty else { throw .invalidRequest("The tenant must not be empty.") }
        for (role, names) in [("tenant", [tenant]), ("collector", collectors), ("metric", metrics)] {
            if let bad = names.first(where: { $0.utf8.contains(0) }) {
                throw .invalidRequest("The \(role) '\(bad.truncatedForMessage())' contains a NUL character, which PostgreSQL text cannot hold.")
            }
            if names.contains("") { throw .invalidRequest("A \(role) name must not be empty.") }
        }
        guard from < to else {
            throw .invalidRequest("The window must end after it starts; got from \(PullTime.iso8601(from)) to \(PullTime.iso8601(to)).")
        }
        guard !aggregates.isEmpty else { throw .invalidRequest("At least one aggregate is needed.") }
        let first = bucket.floor(from)
        let end = bucket.ceiling(to)
        let buckets = (end - first) / bucket.seconds
        guard buckets <= Int64(maximumBuckets) else {
            throw .invalidRequest("The window holds \(buckets) buckets of \(bucket); at most \(maximumBuckets) are accepted. Use a wider bucket or a shorter window.")
        }
        return ValidatedPullRequest(
            request: self, schema: try MetricsSchema(schema: schema), firstBucket: first, end: end,
            bucketCount: Int(buckets), collectors: Self.unique(collectors), metrics: Self.unique(metrics),
            aggregates: Self.unique(aggregates))
    }

    private static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}

/// A checked `PullRequest`: names deduplicated, window aligned to buckets.
public struct ValidatedPullRequest: Sendable, Equatable {
    /// The request as given.
    public let request: PullRequest
    /// The tables to read.
    public let schema: MetricsSchema
    /// Start of the first bucket: `from` rounded down to the bucket width.
    public let firstBucket: Int64
    /// End of the last bucket: `to` rounded up, so every bucket is whole.
    public let end: Int64
    /// Rows of the pulled data set.
    public let bucketCount: Int
    /// Requested collectors, duplicates removed, in order.
    public let collectors: [String]
    /// Requested metrics, duplicates removed, in order.
    public let metrics: [String]
    /// Requested aggregates, duplicates removed, in order.
    public let aggregates: [Aggregate]
}
