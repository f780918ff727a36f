/// The legend row(s) under a chart's title: one swatch and name per item, wrapped to the chart width.
struct Legend {
    enum Swatch {
        case line(colour: String, dash: String?)
        case area(colour: String, opacity: Double)
        case marker(colour: String)
        case point(colour: String)
    }

    var items: [(name: String, swatch: Swatch)] = []

    static let rowHeight = 18.0

    /// The number of rows the items need in `width`.
    func rowCount(width: Double) -> Int { layout(width: width).last.map { $0.row + 1 } ?? 0 }

    /// Draws the items in rows starting at `top`, from `left` to `left + width`.
    func draw(on canvas: inout SVGCanvas, left: Double, top: Double, width: Double) {
        for (index, place) in layout(width: width).enumerated() {
            let item = items[index]
            let x = left + place.x
            let middle = top + Double(place.row) * Self.rowHeight + 9
            switch item.swatch {
            case .line(let colour, let dash):
                canvas.line(x1: x, y1: middle, x2: x + 22, y2: middle, stroke: colour, width: 2, dash: dash)
            case .area(let colour, let opacity):
                canvas.rect(x: x, y: middle - 6, width: 22, height: 12, fill: colour, opacity: opacity)
            case .marker(let colour):
                canvas.path(Triangle.down(x: x + 11, y: middle - 5), fill: colour)
            case .point(let colour):
                canvas.circle(cx: x + 11, cy: middle, r: 3.5, fill: colour)
            }
            canvas.text(item.name, x: x + 28, y: middle + 4)
        }
    }

    private func layout(width: Double) -> [(row: Int, x: Double)] {
        var result: [(row: Int, x: Double)] = []
        var row = 0, x = 0.0
        for item in items {
            let itemWidth = 28 + ChartTheme.textWidth(item.name) + 18
            if x > 0, x + itemWidth > width {
                row += 1
                x = 0
            }
            result.append((row, x))
            x += itemWidth
        }
        return result
    }
}

/// Path data for the small triangles that mark alerts.
enum Triangle {
    /// A downward triangle 8 px wide whose tip is 7 px below `y`.
    static func down(x: Double, y: Double) -> String {
        let n = SVGNumber.coordinate
        return "M\(n(x - 4)) \(n(y))L\(n(x + 4)) \(n(y))L\(n(x)) \(n(y + 7))Z"
    }
}
