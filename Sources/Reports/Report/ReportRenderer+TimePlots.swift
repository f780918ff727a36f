import Foundation

extension ReportRenderer {
    static func anomalyPlots(_ plots: AnomalyPlots) -> [PlotFile] {
        var files: [PlotFile] = []
        if let histogram = plots.scoreHistogram {
            let levels = plots.levels.map { "\($0.name) at \(SVGNumber.fixed($0.value, decimals: 3))" }.joined(separator: ", ")
            let chart = Histogram(
                title: "Anomaly score distribution",
                description: "Histogram of anomaly scores on the evaluation rows, \(histogram.counts.reduce(0, +)) rows"
                    + (levels.isEmpty ? "." : "; alert levels \(levels)."),
                xAxis: AxisLabel("anomaly score"), yAxis: AxisLabel("rows"),
                edges: histogram.edges, counts: histogram.counts, markers: plots.levels)
            files.append(PlotFile(name: "score-histogram.svg", heading: "Score distribution", alt: chart.description,
                                  svg: chart.svg()))
        }
        if !plots.sweep.isEmpty {
            let thresholds = plots.sweep.map(\.threshold)
            let chosen = plots.chosenThreshold.map { [ReferenceLine(name: "chosen threshold", value: $0)] } ?? []
            let chart = LineChart(
                title: "Precision, recall and alerts a day against the threshold",
                description: "Precision and recall (top) and alerts per day (bottom) for thresholds from "
                    + "\(SVGNumber.fixed(thresholds.min() ?? 0, decimals: 3)) to \(SVGNumber.fixed(thresholds.max() ?? 0, decimals: 3))"
                    + (plots.chosenThreshold.map { "; the chosen threshold \(SVGNumber.fixed($0, decimals: 3)) is marked" } ?? "")
                    + ". An alert is a run of consecutive alerting rows of one group, counted once; at very low thresholds "
                    + "almost every row alerts, the runs merge into a few long ones and alerts per day fall.",
                xAxis: AxisLabel("threshold", unit: "anomaly score"), yAxis: AxisLabel("rate"),
                panels: [
                    .init(series: [ChartSeries(name: "precision", xs: thresholds, ys: plots.sweep.map(\.precision)),
                                   ChartSeries(name: "recall", xs: thresholds, ys: plots.sweep.map(\.recall))],
                          yAxis: AxisLabel("precision, recall"), yDomain: 0...1),
                    .init(series: [ChartSeries(name: "alerts per day", xs: thresholds, ys: plots.sweep.map(\.alertsPerDay))],
                          yAxis: AxisLabel("alerts", unit: "per day")),
                ],
                verticalLines: chosen, sharesYScale: false, panelHeight: 180)
            files.append(PlotFile(name: "threshold-sweep.svg", heading: "Threshold sweep", alt: chart.description,
                                  svg: chart.svg()))
        }
        files += scoreCurveFiles(roc: plots.roc, precisionRecall: plots.precisionRecall)
        if !plots.groups.isEmpty {
            let panels = plots.groups.map { group in
                LineChart.Panel(title: plots.groups.count > 1 ? group.group : nil,
                                series: [ChartSeries(name: "anomaly score", xs: group.times, ys: group.scores)],
                                intervals: group.incidents, markers: group.alerts, horizontalLines: plots.levels)
            }
            let incidents = plots.groups.map(\.incidents.count).reduce(0, +)
            let alerts = plots.groups.map(\.alerts.count).reduce(0, +)
            let chart = LineChart(
                title: "Anomaly score over time",
                description: "Anomaly score over time for \(plots.groups.count) group(s) on a shared scale"
                    + timeRange(plots.groups.map(\.times)) + ": "
                    + "\(incidents) incidents shaded, \(alerts) alerts marked along the top, alert levels as dashed lines.",
                xAxis: AxisLabel("time"), xScale: .time, yAxis: AxisLabel("anomaly score"), panels: panels,
                panelHeight: plots.groups.count > 1 ? 130 : 240)
            files.append(PlotFile(name: "score-over-time.svg", heading: "Score over time", alt: chart.description,
                                  svg: chart.svg()))
        }
        if !plots.delayByKind.isEmpty {
            let chart = BarChart(
                title: "Detection delay by incident kind",
                description: "Median minutes from incident start to the first alert, per incident kind, over the detected "
                    + "incidents of that kind (n): "
                    + plots.delayByKind.map { "\($0.label) \(SVGNumber.fixed($0.value, decimals: 1))" }.joined(separator: ", ")
                    + (plots.delayByKind.contains { ($0.count ?? 2) < 2 } ? "; a median of one incident is that incident's delay." : "."),
                valueAxis: AxisLabel("median detection delay", unit: "minutes"), categoryAxis: "incident kind",
                bars: plots.delayByKind.map { BarChart.Bar(label: $0.label, value: $0.value) }, decimals: 1)
            files.append(PlotFile(name: "detection-delay.svg", heading: "Detection delay", alt: chart.description,
                                  svg: chart.svg()))
        }
        return files
    }

