/// Candidate against production on each compared metric.
///
/// The verdict is the first comparison's outcome: put the metric the decision rests on first.
public struct Verdict: Sendable {
    public var candidate: String
    public var production: String
    public var comparisons: [MetricComparison]

    public init(candidate: String, production: String, comparisons: [MetricComparison]) {
        self.candidate = candidate
        self.production = production
        self.comparisons = comparisons
    }

    /// The outcome of the first comparison; inconclusive when there is none.
    public var outcome: Outcome { comparisons.first?.outcome ?? .inconclusive }
}

/// Better, worse, or not distinguishable at 95 %.
public enum Outcome: String, Sendable {
    case better, worse, inconclusive
}

/// One metric for both models and the 95 % confidence interval of their difference.
public struct MetricComparison: Sendable {
    public var metric: String
    public var candidate: Double
    public var production: Double
    /// The 95 % confidence interval of candidate − production (e.g. from a day-block bootstrap).
    public var intervalLower: Double
    public var intervalUpper: Double
    /// True for AUC or recall, false for error or alerts per day.
    public var higherIsBetter: Bool

    public init(metric: String, candidate: Double, production: Double, intervalLower: Double,
                intervalUpper: Double, higherIsBetter: Bool) {
        self.metric = metric
        self.candidate = candidate
        self.production = production
        self.intervalLower = intervalLower
        self.intervalUpper = intervalUpper
        self.higherIsBetter = higherIsBetter
    }

    /// candidate − production.
    public var difference: Double { candidate - production }

    /// Better or worse when the interval excludes zero, inconclusive when it contains it.
    public var outcome: Outcome {
        if intervalLower > 0 { return higherIsBetter ? .better : .worse }
        if intervalUpper < 0 { return higherIsBetter ? .worse : .better }
        return .inconclusive
    }
}

/// A table of segments (incident kinds, groups, hours) with one row each, for "where it fails".
public struct SegmentTable: Sendable {
    /// One numeric column.
    public struct Column: Sendable {
        public var name: String
        /// Decimals shown; 0 for counts.
        public var decimals: Int

        public init(name: String, decimals: Int) {
            self.name = name
            self.decimals = decimals
        }
    }

    /// One segment's values; nil prints "–" (undefined, e.g. recall without incidents).
    public struct Row: Sendable {
        public var segment: String
        public var values: [Double?]

        public init(segment: String, values: [Double?]) {
            self.segment = segment
            self.values = values
        }
    }

    /// The table's heading, e.g. "Detection by incident kind".
    public var title: String
    /// The first column's name, e.g. "incident kind".
    public var dimension: String
    public var columns: [Column]
    /// Rows in the order to show (worst first).
    public var rows: [Row]
    /// A sentence under the table on how it was measured.
    public var note: String?

    public init(title: String, dimension: String, columns: [Column], rows: [Row], note: String? = nil) {
        self.title = title
        self.dimension = dimension
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}

/// One candidate threshold: how it was chosen and what it gives on the evaluation rows.
public struct ThresholdRow: Sendable {
    /// e.g. "warn", "critical", "f1_optimal".
    public var name: String
    public var value: Double
    /// How it was chosen, e.g. "contamination 0.05".
    public var rule: String
    public var precision: Double?
    public var recall: Double?
    public var alertsPerDay: Double?
    /// The threshold the report recommends.
    public var isChosen: Bool

    public init(name: String, value: Double, rule: String, precision: Double? = nil, recall: Double? = nil,
                alertsPerDay: Double? = nil, isChosen: Bool = false) {
        self.name = name
        self.value = value
        self.rule = rule
        self.precision = precision
        self.recall = recall
        self.alertsPerDay = alertsPerDay
        self.isChosen = isChosen
    }
}

/// Alerts raised per UTC day at each level.
public struct AlertLoad: Sendable {
    /// One level's daily counts, aligned with `days`.
    public struct Level: Sendable {
        public var name: String
        public var counts: [Int]

        public init(name: String, counts: [Int]) {
            self.name = name
            self.counts = counts
        }
    }

    /// Start of each day, seconds since the epoch (UTC midnight).
    public var days: [Double]
    public var levels: [Level]
    /// Alerts a day the on-call team can take; nil when not given.
    public var budget: Double?

    public init(days: [Double], levels: [Level], budget: Double? = nil) {
        self.days = days
        self.levels = levels
        self.budget = budget
    }
}
