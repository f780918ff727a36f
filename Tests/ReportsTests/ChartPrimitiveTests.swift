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
}
