import Forests

/// The `top_features` cell of a flagged row: `feature:share;…`, each share rounded to 3 decimals and
/// printed as Swift prints a `Double` (`0.5`, `0.123`, `1.0`).
///
/// A share rounded to thousandths is one of 1,001 values, so their texts are made once and a
/// cell is three appends, not three `Double` descriptions and string interpolations (which cost
/// ~1 µs a flagged row; 74,000 rows are flagged in the 567,498-row `http`-shaped benchmark).
struct ExplanationText {
    /// `"name:"` per feature.
    private let prefixes: [String]
    /// `"\(Double(k) / 1000)"` for k in 0 … 1000.
    private let thousandths: [String]

    init(features: [String]) {
        prefixes = features.map { $0 + ":" }
        thousandths = (0 ... 1000).map { "\(Double($0) / 1000)" }
    }

    /// The cell for `contributions` (largest first), equal to
    /// `contributions.map { "\(name):\((share * 1000).rounded() / 1000)" }.joined(separator: ";")`.
    func text(_ contributions: [FeatureContribution]) -> String {
        var cell = ""
        for (position, contribution) in contributions.enumerated() {
            if position > 0 { cell += ";" }
            cell += prefixes[contribution.feature]
            cell += share(contribution.share)
        }
        return cell
    }

    /// `"\((share * 1000).rounded() / 1000)"`: from the table for shares in [0, 1] (all of them:
    /// shares are normalised non-negative weights), computed otherwise.
    func share(_ share: Double) -> String {
        let scaled = (share * 1000).rounded()
        // (share × 1000).rounded() equals Double(k) for k = Int(scaled), so scaled / 1000 is Double(k) / 1000.
        // −0.0 prints as "-0.0", so only +0.0 … 1000 come from the table (NaN fails `<=`).
        if scaled.sign == .plus, scaled <= 1000 { return thousandths[Int(scaled)] }
        return "\(scaled / 1000)"
    }
}
