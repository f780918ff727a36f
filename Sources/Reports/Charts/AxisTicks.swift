/// Tick values with their labels, chosen so labels fit along an axis without overlapping.
struct AxisTicks {
    var values: [Double]
    var labels: [String]
    /// The domain the axis covers: widened to the outer ticks for numeric axes, unchanged for time.
    var lower: Double
    var upper: Double

    /// Numeric ticks for a horizontal axis `length` pixels long; the domain is widened to the outer
    /// ticks unless `fixed`.
    static func horizontal(lower: Double, upper: Double, length: Double, fixed: Bool) -> AxisTicks {
        for count in stride(from: 11, through: 2, by: -1) {
            let ticks = numeric(lower: lower, upper: upper, maximumCount: count, fixed: fixed)
            let widest = ticks.labels.map { ChartTheme.textWidth($0, size: ChartTheme.tickFontSize) }.max() ?? 0
            let spacing = length / Double(max(1, count - 1))
            if spacing >= widest + 14 { return ticks }
        }
        return numeric(lower: lower, upper: upper, maximumCount: 2, fixed: fixed)
    }

    /// Numeric ticks for a vertical axis `length` pixels long (at least 28 px between ticks).
    static func vertical(lower: Double, upper: Double, length: Double, fixed: Bool) -> AxisTicks {
        numeric(lower: lower, upper: upper, maximumCount: max(2, min(7, Int(length / 28))), fixed: fixed)
    }

    /// UTC time ticks (seconds since the epoch) for a horizontal axis `length` pixels long.
    static func time(lower: Double, upper: Double, length: Double) -> AxisTicks {
        for count in stride(from: 10, through: 2, by: -1) {
            let ticks = TimeTicks.ticks(lower: lower, upper: upper, maximumCount: count)
            let labelWidth = ChartTheme.textWidth("00-00 00:00", size: ChartTheme.tickFontSize)
            let spacing = length / Double(max(1, count - 1))
            if spacing >= labelWidth + 16 || count == 2 {
                return AxisTicks(values: ticks.values,
                                 labels: ticks.values.map { TimeTicks.label($0, dateOnly: ticks.dateOnly) },
                                 lower: lower, upper: upper)
            }
        }
        return AxisTicks(values: [], labels: [], lower: lower, upper: upper)
    }

    private static func numeric(lower: Double, upper: Double, maximumCount: Int, fixed: Bool) -> AxisTicks {
        let (values, step) = NiceTicks.ticks(lower: lower, upper: upper, maximumCount: maximumCount)
        let newLower = fixed ? lower : min(lower, values.first ?? lower)
        let newUpper = fixed ? upper : max(upper, values.last ?? upper)
        let inside = values.filter { $0 >= newLower - 1e-9 && $0 <= newUpper + 1e-9 }
        let axisMaximum = max(abs(newLower), abs(newUpper))
        return AxisTicks(values: inside,
                         labels: inside.map { NiceTicks.label($0, step: step, axisMaximum: axisMaximum) },
                         lower: newLower, upper: newUpper)
    }
}
