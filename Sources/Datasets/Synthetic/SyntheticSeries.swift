/// One metric series that every synthetic tenant reports: a collector and a metric with its unit.
///
/// Names follow Prometheus conventions (base units, unit as a suffix:
/// `_percent`, `_bytes_per_second`, `_seconds_p95`), as the collectors' design does.
public struct SyntheticSeries: Sendable, Equatable {
    /// The collector, e.g. `system_performance`.
    public let collector: String
    /// The metric, e.g. `cpu_usage_percent`.
    public let metric: String
    /// The unit, spelled out: `percent`, `bytes/s`, `seconds`, `requests/s`, `connections`.
    public let unit: String
    /// The lower bound every value respects.
    public let minimum: Double
    /// The upper bound every value respects (`infinity` when unbounded).
    public let maximum: Double
    /// Decimal places kept; values are rounded to this many, as collectors report them.
    public let decimals: Int
    /// What an incident of severity 1 does: adds this many points to a percent
    /// metric, or multiplies any other metric by `1 + shock`.
    public let shock: Double
    /// One line on what drives the series.
    public let summary: String

    /// The column name in the wide format: `collector/metric`.
    public var wideColumnName: String { "\(collector)/\(metric)" }

    /// True for percent metrics, which incidents shift by points rather than scale.
    var isPercent: Bool { unit == "percent" }
}

extension SyntheticSeries {
    /// Every series, ordered by collector then metric name: the order of samples within a timestamp
    /// and of the wide format's columns.
    public static let catalog: [SyntheticSeries] = [
        SyntheticSeries(
            collector: "api_gateway", metric: "error_rate_percent", unit: "percent",
            minimum: 0, maximum: 100, decimals: 3, shock: 8,
            summary: "share of failed requests; rises when latency exceeds the tenant's baseline"),
        SyntheticSeries(
            collector: "api_gateway", metric: "request_latency_seconds_p95", unit: "seconds",
            minimum: 0, maximum: .infinity, decimals: 5, shock: 1.5,
            summary: "95th percentile request latency; grows with the cube of host cpu usage"),
        SyntheticSeries(
            collector: "api_gateway", metric: "requests_per_second", unit: "requests/s",
            minimum: 0, maximum: .infinity, decimals: 2, shock: 2,
            summary: "incoming request rate; follows the tenant's load"),
        SyntheticSeries(
            collector: "database", metric: "active_connections", unit: "connections",
            minimum: 0, maximum: .infinity, decimals: 0, shock: 2,
            summary: "open client connections (a whole number); follows load"),
        SyntheticSeries(
            collector: "database", metric: "cpu_usage_percent", unit: "percent",
            minimum: 0, maximum: 100, decimals: 2, shock: 35,
            summary: "database server cpu; follows load"),
        SyntheticSeries(
            collector: "database", metric: "query_latency_seconds_p95", unit: "seconds",
            minimum: 0, maximum: .infinity, decimals: 5, shock: 2,
            summary: "95th percentile query latency; grows with the square of database cpu usage"),
        SyntheticSeries(
            collector: "system_performance", metric: "cpu_usage_percent", unit: "percent",
            minimum: 0, maximum: 100, decimals: 2, shock: 40,
            summary: "host cpu; idle floor plus a share proportional to load"),
        SyntheticSeries(
            collector: "system_performance", metric: "disk_io_read_bytes_per_second", unit: "bytes/s",
            minimum: 0, maximum: .infinity, decimals: 0, shock: 2,
            summary: "disk reads; follow load, plus a nightly backup burst 01:00-01:30 tenant time"),
        SyntheticSeries(
            collector: "system_performance", metric: "disk_io_write_bytes_per_second", unit: "bytes/s",
            minimum: 0, maximum: .infinity, decimals: 0, shock: 2,
            summary: "disk writes; follow load"),
        SyntheticSeries(
            collector: "system_performance", metric: "memory_usage_percent", unit: "percent",
            minimum: 0, maximum: 100, decimals: 2, shock: 30,
            summary: "host memory; creeps up through the week, reset by the Sunday 02:00 restart"),
        SyntheticSeries(
            collector: "system_performance", metric: "network_receive_bytes_per_second", unit: "bytes/s",
            minimum: 0, maximum: .infinity, decimals: 0, shock: 3,
            summary: "inbound traffic; follows load"),
        SyntheticSeries(
            collector: "system_performance", metric: "network_transmit_bytes_per_second", unit: "bytes/s",
            minimum: 0, maximum: .infinity, decimals: 0, shock: 3,
            summary: "outbound traffic; follows load"),
    ]

    /// The collectors, in catalog order.
    public static let collectors: [String] = catalog.reduce(into: []) { names, series in
        if names.last != series.collector { names.append(series.collector) }
    }

    /// The catalog index of `collector`/`metric`, if the catalog has it.
    static func index(collector: String, metric: String) -> Int? {
        catalog.firstIndex { $0.collector == collector && $0.metric == metric }
    }
}

/// Catalog positions of the series the value model refers to by name.
enum SeriesIndex {
    static let errorRate = 0
    static let requestLatency = 1
    static let requestRate = 2
    static let databaseConnections = 3
    static let databaseCPU = 4
    static let queryLatency = 5
    static let hostCPU = 6
    static let diskRead = 7
    static let diskWrite = 8
    static let memory = 9
    static let networkReceive = 10
    static let networkTransmit = 11
}
