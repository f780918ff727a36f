/// Axis lines, ticks and tick labels shared by the charts.
enum ChartAxes {
    static func drawFrame(on canvas: inout SVGCanvas, left: Double, right: Double, top: Double, bottom: Double) {
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ChartTheme.axis)
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, stroke: ChartTheme.axis)
    }

    static func drawYTicks(_ ticks: AxisTicks, on canvas: inout SVGCanvas, scale: LinearScale, left: Double) {
        for (value, label) in zip(ticks.values, ticks.labels) {
            canvas.line(x1: left - 4, y1: scale(value), x2: left, y2: scale(value), stroke: ChartTheme.axis)
            canvas.text(label, x: left - 7, y: scale(value) + 4, anchor: .end, size: ChartTheme.tickFontSize)
        }
    }

    /// Tick labels centred under their ticks, except the last one, which ends at its tick when centring
    /// would push it past the image's right edge.
    static func drawXTicks(_ ticks: AxisTicks, on canvas: inout SVGCanvas, scale: LinearScale, bottom: Double,
                           canvasWidth: Double, showsLabels: Bool = true) {
        for (value, label) in zip(ticks.values, ticks.labels) {
            let x = scale(value)
            canvas.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: ChartTheme.axis)
            guard showsLabels else { continue }
            let half = ChartTheme.textWidth(label, size: ChartTheme.tickFontSize) / 2
            let anchor: TextAnchor = x + half > canvasWidth - 4 ? .end : .middle
            canvas.text(label, x: anchor == .end ? min(x + 4, canvasWidth - 4) : x, y: bottom + 17,
                        anchor: anchor, size: ChartTheme.tickFontSize)
        }
    }
}
