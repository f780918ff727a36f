/// Which training rows an isolation forest's offset flags as anomalies (scikit-learn's `contamination`).
///
/// One text form, used by the command line and by model files: `auto` or a fraction
/// written with a decimal point (`0.02`).
public enum Contamination: Sendable, Equatable, LosslessStringConvertible {
    /// The paper's boundary: rows scoring above 0.5 are anomalies, with no assumption about their rate.
    case auto
    /// This fraction in (0, 0.5] of the training rows: the offset is that quantile of the
    /// training scores (numpy's linear percentile, as scikit-learn).
    case fraction(Double)

    /// Parses the text form; nil for anything else (a bare integer such as `1` is refused,
    /// since it reads as a count, which contamination is not).
    public init?(_ text: String) {
        if text == "auto" {
            self = .auto
        } else if case .fraction(let fraction) = CountOrFraction(text) {
            self = .fraction(fraction)
        } else {
            return nil
        }
    }

    /// The text form: `auto` or a fraction such as `0.02`.
    public var description: String {
        switch self {
        case .auto: "auto"
        case .fraction(let fraction): "\(fraction)"
        }
    }

    /// Checks the range.
    /// - Throws: `ForestError.invalidParameter` for a fraction outside (0, 0.5].
    func check() throws(ForestError) {
        if case .fraction(let fraction) = self {
            guard fraction > 0, fraction <= 0.5 else {
                throw .invalidParameter("contamination must be 'auto' or in (0, 0.5]; got \(fraction).")
            }
        }
    }
}
