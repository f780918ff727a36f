import Datasets

/// A pulled data set and its lineage.
///
/// Columns: `timestamp` (bucket start, Unix seconds UTC), then one column per
/// (collector, metric, aggregate) named `collector/metric:aggregate`, series
/// sorted by collector then metric (UTF-8 byte order) and aggregates in request
/// order, then `label` (0/1) when labels were asked for. One row per bucket,
/// empty buckets included, their values NaN.
public struct PullResult: Sendable {
    /// The data, ready for `featureMatrix(columns:)` or an output file.
    public let dataset: Dataset
    /// How it was obtained; written beside the data.
    public let lineage: PullLineage

    /// The column name of one aggregate of one series.
    public static func columnName(collector: String, metric: String, aggregate: Aggregate) -> String {
        "\(collector)/\(metric):\(aggregate.rawValue)"
    }
}

/// Progress of a running pull, for a TTY progress line.
public struct PullProgress: Sendable {
    /// Rows received so far.
    public let rows: Int
    /// Bytes received so far.
    public let bytes: Int
    /// Seconds since the COPY started.
    public let seconds: Double

    /// Megabytes (10^6 bytes) per second so far.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
}
