import Foundation

/// Axis ticks at 1, 2 or 5 times a power of ten, and their labels.
///
/// Goals, in order: deterministic labels → labels that fit the axis → as many ticks as fit.
public enum NiceTicks {
    /// Ticks covering `lower...upper`, at most `maximumCount` of them, with the domain widened to the
    /// outer ticks.
    ///
    /// - Parameters:
    ///   - lower: the smallest data value.
    ///   - upper: the largest data value; equal to `lower` widens the domain by one unit each side.
    ///   - maximumCount: the most ticks that fit (at least 2).
    /// - Returns: the ascending tick values and the step between them.
    public static func ticks(lower: Double, upper: Double, maximumCount: Int) -> (values: [Double], step: Double) {
        var lower = lower.isFinite ? lower : 0
        var upper = upper.isFinite ? upper : 1
        if upper < lower { swap(&lower, &upper) }
        if upper == lower {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= pad
            upper += pad
        }
        let count = max(2, maximumCount)
        let rough = (upper - lower) / Double(count - 1)
        var magnitude = pow(10, floor(log10(rough)))
        var step = magnitude
        search: while true {
            for factor in [1.0, 2.0, 5.0] {
                step = factor * magnitude
                let first = floor(lower / step + 1e-9)
                let last = ceil(upper / step - 1e-9)
                if Int(last - first) + 1 <= count { break search }
            }
            magnitude *= 10
        }
        let first = floor(lower / step + 1e-9)
        let last = ceil(upper / step - 1e-9)
        // Rounded to the step's decimals, so 3 × 0.2 is 0.6 and not 0.6000000000000001.
        let scale = pow(10, Double(decimals(step)))
        let values = stride(from: first, through: last, by: 1).map { ($0 * step * scale).rounded() / scale }
        return (values, step)
    }

    /// A tick label with as many decimals as `step` needs, and a k/M/G suffix when the axis reaches
    /// 10 000 (k), 1 000 000 (M) or 10⁹ (G) ("2.5M" for 2 500 000 on steps of 500 000).
    public static func label(_ value: Double, step: Double, axisMaximum: Double) -> String {
        for (divisor, suffix, from) in [(1e9, "G", 1e9), (1e6, "M", 1e6), (1e3, "k", 1e4)] where axisMaximum >= from {
            return SVGNumber.fixed(value / divisor, decimals: decimals(step / divisor)) + suffix
        }
        return SVGNumber.fixed(value, decimals: decimals(step))
    }

    /// The decimals that show multiples of `step` exactly (0 for 5, 1 for 0.5, 2 for 0.25 is not a step).
    static func decimals(_ step: Double) -> Int {
        step > 0 ? max(0, Int(-floor(log10(step) + 1e-9))) : 0
    }
}
