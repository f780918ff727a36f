/// What an evaluation report says, as plain values: the evaluator fills it, `ReportRenderer` draws it.
///
/// The sections answer, in this order: is the candidate better than production (verdict), where does it
/// fail, which threshold, how many alerts a day; then the task's plots.
public struct EvaluationReport: Sendable {
    /// The report's heading, e.g. "collectors-anomalies@v2 on 2026-11-01..08".
    public var title: String
    /// How the figures were measured, one line each (data, rows after the training window, split,
    /// labels); shown under the title as a list.
    public var provenance: [String]
    /// Candidate against production; nil when only one model was evaluated.
    public var verdict: Verdict?
    /// Segments where the model does worst (per incident kind, per group), in the order to show.
    public var failures: [SegmentTable]
    /// Candidate thresholds and what each would give.
    public var thresholds: [ThresholdRow]
    /// Alerts per day at each level; nil for tasks without alerts (regression).
    public var alerts: AlertLoad?
    /// The task and its plot inputs.
    public var plots: Plots

    public init(title: String, provenance: [String] = [], verdict: Verdict? = nil, failures: [SegmentTable] = [],
                thresholds: [ThresholdRow] = [], alerts: AlertLoad? = nil, plots: Plots) {
        self.title = title
        self.provenance = provenance
        self.verdict = verdict
        self.failures = failures
        self.thresholds = thresholds
        self.alerts = alerts
        self.plots = plots
    }

    /// The kind of model evaluated, from its plots.
    public var task: String {
        switch plots {
        case .classification: "classification"
        case .anomaly: "anomaly detection"
        case .regression: "regression"
        }
    }
}

/// The plot inputs of one task.
public enum Plots: Sendable {
    case classification(ClassificationPlots)
    case anomaly(AnomalyPlots)
    case regression(RegressionPlots)
}

/// One model's curve (ROC, precision–recall, calibration) and its summary figure.
public struct ModelCurve: Sendable {
    /// The model, e.g. "candidate v7" or "production v6".
    public var model: String
    public var xs: [Double]
    public var ys: [Double]
    /// The figure shown next to the name, e.g. "AUC 0.912"; nil shows the name alone.
    public var summary: String?

    public init(model: String, xs: [Double], ys: [Double], summary: String? = nil) {
        self.model = model
        self.xs = xs
        self.ys = ys
        self.summary = summary
    }

    var legendName: String { summary.map { "\(model) (\($0))" } ?? model }
}

/// A bar's name and value (feature importance, delay per kind, error per hour).
public struct NamedValue: Sendable {
    public var name: String
    public var value: Double
    /// How many items the value summarises (the incidents behind a median), shown as "name (n=count)".
    public var count: Int?

    public init(name: String, value: Double, count: Int? = nil) {
        self.name = name
        self.value = value
        self.count = count
    }

    /// The name with its count, e.g. "drift (n=3)".
    public var label: String { count.map { "\(name) (n=\($0))" } ?? name }
}

/// Counts on a fixed grid of bins (a score or residual histogram).
public struct BinnedCounts: Sendable {
    /// Ascending bin edges, one more than `counts`.
    public var edges: [Double]
    public var counts: [Int]

    public init(edges: [Double], counts: [Int]) {
        self.edges = edges
        self.counts = counts
    }

    /// `values` counted in `binCount` equal bins over their range (see `Histogram.bins`).
    public init(values: [Double], binCount: Int) {
        let bins = Histogram.bins(of: values, binCount: binCount)
        self.init(edges: bins.edges, counts: bins.counts)
    }
}
