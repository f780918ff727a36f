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

    /// The smallest font size an axis title shrinks to before it may run past its room.
    static let minimumTitleSize = 8.0

    /// An axis title under the plot, centred on `centre` but shifted to stay inside the image, and set
    /// smaller when even the image's width cannot hold it at the normal size.
    static func drawXTitle(_ text: String, on canvas: inout SVGCanvas, centre: Double, y: Double, canvasWidth: Double) {
        let room = canvasWidth - 8
        let size = fittedSize(text, room: room)
        let half = ChartTheme.textWidth(text, size: size) / 2
        let x = half * 2 >= room ? canvasWidth / 2 : min(max(centre, 4 + half), canvasWidth - 4 - half)
        canvas.text(text, x: x, y: y, anchor: .middle, size: size)
    }

    /// A title rotated along the left edge, centred between `top` and `bottom`, set smaller
    /// when it is longer than that span.
    static func drawYTitle(_ text: String, on canvas: inout SVGCanvas, top: Double, bottom: Double) {
        canvas.text(text, x: 16, y: (top + bottom) / 2, anchor: .middle, size: fittedSize(text, room: bottom - top),
                    rotation: -90)
    }

    /// The normal font size, or the size at which `text`'s estimated width fits `room`, not below
    /// `minimumTitleSize`.
    static func fittedSize(_ text: String, room: Double) -> Double {
        let width = ChartTheme.textWidth(text)
        guard width > room, width > 0 else { return ChartTheme.fontSize }
        return max(minimumTitleSize, (ChartTheme.fontSize * room / width * 10).rounded(.down) / 10)
    }
}
