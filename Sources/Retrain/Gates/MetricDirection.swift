/// Whether a larger value of a metric is better; the gates read improvement and regression through it.
public enum MetricDirection: Sendable, Equatable {
    case higherIsBetter
    case lowerIsBetter

    /// The direction of metric `key` (as `workbench evaluate --json` names it); nil for unknown keys.
    public static func of(_ key: String) -> MetricDirection? {
        if higher.contains(key) { return .higherIsBetter }
        if lower.contains(key) { return .lowerIsBetter }
        return nil
    }

    /// Every metric a gate may name, sorted.
    public static var knownMetrics: [String] { (higher + lower).sorted() }

    private static let higher = [
        "accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "average_precision",
        "precision_at_k", "r2", "event_recall",
    ]
    private static let lower = [
        "log_loss", "brier_score", "mae", "rmse", "mape", "median_delay_seconds",
        "false_alerts_per_group_day", "alert_episodes_per_group_day",
    ]

    /// How much `candidate` is worse than `baseline` (positive = worse), in the metric's own units.
    public func worsening(from baseline: Double, to candidate: Double) -> Double {
        switch self {
        case .higherIsBetter: baseline - candidate
        case .lowerIsBetter: candidate - baseline
        }
    }
}
