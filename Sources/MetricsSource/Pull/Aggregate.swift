/// A per-bucket aggregate of raw metric values, computed by the server.
///
/// Every aggregate yields a `double precision`, so all pulled columns share one
/// type. A bucket without samples is missing (NaN) for every aggregate, count
/// included, so gaps look the same in every column.
public enum Aggregate: String, Sendable, CaseIterable, Codable {
    /// Arithmetic mean.
    case avg
    /// Smallest value.
    case min
    /// Largest value.
    case max
    /// Sum of the values.
    case sum
    /// Number of samples.
    case count
    /// Sample standard deviation (`stddev_samp`, n − 1); missing for one sample.
    case stddev
    /// 95th percentile, interpolated (`percentile_cont(0.95)`, as numpy's default "linear").
    case p95

    /// The SQL expression over the raw values `m.metric_value`.
    var sqlExpression: String {
        switch self {
        case .avg: "avg(m.metric_value)"
        case .min: "min(m.metric_value)"
        case .max: "max(m.metric_value)"
        case .sum: "sum(m.metric_value)"
        case .count: "count(*)::double precision"
        case .stddev: "stddev_samp(m.metric_value)"
        case .p95: "percentile_cont(0.95) WITHIN GROUP (ORDER BY m.metric_value)"
        }
    }

    /// Parses an aggregate name as written on the command line.
    /// - Throws: `MetricsSourceError.invalidRequest` listing the accepted names.
    public static func parse(_ text: String) throws(MetricsSourceError) -> Aggregate {
        guard let aggregate = Aggregate(rawValue: text.lowercased()) else {
            throw .invalidRequest("Unknown aggregate '\(text.truncatedForMessage())'; expected one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return aggregate
    }
}
