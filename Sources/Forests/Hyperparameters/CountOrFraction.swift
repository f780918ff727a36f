/// The numeric part of the count-or-fraction text forms: an integer is a count, any other finite number a fraction.
enum CountOrFraction {
    case count(Int)
    case fraction(Double)

    init?(_ text: String) {
        if let count = Int(text) {
            self = .count(count)
        } else if text.allSatisfy({ "0123456789.eE+-".contains($0) }), let fraction = Double(text), fraction.isFinite {
            self = .fraction(fraction)
        } else {
            return nil
        }
    }

    /// `N` or a fraction such as `0.5`.
    var description: String {
        switch self {
        case .count(let count): "\(count)"
        case .fraction(let fraction): "\(fraction)"
        }
    }

    /// Whether a count is ≥ 1 and a fraction in (0, 1].
    var isInRange: Bool {
        switch self {
        case .count(let count): count >= 1
        case .fraction(let fraction): fraction > 0 && fraction <= 1
        }
    }
}

/// A hyperparameter written as a keyword, an integer count or a fraction (`MaxFeatures`, `MaxSamples`):
/// one parser, one text form and one range check for all of them.
protocol CountOrFractionSetting: Equatable, LosslessStringConvertible {
    /// The keywords and the values they stand for, e.g. `("all", .all)`.
    static var keywords: [(text: String, value: Self)] { get }
    /// This many.
    static func count(_ count: Int) -> Self
    /// This fraction.
    static func fraction(_ fraction: Double) -> Self
    /// The count or fraction this value holds; nil for a keyword.
    var number: CountOrFraction? { get }
}

extension CountOrFractionSetting {
    /// Parses the text form: a keyword, an integer count or a fraction; nil for anything else.
    public init?(_ text: String) {
        if let keyword = Self.keywords.first(where: { $0.text == text }) {
            self = keyword.value
            return
        }
        switch CountOrFraction(text) {
        case .count(let count): self = .count(count)
        case .fraction(let fraction): self = .fraction(fraction)
        case nil: return nil
        }
    }

    /// The text form: a keyword, `N` or a fraction such as `0.5`.
    public var description: String {
        number?.description ?? Self.keywords.first { $0.value == self }!.text
    }

    /// Whether a count is ≥ 1 and a fraction in (0, 1]; keywords always are.
    /// Each forest's `validated()` names the values it accepts when this is false.
    var isInRange: Bool { number?.isInRange ?? true }
}
