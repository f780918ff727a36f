/// Horizontal bars, one per category, with the value written at each bar's end (feature importance,
/// detection delay per incident kind, error by hour of day).
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// The text at the bar's end; nil writes the value with the chart's decimals.
        public var valueLabel: String?

        public init(label: String, value: Double, valueLabel: String? = nil) {
            self.label = label
            self.value = value
            self.valueLabel = valueLabel
        }
    }

    public var title: String
    /// Alt text for screen readers.
    public var description: String
    /// The value axis (bottom), with its unit.
    public var valueAxis: AxisLabel
    /// What the categories are (left), e.g. "feature".
    public var categoryAxis: String
    /// Bars top to bottom, in the order given.
    public var bars: [Bar]
    /// Decimals of value labels written from `value`.
    public var decimals: Int
    public var width: Double

    public init(title: String, description: String, valueAxis: AxisLabel, categoryAxis: String, bars: [Bar],
                decimals: Int = 3, width: Double = 720) {
        self.title = title
        self.description = description
        self.valueAxis = valueAxis
        self.categoryAxis = categoryAxis
        self.bars = bars
        self.decimals = decimals
        self.width = width
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let rowHeight = 22.0
        let labels = bars.map { $0.valueLabel ?? SVGNumber.fixed($0.value, decimals: decimals) }
        let widestCategory = bars.map { ChartTheme.textWidth($0.label) }.max() ?? 0
        let widestValue = labels.map { ChartTheme.textWidth($0, size: ChartTheme.tickFontSize) }.max() ?? 0
        let left = 30 + widestCategory + 10, right = width - widestValue - 16
        // At least as tall as the rotated category title, with the bars centred, so few bars never push the
        // title into the chart's heading.
        let barsHeight = rowHeight * Double(bars.count) + 4
        let areaHeight = max(barsHeight, ChartTheme.textWidth(categoryAxis) + 16)
        let top = 38.0, bottom = top + areaHeight
        let barsTop = top + (areaHeight - barsHeight) / 2
        let height = bottom + 50
        let finite = bars.map(\.value).filter(\.isFinite)
        let xTicks = AxisTicks.horizontal(lower: min(0, finite.min() ?? 0), upper: max(0, finite.max() ?? 1),
                                          length: right - left, fixed: false)
        let x = LinearScale(domain: (xTicks.lower, xTicks.upper), range: (left, right))

        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: 12, y: 22, size: ChartTheme.titleFontSize, bold: true)
        for value in xTicks.values {
            canvas.line(x1: x(value), y1: top, x2: x(value), y2: bottom, stroke: ChartTheme.grid)
        }
        for (index, bar) in bars.enumerated() {
            let y = barsTop + 4 + Double(index) * rowHeight
            let value = bar.value.isFinite ? bar.value : 0
            let start = min(x(0), x(value)), end = max(x(0), x(value))
            canvas.rect(x: start, y: y, width: max(1, end - start), height: rowHeight - 6, fill: ChartTheme.colour(0),
                        opacity: 0.85)
            canvas.text(bar.label, x: left - 8, y: y + rowHeight / 2 + 1, anchor: .end)
            canvas.text(labels[index], x: value < 0 ? start - 4 : end + 4, y: y + rowHeight / 2 + 1,
                        anchor: value < 0 ? .end : .start, size: ChartTheme.tickFontSize)
        }
        canvas.line(x1: x(0), y1: top, x2: x(0), y2: bottom, stroke: ChartTheme.axis)
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ChartTheme.axis)
        ChartAxes.drawXTicks(xTicks, on: &canvas, scale: x, bottom: bottom, canvasWidth: width)
        ChartAxes.drawYTitle(categoryAxis, on: &canvas, top: top, bottom: bottom)
        ChartAxes.drawXTitle(valueAxis.text, on: &canvas, centre: (left + right) / 2, y: height - 12, canvasWidth: width)
        return canvas.document(title: title, description: description)
    }
}
