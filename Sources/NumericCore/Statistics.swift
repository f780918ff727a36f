/// Order statistics on plain arrays, shared by column statistics, scalers and alert thresholds.
///
/// Quantiles use linear interpolation between order statistics, numpy's default
/// (`method="linear"`, Hyndman & Fan 1996 type 7): for sorted values x₀ ≤ … ≤ xₙ₋₁
/// and probability p, with h = (n − 1)·p, the result is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
public enum Statistics {
    /// The `probability` quantile of `values`, skipping NaN (numpy's `nanquantile`).
    /// - Parameters:
    ///   - values: any values; NaN means missing and is ignored.
    ///   - probability: in [0, 1]; 0.5 is the median.
    /// - Returns: NaN when no value is present.
    /// - Throws: `NumericError.invalidArgument` when `probability` is outside [0, 1].
    /// - Complexity: O(n) for n ≥ 256 (a radix sort), O(n log n) below.
    public static func quantile(of values: [Double], probability: Double) throws(NumericError) -> Double {
        try quantiles(of: values, probabilities: [probability])[0]
    }

    /// Several quantiles of `values` from one sort, skipping NaN.
    /// - Parameters:
    ///   - values: any values; NaN means missing and is ignored.
    ///   - probabilities: each in [0, 1].
    /// - Returns: one quantile per probability, in order; NaN when no value is present.
    /// - Throws: `NumericError.invalidArgument` naming the first probability outside [0, 1].
    /// - Complexity: O(n + p) for n ≥ 256, O(n log n + p) below; one probability within 4,096
    ///   values of either end of 16,384 or more: O(n) comparisons, no sort.
    public static func quantiles(of values: [Double], probabilities: [Double]) throws(NumericError) -> [Double] {
        try validate(probabilities)
        let present = values.contains(where: \.isNaN) ? values.filter { !$0.isNaN } : values
        if probabilities.count == 1, let value = extremeQuantile(of: present, probability: probabilities[0]) {
            return [value]
        }
        // The radix order (O(n)) read backwards is the ascending order; equal values are interchangeable here.
        let sorted = DescendingOrder.indices(present).reversed().map { present[$0] }
        return probabilities.map { quantile(sorted: sorted, probability: $0) }
    }

    /// Throws unless every probability is in [0, 1].
    static func validate(_ probabilities: [Double]) throws(NumericError) {
        if let bad = probabilities.first(where: { !(0 ... 1).contains($0) }) {
            throw .invalidArgument("Quantile probabilities must be in [0, 1]; got \(bad).")
        }
    }

    /// The linearly interpolated quantile of ascending, NaN-free `sorted`; NaN when empty.
    static func quantile(sorted: [Double], probability: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Double(sorted.count - 1) * probability
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return interpolated(sorted[lower], sorted[upper], fraction: position - Double(lower))
    }

    /// `a + fraction × (b − a)` as numpy's `_lerp` computes it: from the nearer end, so
    /// fraction 1 returns `b` exactly.
    static func interpolated(_ a: Double, _ b: Double, fraction: Double) -> Double {
        let difference = b - a
        return fraction >= 0.5 ? b - difference * (1 - fraction) : a + difference * fraction
    }
}
