import ModelStore

/// What `train` reports: data, model, scores, threshold levels, top features, wall time.
public struct TrainingSummary: Sendable, Equatable {
    /// The algorithm trained.
    public let algorithm: ModelAlgorithm
    /// Where the rows came from.
    public let source: String
    /// Training rows.
    public let rows: Int
    /// Feature names in model column order.
    public let features: [String]
    /// The target column, when one was named.
    public let target: String?
    /// Class names (classifiers only).
    public let classNames: [String]?
    /// Metrics by name, each named for how it was measured (`oob_…`, training-row metrics).
    public let metrics: [String: Double]
    /// Threshold levels (detectors).
    public let thresholds: [ThresholdLevel]
    /// Impurity importances per feature (Random Forests).
    public let importances: [Double]?
    /// Wall-clock seconds spent building the table and fitting.
    public let seconds: Double
    /// How the `validation_…` metrics were measured, when `--validation` was given.
    public let validation: ValidationRecord?

    /// The five most important features, largest first (Random Forests).
    public var topFeatures: [(name: String, importance: Double)] {
        guard let importances else { return [] }
        return importances.enumerated().sorted { $0.element > $1.element }.prefix(5)
            .map { (features[$0.offset], $0.element) }
    }

    /// The report as lines, adding where the model went.
    /// - Parameters:
    ///   - output: the model file written, if any.
    ///   - registered: `NAME@vN` when registered.
    public func lines(output: String?, registered: String?) -> [String] {
        var lines = [
            "algorithm   \(algorithm.rawValue)",
            "data        \(source): \(rows) rows, \(features.count) features" + (target.map { ", target '\($0)'" } ?? ""),
        ]
        if let classNames {
            lines.append("classes     \(classNames.count): \(classNames.prefix(10).joined(separator: ", "))"
                + (classNames.count > 10 ? ", …" : ""))
        }
        for name in metrics.keys.sorted() {
            lines.append("metric      \(name) = \(Self.format(metrics[name]!))")
        }
        for level in thresholds {
            lines.append("threshold   \(level.name) = \(Self.format(level.value)) (\(level.rule ?? level.direction))")
        }
        if importances != nil {
            lines.append("top features  " + topFeatures.map { "\($0.name) \(Self.format($0.importance))" }
                .joined(separator: ", "))
        }
        if let validation {
            lines.append("validation  \(validation.strategy): \(validation.summary); \(validation.aggregation), "
                + "\(validation.testRows) test rows")
            for label in validation.measuredOn { lines.append("            \(label)") }
        }
        lines.append("wall time   \(Self.format(seconds)) s")
        if let output { lines.append("saved       \(output)") }
        if let registered { lines.append("registered  \(registered)") }
        return lines
    }

    private static func format(_ value: Double) -> String {
        "\((value * 10_000).rounded() / 10_000)"
    }
}
