import ArgumentParser
import Forests

/// Parses the option values that take a keyword, a count or a fraction.
///
/// A value with a decimal point is a fraction, a plain integer is a count,
/// as in scikit-learn (`max_features=1.0` means all, `max_features=1` one).
enum ForestOptionParsing {
    static func maxFeatures(_ text: String) throws -> ForestConfiguration.MaxFeatures {
        switch text {
        case "sqrt": return .sqrt
        case "log2": return .log2
        case "all": return .all
        default:
            switch try countOrFraction(text, option: "--max-features", keywords: "sqrt, log2, all") {
            case .count(let count): return .count(count)
            case .fraction(let fraction): return .fraction(fraction)
            }
        }
    }

    static func forestMaxSamples(_ text: String) throws -> ForestConfiguration.MaxSamples {
        if text == "all" { return .all }
        switch try countOrFraction(text, option: "--max-samples", keywords: "all") {
        case .count(let count): return .count(count)
        case .fraction(let fraction): return .fraction(fraction)
        }
    }

    static func isolationMaxSamples(_ text: String) throws -> IsolationForest.MaxSamples {
        if text == "auto" { return .auto }
        switch try countOrFraction(text, option: "--max-samples", keywords: "auto") {
        case .count(let count): return .count(count)
        case .fraction(let fraction): return .fraction(fraction)
        }
    }

    static func isolationMaxFeatures(_ text: String) throws -> IsolationForest.MaxFeatures {
        if text == "all" { return .all }
        switch try countOrFraction(text, option: "--max-features", keywords: "all") {
        case .count(let count): return .count(count)
        case .fraction(let fraction): return .fraction(fraction)
        }
    }

    static func contamination(_ text: String) throws -> IsolationForest.Contamination {
        if text == "auto" { return .auto }
        guard let fraction = Double(text), text.contains(".") || text.contains("e") else {
            throw ValidationError("--contamination must be auto or a fraction in (0, 0.5]; got '\(text)'.")
        }
        return .fraction(fraction)
    }

    private enum CountOrFraction {
        case count(Int)
        case fraction(Double)
    }

    private static func countOrFraction(_ text: String, option: String, keywords: String) throws -> CountOrFraction {
        if let count = Int(text) { return .count(count) }
        if let fraction = Double(text), fraction.isFinite { return .fraction(fraction) }
        throw ValidationError("\(option) must be \(keywords), an integer count or a fraction; got '\(text)'.")
    }
}
