import Foundation

/// Transforms that read a fixed number of rows back or only the current row.
enum RowKernels {
    /// `values[i − rows]` within the group (NaN before the group has that many rows), or,
    /// with `difference`, `values[i] − values[i − rows]`.
    /// - Complexity: O(n).
    static func shift(_ values: [Double], groups: [Range<Int>], rows: Int, difference: Bool) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        for group in groups where group.count > rows {
            for i in group.lowerBound + rows ..< group.upperBound {
                out[i] = difference ? values[i] - values[i - rows] : values[i - rows]
            }
        }
        return out
    }

    /// The value minus the value of the latest earlier row of the group whose time lies in
    /// [t − period − tolerance, t − period]; NaN when there is none.
    /// - Complexity: O(n): the target time only grows within a group.
    static func seasonalResidual(
        _ values: [Double], times: [Double], groups: [Range<Int>], period: Double, tolerance: Double
    ) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        for group in groups {
            var next = group.lowerBound
            for i in group {
                let target = times[i] - period
                while next < i, times[next] <= target { next += 1 }
                let j = next - 1
                if j >= group.lowerBound, times[j] >= target - tolerance {
                    out[i] = values[i] - values[j]
                }
            }
        }
        return out
    }

    /// numerator / denominator, NaN where the denominator is 0.
    static func ratio(_ numerator: [Double], _ denominator: [Double]) -> [Double] {
        zip(numerator, denominator).map { $1 == 0 ? .nan : $0 / $1 }
    }

    /// Sine and cosine of the UTC hour of day (fractional) or the day of week (Monday 0).
    static func calendar(_ times: [Double], field: CalendarField) -> (sin: [Double], cos: [Double]) {
        let angles: [Double] = times.map { t in
            let days = (t / 86_400).rounded(.down)
            switch field {
            case .hourOfDay:
                let hour = (t - days * 86_400) / 3_600
                return 2 * Double.pi * hour / 24
            case .dayOfWeek:
                let weekday = (days + 3).truncatingRemainder(dividingBy: 7)
                return 2 * Double.pi * (weekday < 0 ? weekday + 7 : weekday) / 7
            }
        }
        return (angles.map { Foundation.sin($0) }, angles.map { Foundation.cos($0) })
    }
}
