import Foundation
import Reports
import Testing

@Suite("chart primitives")
struct ChartPrimitiveTests {
    @Test("nice ticks fall on 1, 2 or 5 times a power of ten and cover the data")
    func niceTicks() {
        let (values, step) = NiceTicks.ticks(lower: 0.03, upper: 0.97, maximumCount: 6)
        #expect(values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(step == 0.2)
        let large = NiceTicks.ticks(lower: 0, upper: 1234, maximumCount: 7)
        #expect(large.values == [0, 500, 1000, 1500])
        #expect(large.step == 500)
        let flat = NiceTicks.ticks(lower: 5, upper: 5, maximumCount: 5)
        #expect(flat.values.first! <= 5 && flat.values.last! >= 5 && flat.values.count >= 2)
    }

    @Test("tick labels use k and M suffixes from 10 000 and fixed decimals below")
    func tickLabels() {
        #expect(NiceTicks.label(20_000, step: 10_000, axisMaximum: 40_000) == "20k")
        #expect(NiceTicks.label(2_500_000, step: 500_000, axisMaximum: 5_000_000) == "2.5M")
        #expect(NiceTicks.label(0.25, step: 0.05, axisMaximum: 1) == "0.25")
        #expect(NiceTicks.label(-0.0, step: 0.2, axisMaximum: 1) == "0.0")
        #expect(NiceTicks.label(1500, step: 500, axisMaximum: 2000) == "1500")
    }

    @Test("time ticks are round UTC days or hours with readable labels")
    func timeTicks() {
        let start = 1_793_577_600.0  // 2026-11-02T00:00:00Z
        let week = TimeTicks.ticks(lower: start, upper: start + 7 * 86_400, maximumCount: 8)
        #expect(week.dateOnly)
        #expect(week.values.first == start)
        #expect(TimeTicks.label(start, dateOnly: true) == "2026-11-02")
        let day = TimeTicks.ticks(lower: start + 1800, upper: start + 86_400, maximumCount: 5)
        #expect(!day.dateOnly)
        #expect(day.values.map { TimeTicks.label($0, dateOnly: false) } == ["11-02 06:00", "11-02 12:00", "11-02 18:00", "11-03 00:00"])
        #expect(TimeTicks.iso(951_782_400) == "2000-02-29T00:00Z")
    }

    @Test("a single spike among a million points survives reduction to pixel columns")
    func spikeSurvives() {
        let count = 1_000_000
        let xs = (0..<count).map(Double.init)
        var ys = xs.map { 1 + 0.001 * sin($0 / 1000) }
        ys[612_345] = 50
        ys[612_346] = -20
        let reduced = SeriesReducer.minMax(xs: xs, ys: ys, lower: 0, upper: Double(count - 1), columns: 680)
        #expect(reduced.count <= 4 * 680)
        #expect(reduced.contains { $0.x == 612_345 && $0.y == 50 })
        #expect(reduced.contains { $0.x == 612_346 && $0.y == -20 })
        #expect(zip(reduced, reduced.dropFirst()).allSatisfy { $0.x < $1.x })
    }

    @Test("a one-million-row time series with incidents and alerts draws well under 1 MB")
    func millionRowsStaySmall() {
        let count = 1_000_000
        let start = 1_793_577_600.0
        let times = (0..<count).map { start + Double($0) * 60 }
        var scores = times.map { 0.45 + 0.05 * sin($0 / 3600) }
        scores[777_777] = 0.99
        let incidents = stride(from: 0, to: count, by: 5000).map {
            ShadedInterval(start: times[$0], end: times[$0] + 1800)
        }
        let alerts = stride(from: 0, to: count, by: 97).map { times[$0] }
        let chart = LineChart(
            title: "score", description: "a million points", xAxis: AxisLabel("time"), xScale: .time,
            yAxis: AxisLabel("anomaly score"),
            panels: [.init(series: [ChartSeries(name: "score", xs: times, ys: scores)],
                           band: ChartBand(name: "band", xs: times, lower: scores.map { $0 - 0.1 }, upper: scores.map { $0 + 0.1 }),
                           intervals: incidents, markers: alerts,
                           horizontalLines: [ReferenceLine(name: "warn", value: 0.6)])])
        let svg = chart.svg()
        #expect(svg.utf8.count < 300_000, "\(svg.utf8.count) bytes")
        #expect(svg.contains("<polyline"))
    }

    @Test("a curve with a million points (a large ROC curve) is thinned to its pixels")
    func longCurveIsThinned() {
        let fpr = (0...1_000_000).map { Double($0) / 1_000_000 }
        let roc = LineChart(title: "ROC", description: "d", xAxis: AxisLabel("false positive rate"),
                            yAxis: AxisLabel("true positive rate"),
                            panels: [.init(series: [ChartSeries(name: "model", xs: fpr, ys: fpr.map { pow($0, 0.3) })],
                                           yDomain: 0...1)], xDomain: 0...1)
        let svg = roc.svg()
        #expect(svg.utf8.count < 100_000, "\(svg.utf8.count) bytes")
        let thinned = SeriesReducer.thin([(0, 0), (0.1, 0.1), (0.2, 0.2), (5, 5), (5.1, 5.1)])
        #expect(thinned.map(\.x) == [0, 5, 5.1])
    }

