extension LineChart {
    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let names = seriesNames()
        let legend = makeLegend(names: names)
        let legendRows = legend.rowCount(width: width - 24)
        let hasPanelTitles = panels.contains { $0.title != nil }
        let panelHeader = hasPanelTitles ? 20.0 : 6
        let top = 34 + Double(legendRows) * Legend.rowHeight
        let gap = 8.0

        let yTicks = panelYTicks()
        let widestTick = yTicks.flatMap(\.labels).map { ChartTheme.textWidth($0, size: ChartTheme.tickFontSize) }.max() ?? 0
        let left = 30 + widestTick + 8
        let right = width - 20
        let plotWidth = right - left
        let xTicks = makeXTicks(length: plotWidth)
        let x = LinearScale(domain: (xTicks.lower, xTicks.upper), range: (left, right))

        let panelsHeight = Double(panels.count) * (panelHeader + panelHeight) + Double(max(0, panels.count - 1)) * gap
        let height = top + panelsHeight + 50
        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: 12, y: 22, size: ChartTheme.titleFontSize, bold: true)
        legend.draw(on: &canvas, left: 12, top: 30, width: width - 24)

        var panelTop = top
        for (index, panel) in panels.enumerated() {
            let plotTop = panelTop + panelHeader
            let plotBottom = plotTop + panelHeight
            if let panelTitle = panel.title {
                canvas.text(panelTitle, x: left, y: plotTop - 6, bold: true)
            }
            let ticks = yTicks[index]
            let y = LinearScale(domain: (ticks.lower, ticks.upper), range: (plotBottom, plotTop))
            drawPanel(panel, names: names, on: &canvas, x: x, y: y, xTicks: xTicks, yTicks: ticks,
                      top: plotTop, bottom: plotBottom, left: left, right: right,
                      showsXLabels: index == panels.count - 1)
            ChartAxes.drawYTitle((panel.yAxis ?? yAxis).text, on: &canvas, top: plotTop, bottom: plotBottom)
            panelTop = plotBottom + gap
        }
        ChartAxes.drawXTitle(xAxisText, on: &canvas, centre: (left + right) / 2, y: height - 12, canvasWidth: width)
        return canvas.document(title: title, description: description)
    }

    private var xAxisText: String { xScale == .time && xAxis.unit == nil ? "\(xAxis.title) (UTC)" : xAxis.text }

    /// Data series names in order of first appearance; a name keeps its colour in every panel.
    private func seriesNames() -> [String] {
        var names: [String] = []
        for panel in panels {
            for series in panel.series where !series.isReference && !names.contains(series.name) { names.append(series.name) }
        }
        return names
    }

    /// Reference series names (guides), after the data series in the legend.
    private func guideNames() -> [String] {
        var names: [String] = []
        for panel in panels {
            for series in panel.series where series.isReference && !names.contains(series.name) { names.append(series.name) }
        }
        return names
    }

    private func makeLegend(names: [String]) -> Legend {
        var legend = Legend()
        for (index, name) in names.enumerated() {
            legend.items.append((name, .line(colour: ChartTheme.colour(index), dash: ChartTheme.dash(index))))
        }
        for name in guideNames() { legend.items.append((name, .line(colour: ChartTheme.guide, dash: "2 3"))) }
        var bandNames: [String] = []
        for panel in panels {
            if let band = panel.band, !bandNames.contains(band.name) { bandNames.append(band.name) }
        }
        for name in bandNames { legend.items.append((name, .area(colour: ChartTheme.colour(0), opacity: 0.2))) }
        if panels.contains(where: { !$0.intervals.isEmpty }) {
            legend.items.append((intervalName, .area(colour: ChartTheme.incident, opacity: 0.18)))
        }
        if panels.contains(where: { !$0.markers.isEmpty }) {
            legend.items.append((markerName, .marker(colour: ChartTheme.alert)))
        }
        for line in referenceLines() {
            legend.items.append((line.name, .line(colour: referenceColour(line.name), dash: "5 3")))
        }
        return legend.items.count > 1 ? legend : Legend()
    }

    /// Horizontal lines of all panels (by name) then vertical lines, in a stable order for colours.
    private func referenceLines() -> [ReferenceLine] {
        var lines: [ReferenceLine] = []
        for panel in panels {
            for line in panel.horizontalLines where !lines.contains(where: { $0.name == line.name }) { lines.append(line) }
        }
        return lines + verticalLines
    }

    /// Horizontal levels take the reference colours in order; vertical lines (a chosen threshold) are drawn
    /// in the text colour so they never look like one of the series.
    private func referenceColour(_ name: String) -> String {
        if verticalLines.contains(where: { $0.name == name }) { return ChartTheme.text }
        let index = referenceLines().firstIndex { $0.name == name } ?? 0
        return ChartTheme.referenceColours[index % 4]
    }

    private func makeXTicks(length: Double) -> AxisTicks {
        var lower = Double.infinity, upper = -Double.infinity
        if let xDomain {
            lower = xDomain.lowerBound
            upper = xDomain.upperBound
        } else {
            for panel in panels {
                for series in panel.series {
                    for value in series.xs where value.isFinite {
                        lower = min(lower, value)
                        upper = max(upper, value)
                    }
                }
            }
            for line in verticalLines {
                lower = min(lower, line.value)
                upper = max(upper, line.value)
            }
            if !lower.isFinite { lower = 0; upper = 1 }
        }
        switch xScale {
        case .linear: return AxisTicks.horizontal(lower: lower, upper: upper, length: length, fixed: xDomain != nil)
        case .time: return AxisTicks.time(lower: lower, upper: upper, length: length)
        }
    }

    private func panelYTicks() -> [AxisTicks] {
        func range(_ panel: Panel) -> (Double, Double) {
            var lower = Double.infinity, upper = -Double.infinity
            for series in panel.series {
                for value in series.ys where value.isFinite {
                    lower = min(lower, value)
                    upper = max(upper, value)
                }
            }
            if let band = panel.band {
                for value in band.lower + band.upper where value.isFinite {
                    lower = min(lower, value)
                    upper = max(upper, value)
                }
            }
            for line in panel.horizontalLines {
                lower = min(lower, line.value)
                upper = max(upper, line.value)
            }
            return lower.isFinite ? (lower, upper) : (0, 1)
        }
        let ranges = panels.map(range)
        let shared = (ranges.map(\.0).min() ?? 0, ranges.map(\.1).max() ?? 1)
        return panels.enumerated().map { index, panel in
            if let domain = panel.yDomain {
                return AxisTicks.vertical(lower: domain.lowerBound, upper: domain.upperBound, length: panelHeight, fixed: true)
            }
            let (lower, upper) = sharesYScale ? shared : ranges[index]
            return AxisTicks.vertical(lower: lower, upper: upper, length: panelHeight, fixed: false)
        }
    }

    private func drawPanel(_ panel: Panel, names: [String], on canvas: inout SVGCanvas, x: LinearScale,
                           y: LinearScale, xTicks: AxisTicks, yTicks: AxisTicks, top: Double, bottom: Double,
                           left: Double, right: Double, showsXLabels: Bool) {
        func clampX(_ value: Double) -> Double { min(right, max(left, x(value))) }
        func clampY(_ value: Double) -> Double { min(bottom, max(top, y(value))) }
        for value in yTicks.values {
            canvas.line(x1: left, y1: y(value), x2: right, y2: y(value), stroke: ChartTheme.grid)
        }
        for value in xTicks.values {
            canvas.line(x1: x(value), y1: top, x2: x(value), y2: bottom, stroke: ChartTheme.grid)
        }
        for interval in mergedIntervals(panel.intervals, x: x) {
            let start = clampX(interval.start), end = clampX(interval.end)
            canvas.rect(x: start, y: top, width: max(1.5, end - start), height: bottom - top,
                        fill: ChartTheme.incident, opacity: 0.18)
        }
        let columns = Int(right - left)
        if let band = panel.band {
            let upper = SeriesReducer.minMax(xs: band.xs, ys: band.upper, lower: x.domain.lower,
                                             upper: x.domain.upper, columns: columns)
            let lower = SeriesReducer.minMax(xs: band.xs, ys: band.lower, lower: x.domain.lower,
                                             upper: x.domain.upper, columns: columns)
            let outline = upper.map { (clampX($0.x), clampY($0.y)) } + lower.reversed().map { (clampX($0.x), clampY($0.y)) }
            canvas.polygon(outline, fill: ChartTheme.colour(0), opacity: 0.2)
        }
        for line in panel.horizontalLines {
            canvas.line(x1: left, y1: clampY(line.value), x2: right, y2: clampY(line.value),
                        stroke: referenceColour(line.name), width: 1.5, dash: "5 3")
        }
        for line in verticalLines {
            canvas.line(x1: clampX(line.value), y1: top, x2: clampX(line.value), y2: bottom,
                        stroke: referenceColour(line.name), width: 1.5, dash: "5 3")
        }
        for series in panel.series where series.isReference {
            let pixels = zip(series.xs, series.ys).map { (x: clampX($0.0), y: clampY($0.1)) }
            canvas.polyline(pixels, stroke: ChartTheme.guide, width: 1.25, dash: "2 3")
        }
        for series in panel.series where !series.isReference {
            let index = names.firstIndex(of: series.name) ?? 0
            let points = xScale == .time
                ? SeriesReducer.minMax(xs: series.xs, ys: series.ys, lower: x.domain.lower, upper: x.domain.upper, columns: columns)
                : zip(series.xs, series.ys).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
            var corners = points.map { (x: clampX($0.x), y: clampY($0.y)) }
            if series.drawsSteps { corners = Self.steps(corners) }
            let pixels = SeriesReducer.thin(corners)
            canvas.polyline(pixels, stroke: ChartTheme.colour(index), width: 1.75, dash: ChartTheme.dash(index))
            if series.showsPoints {
                for point in pixels { canvas.circle(cx: point.x, cy: point.y, r: 3, fill: ChartTheme.colour(index)) }
            }
        }
        var lastMarker = -Double.infinity
        for marker in panel.markers.sorted() where marker >= x.domain.lower && marker <= x.domain.upper {
            let pixel = x(marker)
            // Alerts closer than the triangle's half width would draw on top of each other.
            if pixel - lastMarker < 4 { continue }
            lastMarker = pixel
            canvas.path(Triangle.down(x: pixel, y: top + 1), fill: ChartTheme.alert)
        }
        ChartAxes.drawFrame(on: &canvas, left: left, right: right, top: top, bottom: bottom)
        ChartAxes.drawYTicks(yTicks, on: &canvas, scale: y, left: left)
        ChartAxes.drawXTicks(xTicks, on: &canvas, scale: x, bottom: bottom, canvasWidth: width, showsLabels: showsXLabels)
    }

    /// The corners of a step line through `points`: before each point, a corner at the previous point's x
    /// and this point's y (vertical first, then level).
    static func steps(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard var previous = points.first else { return [] }
        var corners = [previous]
        for point in points.dropFirst() {
            corners.append((x: previous.x, y: point.y))
            corners.append(point)
            previous = point
        }
        return corners
    }

    /// Intervals sorted and merged where they touch within a pixel, so thousands of short incidents
    /// cost at most one rectangle per pixel column.
    private func mergedIntervals(_ intervals: [ShadedInterval], x: LinearScale) -> [ShadedInterval] {
        var merged: [ShadedInterval] = []
        let pixel = abs(x.domain.upper - x.domain.lower) / max(1, abs(x.range.upper - x.range.lower))
        for interval in intervals.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, interval.start <= last.end + pixel {
                merged[merged.count - 1].end = max(last.end, interval.end)
            } else {
                merged.append(interval)
            }
        }
        return merged.filter { $0.end >= x.domain.lower && $0.start <= x.domain.upper }
    }
}
