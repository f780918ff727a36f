/// A histogram of counts per bin with named vertical marker lines (warn and critical thresholds).
public struct Histogram: Sendable {
    public var title: String
    /// Alt text for screen readers.
    public var description: String
    public var xAxis: AxisLabel
    public var yAxis: AxisLabel
    /// Bin edges, ascending; `edges.count == counts.count + 1`.
    public var edges: [Double]
    public var counts: [Int]
    /// Vertical lines named in the legend.
    public var markers: [ReferenceLine]
    public var width: Double
    public var height: Double

    public init(title: String, description: String, xAxis: AxisLabel, yAxis: AxisLabel = AxisLabel("rows"),
                edges: [Double], counts: [Int], markers: [ReferenceLine] = [], width: Double = 720,
                height: Double = 340) {
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.edges = edges
        self.counts = counts
        self.markers = markers
        self.width = width
        self.height = height
    }

    /// Counts `values` in `binCount` equal bins over `lower...upper` (default: the finite values' range);
    /// values outside are counted in the end bins, non-finite values are skipped.
    /// - Complexity: O(n).
    public static func bins(of values: [Double], binCount: Int, lower: Double? = nil,
                            upper: Double? = nil) -> (edges: [Double], counts: [Int]) {
        let finite = values.filter(\.isFinite)
        let binCount = max(1, binCount)
        var low = lower ?? finite.min() ?? 0
        var high = upper ?? finite.max() ?? 1
        if high <= low { low -= 0.5; high = low + 1 }
        let width = (high - low) / Double(binCount)
        let edges = (0...binCount).map { low + Double($0) * width }
        var counts = [Int](repeating: 0, count: binCount)
        for value in finite {
            counts[min(binCount - 1, max(0, Int((value - low) / width)))] += 1
        }
        return (edges, counts)
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        var legend = Legend()
        for (index, marker) in markers.enumerated() {
            legend.items.append(("\(marker.name) = \(Self.markerValue(marker.value))",
                                 .line(colour: ChartTheme.referenceColours[index % 4], dash: "5 3")))
        }
        let top = 34 + Double(legend.rowCount(width: width - 24)) * Legend.rowHeight + 6
        let bottom = height - 50
        let maximum = Double(counts.max() ?? 1)
        let yTicks = AxisTicks.vertical(lower: 0, upper: max(1, maximum), length: bottom - top, fixed: false)
        let widestTick = yTicks.labels.map { ChartTheme.textWidth($0, size: ChartTheme.tickFontSize) }.max() ?? 0
        let left = 30 + widestTick + 8, right = width - 20
        var lower = edges.first ?? 0, upper = edges.last ?? 1
        for marker in markers {
            lower = min(lower, marker.value)
            upper = max(upper, marker.value)
        }
        let xTicks = AxisTicks.horizontal(lower: lower, upper: upper, length: right - left, fixed: false)
        let x = LinearScale(domain: (xTicks.lower, xTicks.upper), range: (left, right))
        let y = LinearScale(domain: (yTicks.lower, yTicks.upper), range: (bottom, top))

        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: 12, y: 22, size: ChartTheme.titleFontSize, bold: true)
        legend.draw(on: &canvas, left: 12, top: 30, width: width - 24)
        for value in yTicks.values {
            canvas.line(x1: left, y1: y(value), x2: right, y2: y(value), stroke: ChartTheme.grid)
        }
        for (index, count) in counts.enumerated() where count > 0 && index + 1 < edges.count {
            let start = x(edges[index]), end = x(edges[index + 1])
            let gap = end - start > 4 ? 1.0 : 0
            canvas.rect(x: start, y: y(Double(count)), width: end - start - gap, height: bottom - y(Double(count)),
                        fill: ChartTheme.colour(0), opacity: 0.8)
        }
        for (index, marker) in markers.enumerated() {
            canvas.line(x1: x(marker.value), y1: top, x2: x(marker.value), y2: bottom,
                        stroke: ChartTheme.referenceColours[index % 4], width: 2, dash: "5 3")
        }
        ChartAxes.drawFrame(on: &canvas, left: left, right: right, top: top, bottom: bottom)
        ChartAxes.drawYTicks(yTicks, on: &canvas, scale: y, left: left)
        ChartAxes.drawXTicks(xTicks, on: &canvas, scale: x, bottom: bottom, canvasWidth: width)
        ChartAxes.drawYTitle(yAxis.text, on: &canvas, top: top, bottom: bottom)
        ChartAxes.drawXTitle(xAxis.text, on: &canvas, centre: (left + right) / 2, y: height - 12, canvasWidth: width)
        return canvas.document(title: title, description: description)
    }

    private static func markerValue(_ value: Double) -> String {
        abs(value) >= 100 ? SVGNumber.fixed(value, decimals: 1) : SVGNumber.fixed(value, decimals: 3)
    }
}