    @Test("text is escaped and numbers never print as -0")
    func escaping() {
        let chart = BarChart(title: "a < b & \"c\"", description: "d", valueAxis: AxisLabel("v"), categoryAxis: "k",
                             bars: [.init(label: "x<y", value: -0.0)])
        let svg = chart.svg()
        #expect(svg.contains("a &lt; b &amp; &quot;c&quot;"))
        #expect(svg.contains("x&lt;y"))
        #expect(!svg.contains("\"-0\""))
    }
}

@Suite("report size")
struct ReportSizeTests {
    @Test("an anomaly report over one million rows (3 groups) stays under 1 MB in total")
    func millionRowReport() {
        let start = 1_793_577_600.0
        let perGroup = 333_334
        let groups = (0..<3).map { group -> AnomalyPlots.GroupScores in
            let times = (0..<perGroup).map { start + Double($0) * 60 }
            var scores = times.map { 0.45 + 0.05 * sin($0 / 3600 + Double(group)) }
            scores[100_000 + group] = 0.95
            return .init(group: "tenant-\(group)", times: times, scores: scores,
                         incidents: stride(from: 0, to: perGroup, by: 7000).map {
                             ShadedInterval(start: times[$0], end: times[$0] + 3600)
                         },
                         alerts: stride(from: 0, to: perGroup, by: 50).map { times[$0] })
        }
        let report = EvaluationReport(
            title: "a million rows", plots: .anomaly(AnomalyPlots(
                scoreHistogram: BinnedCounts(values: groups.flatMap(\.scores), binCount: 50),
                levels: [ReferenceLine(name: "warn", value: 0.55)], groups: groups)))
        let files = ReportRenderer.render(report)
        let total = files.values.map(\.utf8.count).reduce(0, +)
        #expect(total < 1_000_000, "\(total) bytes")
        let panel = files["score-over-time.svg"] ?? ""
        #expect(panel.utf8.count < 400_000)
    }

    @Test("an axis title longer than the room beside the plot is shifted, or set smaller, to stay inside the image")
    func axisTitleFits() throws {
        let bars = (0 ..< 4).map { BarChart.Bar(label: "system_performance/disk_io_read_bytes_per_second:seasonal_residual_\($0)w",
                                                value: 0.1 / Double($0 + 1)) }
        /// The x-axis title's font size and its estimated extent (the charts' own generous 0.62 em a character).
        func placement(unit: String) throws -> (size: Double, left: Double, right: Double) {
            let svg = BarChart(title: "t", description: "d", valueAxis: AxisLabel("importance", unit: unit),
                               categoryAxis: "feature", bars: bars).svg()
            let title = "importance (\(unit))"
            let pattern = try Regex(#"<text x="([0-9.]+)" y="[0-9.]+" text-anchor="middle" font-size="([0-9.]+)"[^>]*>"#
                + title.replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)") + "<")
            let match = try #require(svg.firstMatch(of: pattern))
            let x = try #require(Double(String(match.output[1].substring!)))
            let size = try #require(Double(String(match.output[2].substring!)))
            let half = Double(title.count) * size * 0.62 / 2
            return (size, x - half, x + half)
        }
        // Centred under the narrow plot it would run past the right edge: shifted left at the normal size.
        let shifted = try placement(unit: "share of impurity decrease")
        #expect(shifted.size == 12 && shifted.left >= 0 && shifted.right <= 716, "\(shifted)")
        // Wider than the image at 12 px: set smaller, inside the image.
        let shrunk = try placement(unit: "share of impurity decrease, summed over every split of every tree of the forest, normalised")
        #expect(shrunk.size < 12 && shrunk.size >= 8 && shrunk.left >= 0 && shrunk.right <= 720, "\(shrunk)")
        // A title that fits keeps the normal size and its place.
        let short = BarChart(title: "t", description: "d", valueAxis: AxisLabel("delay", unit: "minutes"),
                             categoryAxis: "kind", bars: [BarChart.Bar(label: "spike", value: 1)]).svg()
        #expect(short.contains(##"font-size="12" fill="#1f2328">delay (minutes)</text>"##))
    }

    @Test("a step series holds each y back to the previous x: vertical, then level")
    func stepSeries() throws {
        var series = ChartSeries(name: "model", xs: [0, 0.5, 1], ys: [1, 0.5, 0.25])
        series.drawsSteps = true
        let chart = LineChart(title: "t", description: "d", xAxis: AxisLabel("recall"), yAxis: AxisLabel("precision"),
                              panels: [.init(series: [series], yDomain: 0 ... 1)], xDomain: 0 ... 1)
        let svg = chart.svg()
        let match = try #require(svg.firstMatch(of: ##/<polyline points="([^"]+)" fill="none" stroke="#0072b2"/##))
        let points = match.output.1.split(separator: " ").map { $0.split(separator: ",").map { Double(String($0))! } }
        #expect(points.count == 5)
        // Corners at the previous x with the next y.
        #expect(points[1][0] == points[0][0] && points[1][1] == points[2][1])
        #expect(points[3][0] == points[2][0] && points[3][1] == points[4][1])
        series.drawsSteps = false
        let straight = LineChart(title: "t", description: "d", xAxis: AxisLabel("recall"), yAxis: AxisLabel("precision"),
                                 panels: [.init(series: [series], yDomain: 0 ... 1)], xDomain: 0 ... 1).svg()
        let plain = try #require(straight.firstMatch(of: ##/<polyline points="([^"]+)" fill="none" stroke="#0072b2"/##))
        #expect(plain.output.1.split(separator: " ").count == 3)
    }
}
