import ModelStore

extension TrainingSummary {
    /// The summary as one JSON object (`train --json`): the same facts as `lines(output:registered:)`,
    /// with full precision.
    public struct Report: Sendable, Equatable, Encodable {
        /// A feature and its impurity importance.
        public struct Importance: Sendable, Equatable, Encodable {
            /// The feature name.
            public let name: String
            /// Mean decrease in impurity, the importances summing to 1.
            public let importance: Double
        }

        /// The algorithm trained.
        public let algorithm: ModelAlgorithm
        /// Where the rows came from.
        public let data: String
        /// Training rows.
        public let rows: Int
        /// Feature names in model column order.
        public let features: [String]
        /// The target column, when one was named.
        public let target: String?
        /// Class names (classifiers).
        public let classes: [String]?
        /// Metrics by name, each named for how it was measured.
        public let metrics: [String: Double]
        /// Threshold levels (detectors).
        public let thresholds: [ThresholdLevel]
        /// The five most important features (Random Forests).
        public let topFeatures: [Importance]?
        /// Wall-clock seconds spent building the table and fitting.
        public let wallSeconds: Double
        /// The model file written, if any.
        public let saved: String?
        /// `NAME@vN` when registered.
        public let registered: String?
        /// How the `validation_…` metrics were measured, when `--validation` was given.
        public let validation: ValidationRecord?

        enum CodingKeys: String, CodingKey {
            case algorithm, data, rows, features, target, classes, metrics, thresholds, saved, registered, validation
            case topFeatures = "top_features"
            case wallSeconds = "wall_seconds"
        }
    }

    /// The report for `train --json`.
    /// - Parameters:
    ///   - output: the model file written, if any.
    ///   - registered: `NAME@vN` when registered.
    public func report(output: String?, registered: String?) -> Report {
        Report(
            algorithm: algorithm, data: source, rows: rows, features: features, target: target, classes: classNames,
            metrics: metrics, thresholds: thresholds,
            topFeatures: importances == nil ? nil : topFeatures.map { Report.Importance(name: $0.name, importance: $0.importance) },
            wallSeconds: seconds, saved: output, registered: registered, validation: validation)
    }
}
