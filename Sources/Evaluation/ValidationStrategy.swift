/// How a model is measured on rows it did not train on, in one text form (`train --validation`).
///
/// | Text             | Meaning                                                                           |
/// |------------------|-----------------------------------------------------------------------------------|
/// | `time:25%`       | train on the oldest 75 % of the time span, test on the newest 25 %               |
/// | `walk-forward:5` | 5 expanding-window folds: each tests a later block of times, trains on all before |
/// | `kfold:5`        | 5 blocks of consecutive rows in time order; trains on later rows, so not time-ordered |
///
/// Time-ordered strategies (`time`, `walk-forward`) cut on distinct times, so every training row is
/// strictly older than every test row and rows sharing a timestamp (all tenants' 12:05 bucket) stay together.
public enum ValidationStrategy: Sendable, Hashable, Codable, LosslessStringConvertible {
    /// Hold out the newest `percent` of the time span, in (0, 100).
    case timeHoldout(percent: Double)
    /// `folds` walk-forward folds with an expanding training window, at least 1.
    case walkForward(folds: Int)
    /// `folds` folds of consecutive rows in time order, at least 2.
    case kFold(folds: Int)

    /// Whether no split trains on a row later than a row it tests on.
    public var isTimeOrdered: Bool {
        switch self {
        case .timeHoldout, .walkForward: true
        case .kFold: false
        }
    }

    /// The text form: `time:25%`, `walk-forward:5` or `kfold:5`.
    public var description: String {
        switch self {
        case .timeHoldout(let percent): "time:\(Self.format(percent))%"
        case .walkForward(let folds): "walk-forward:\(folds)"
        case .kFold(let folds): "kfold:\(folds)"
        }
    }

    /// The strategy in words, for reports: "time-ordered hold-out of the newest 25% of the time span".
    public var summary: String {
        switch self {
        case .timeHoldout(let percent):
            "time-ordered hold-out of the newest \(Self.format(percent))% of the time span"
        case .walkForward(let folds):
            "walk-forward validation, \(folds) expanding-window fold\(folds == 1 ? "" : "s") in time order"
        case .kFold(let folds):
            "\(folds)-fold cross-validation on consecutive blocks of rows in time order (not time-ordered: trains on later rows)"
        }
    }

    /// Parses the text form; `nil` when invalid (``init(parsing:)`` says why).
    public init?(_ description: String) {
        guard let strategy = try? ValidationStrategy(parsing: description) else { return nil }
        self = strategy
    }

    /// Parses the text form.
    /// - Throws: `EvaluationError.invalidInput` naming the text and what was expected.
    public init(parsing text: String) throws(EvaluationError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            throw .invalidInput("Validation strategy \"\(text)\" is not one of time:P%, walk-forward:K or kfold:K.")
        }
        let (kind, value) = (parts[0], parts[1])
        switch kind {
        case "time":
            guard value.hasSuffix("%"), let percent = Double(value.dropLast()), percent.isFinite else {
                throw .invalidInput("Validation strategy \"\(text)\" needs a percentage of the time span, such as time:25%.")
            }
            guard percent > 0, percent < 100 else {
                throw .invalidInput("The time hold-out share must be between 0% and 100% (exclusive); got \(value).")
            }
            self = .timeHoldout(percent: percent)
        case "walk-forward":
            guard let folds = Int(value), folds >= 1 else {
                throw .invalidInput("Walk-forward validation needs a whole number of folds of at least 1; got \"\(value)\".")
            }
            self = .walkForward(folds: folds)
        case "kfold":
            guard let folds = Int(value), folds >= 2 else {
                throw .invalidInput("K-fold validation needs a whole number of folds of at least 2; got \"\(value)\".")
            }
            self = .kFold(folds: folds)
        default:
            throw .invalidInput(
                "Unknown validation strategy \"\(kind)\" in \"\(text)\"; expected time:P%, walk-forward:K or kfold:K.")
        }
    }

    /// Decodes the text form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try ValidationStrategy(parsing: text)
    }

    /// Encodes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `25` for whole percentages, `12.5` otherwise, so the text form parses back to the same value.
    private static func format(_ percent: Double) -> String {
        percent == percent.rounded() && abs(percent) < 1e15 ? String(Int(percent)) : String(percent)
    }
}
