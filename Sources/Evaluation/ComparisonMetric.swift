/// A metric two models can be compared on with ``ModelComparison``.
///
/// `average_precision` and `roc_auc` take binary truth and scores (positive-class probabilities or anomaly
/// scores); `r2`, `mae`, `rmse` and `mape` take numeric truth and predictions. The text form is the metric's
/// JSON key (`--compare-metric average_precision`).
public enum ComparisonMetric: String, Codable, Sendable, CaseIterable, LosslessStringConvertible {
    case averagePrecision = "average_precision"
    case rocAUC = "roc_auc"
    case r2
    case mae
    case rmse
    case mape

    /// Whether larger values are better (true for `average_precision`, `roc_auc` and `r2`).
    public var higherIsBetter: Bool {
        switch self {
        case .averagePrecision, .rocAUC, .r2: true
        case .mae, .rmse, .mape: false
        }
    }

    /// Whether the metric scores binary truth (otherwise numeric truth).
    public var isRanking: Bool { self == .averagePrecision || self == .rocAUC }

    /// The metric's JSON key.
    public var description: String { rawValue }

    /// Parses a JSON key; `nil` for anything else (``init(parsing:)`` says why).
    public init?(_ description: String) { self.init(rawValue: description) }

    /// Parses a JSON key.
    /// - Throws: `EvaluationError.invalidInput` naming the text and the accepted names.
    public init(parsing text: String) throws(EvaluationError) {
        guard let metric = ComparisonMetric(rawValue: text) else {
            let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidInput("Unknown comparison metric \"\(text)\"; expected one of \(names).")
        }
        self = metric
    }
}
