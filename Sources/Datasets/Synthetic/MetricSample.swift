/// One row of the collectors' table: a metric value of one tenant's collector at one time.
///
/// Mirrors `collectors_metrics(timestamp, collector_name, metric_name, metric_value, tenant_id)`.
public struct MetricSample: Sendable, Equatable {
    /// Seconds since 1970-01-01T00:00:00Z (UTC).
    public var timestamp: Int64
    /// The tenant id, e.g. `tenant-a`.
    public var tenant: String
    /// The collector name, e.g. `system_performance`.
    public var collector: String
    /// The metric name, with its unit in Prometheus style, e.g. `cpu_usage_percent`.
    public var metric: String
    /// The value, in the unit the metric name states.
    public var value: Double

    /// A sample with every field given.
    public init(timestamp: Int64, tenant: String, collector: String, metric: String, value: Double) {
        self.timestamp = timestamp
        self.tenant = tenant
        self.collector = collector
        self.metric = metric
        self.value = value
    }
}