    /// " from 2026-11-02T00:00Z to 2026-11-08T23:55Z" over all finite times, or "" when there are none.
    static func timeRange(_ series: [[Double]]) -> String {
        let finite = series.joined().filter(\.isFinite)
        guard let first = finite.min(), let last = finite.max() else { return "" }
        return " from \(TimeTicks.iso(first)) to \(TimeTicks.iso(last))"
    }

    static func regressionPlots(_ plots: RegressionPlots) -> [PlotFile] {
        var files: [PlotFile] = []
        if !plots.forecasts.isEmpty {
            let panels = plots.forecasts.map { forecast in
                LineChart.Panel(
                    title: plots.forecasts.count > 1 ? forecast.group : nil,
                    series: [ChartSeries(name: "actual", xs: forecast.times, ys: forecast.actual),
                             ChartSeries(name: "forecast", xs: forecast.times, ys: forecast.predicted)],
                    band: forecast.lower.isEmpty ? nil
                        : ChartBand(name: plots.intervalName, xs: forecast.times, lower: forecast.lower, upper: forecast.upper))
            }
            let chart = LineChart(
                title: "Forecast vs actual",
                description: "Actual \(plots.target.title) and the forecast over time for \(plots.forecasts.count) group(s)"
                    + timeRange(plots.forecasts.map(\.times))
                    + (plots.forecasts.contains { !$0.lower.isEmpty } ? ", with the \(plots.intervalName) shaded." : "."),
                xAxis: AxisLabel("time"), xScale: .time, yAxis: plots.target, panels: panels,
                panelHeight: plots.forecasts.count > 1 ? 140 : 260)
            files.append(PlotFile(name: "forecast.svg", heading: "Forecast vs actual", alt: chart.description, svg: chart.svg()))
        }
        if let residuals = plots.residuals {
            let chart = Histogram(
                title: "Residuals",
                description: "Histogram of residuals (actual − forecast) on \(residuals.counts.reduce(0, +)) evaluation rows; "
                    + "the dashed line is zero error.",
                xAxis: AxisLabel("residual, actual − forecast", unit: plots.target.unit), yAxis: AxisLabel("rows"),
                edges: residuals.edges, counts: residuals.counts, markers: [ReferenceLine(name: "no error", value: 0)])
            files.append(PlotFile(name: "residuals.svg", heading: "Residuals", alt: chart.description, svg: chart.svg()))
        }
        if !plots.errorByHour.isEmpty {
            let chart = BarChart(
                title: "Error by hour of day",
                description: "Mean absolute error per UTC hour of day, hours 00 to \(String(format: "%02d", plots.errorByHour.count - 1)).",
                valueAxis: AxisLabel("mean absolute error", unit: plots.target.unit), categoryAxis: "hour of day (UTC)",
                bars: plots.errorByHour.enumerated().map { BarChart.Bar(label: String(format: "%02d:00", $0.offset), value: $0.element) },
                decimals: 2)
            files.append(PlotFile(name: "error-by-hour.svg", heading: "Error by hour of day", alt: chart.description,
                                  svg: chart.svg()))
        }
        return files
    }
}
