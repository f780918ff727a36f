import NumericCore
@testable import Datasets

/// Small generated data sets shared by the synthetic-metrics suites, built once.
enum SyntheticFixtures {
    /// Two tenants, one week, 5-minute buckets: every kind of incident, gap and seasonality, quickly.
    static let weekConfiguration = SyntheticMetrics.Configuration(tenants: 2, days: 7, intervalSeconds: 300, seed: 7)
    static let week = SyntheticMetrics(configuration: weekConfiguration)
    static let weekLong = week.longDataset()
    static let weekWide = week.wideDataset()

    /// The same week without incidents.
    static let cleanWeek: SyntheticMetrics = {
        var configuration = weekConfiguration
        configuration.injectsIncidents = false
        return SyntheticMetrics(configuration: configuration)
    }()

    /// A SHA-256 over every sample's fields, values by their bits.
    static func digest(of generator: SyntheticMetrics) -> String {
        var hasher = Digest.Hasher()
        generator.forEachSample { sample in
            let text = "\(sample.timestamp),\(sample.tenant),\(sample.collector),\(sample.metric),"
            Array(text.utf8).withUnsafeBytes { hasher.update($0) }
            withUnsafeBytes(of: sample.value.bitPattern.littleEndian) { hasher.update($0) }
        }
        return hasher.finalizeHex()
    }

    /// Every sample, in generation order.
    static func samples(of generator: SyntheticMetrics) -> [MetricSample] {
        var samples: [MetricSample] = []
        generator.forEachSample { samples.append($0) }
        return samples
    }

    /// The numeric values of column `name`.
    static func numbers(_ dataset: Dataset, _ name: String) -> [Double] {
        guard case .numeric(let values)? = dataset.column(named: name)?.data else { return [] }
        return values
    }

    /// The text values of column `name`.
    static func texts(_ dataset: Dataset, _ name: String) -> [String?] {
        guard case .text(let values)? = dataset.column(named: name)?.data else { return [] }
        return values
    }
}
