import Evaluation

extension ModelEvaluation {
    /// How to evaluate: which columns hold the truth, time, group and incident kind, and how to compare.
    public struct Options: Sendable, Equatable {
        /// The column with the truth: class labels (classifier), numbers (regressor) or 0/1 labels (detector).
        public var target: String
        /// The time column (epoch seconds or ISO 8601 text); needed for event metrics and time ranges;
        /// default none.
        public var time: String?
        /// The group column (tenant, host): incidents never cross groups; default none (one group).
        public var group: String?
        /// The column naming each incident's kind (e.g. `incident_kind`), for events `by_kind`; default none.
        public var eventKind: String?
        /// The positive class of a binary classifier, as written in the data; default nil = `1`
        /// (incident, anomaly), the convention of the bundled labels.
        public var positive: String?
        /// The metric compared with `against`; default nil = `average_precision` (labels) or `r2` (regression).
        public var compareMetric: ComparisonMetric?
        /// The bootstrap of the comparison; default 1000 resamples of ⌈n^(1/3)⌉-row blocks, seed 0.
        public var bootstrap: BlockBootstrap
        /// Worker threads for scoring, ≥ 1; default nil = every core. Never changes the results.
        public var threads: Int?
        /// Epoch seconds: rows before this time are context only. They give a model's feature spec the
        /// history its rolling windows and seasonal residuals read, but are not measured. Needs `time`;
        /// default nil = every row is measured.
        public var measuredFrom: Double?
        /// Regressors: also measure how often the actual value falls inside the central `interval` share of the
        /// trees' predictions (`predict --interval`), as `interval_coverage`; in (0, 1); default nil (not measured).
        public var interval: Double? = nil

        /// Options with the defaults above unless given.
        public init(
            target: String, time: String? = nil, group: String? = nil, eventKind: String? = nil,
            positive: String? = nil, compareMetric: ComparisonMetric? = nil,
            bootstrap: BlockBootstrap = BlockBootstrap(), threads: Int? = nil, measuredFrom: Double? = nil
        ) {
            self.target = target
            self.time = time
            self.group = group
            self.eventKind = eventKind
            self.positive = positive
            self.compareMetric = compareMetric
            self.bootstrap = bootstrap
            self.threads = threads
            self.measuredFrom = measuredFrom
        }
    }
}
