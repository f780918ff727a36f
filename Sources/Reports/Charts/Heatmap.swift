/// A grid of labelled cells shaded by value (a confusion matrix: rows actual, columns predicted).
public struct Heatmap: Sendable {
    public var title: String
    /// Alt text for screen readers.
    public var description: String
    /// What the rows are, e.g. "actual class".
    public var rowAxis: String
    /// What the columns are, e.g. "predicted class".
    public var columnAxis: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; the shade is the value over the largest value.
    public var values: [[Double]]
    /// The text in each cell, `cellLabels[row][column]` (e.g. "412 (95.1 %)").
    public var cellLabels: [[String]]

    public init(title: String, description: String, rowAxis: String, columnAxis: String, rowLabels: [String],
                columnLabels: [String], values: [[Double]], cellLabels: [[String]]) {
        self.title = title
        self.description = description
        self.rowAxis = rowAxis
        self.columnAxis = columnAxis
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.cellLabels = cellLabels
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let widestCell = cellLabels.joined().map { ChartTheme.textWidth($0) }.max() ?? 0
        let widestColumn = columnLabels.map { ChartTheme.textWidth($0) }.max() ?? 0
        let cellWidth = max(90, widestCell + 16, widestColumn + 12)
        let cellHeight = 56.0
        let widestRow = rowLabels.map { ChartTheme.textWidth($0) }.max() ?? 0
        let left = 30 + widestRow + 10, top = 44.0
        let gridWidth = cellWidth * Double(columnLabels.count)
        let gridHeight = cellHeight * Double(rowLabels.count)
        let width = max(left + gridWidth + 20, ChartTheme.textWidth(title, size: ChartTheme.titleFontSize) + 24)
        let height = top + gridHeight + 52
        let maximum = values.joined().max() ?? 0

        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: 12, y: 22, size: ChartTheme.titleFontSize, bold: true)
        for (row, rowValues) in values.enumerated() where row < rowLabels.count {
            for (column, value) in rowValues.enumerated() where column < columnLabels.count {
                let share = maximum > 0 ? max(0, value) / maximum : 0
                let x = left + Double(column) * cellWidth, y = top + Double(row) * cellHeight
                canvas.rect(x: x, y: y, width: cellWidth, height: cellHeight, fill: Self.shade(share),
                            stroke: ChartTheme.background)
                let label = row < cellLabels.count && column < cellLabels[row].count ? cellLabels[row][column] : ""
                canvas.text(label, x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, anchor: .middle,
                            fill: share > 0.5 ? ChartTheme.background : ChartTheme.text)
            }
            canvas.text(rowLabels[row], x: left - 8, y: top + (Double(row) + 0.5) * cellHeight + 4, anchor: .end)
        }
        for (column, label) in columnLabels.enumerated() {
            canvas.text(label, x: left + (Double(column) + 0.5) * cellWidth, y: top + gridHeight + 18, anchor: .middle)
        }
        ChartAxes.drawYTitle(rowAxis, on: &canvas, top: top, bottom: top + gridHeight)
        ChartAxes.drawXTitle(columnAxis, on: &canvas, centre: left + gridWidth / 2, y: height - 10, canvasWidth: width)
        return canvas.document(title: title, description: description)
    }

    /// A blue from near-white (0) to dark (1), interpolated in RGB.
    static func shade(_ share: Double) -> String {
        let light = (240.0, 246.0, 252.0), dark = (8.0, 69.0, 148.0)
        let t = min(1, max(0, share))
        func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        let red = channel(light.0, dark.0), green = channel(light.1, dark.1), blue = channel(light.2, dark.2)
        return "#" + [red, green, blue].map { value in
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
