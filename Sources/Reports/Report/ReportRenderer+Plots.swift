/// One plot of a report: its file name, heading, alt text and SVG.
struct PlotFile {
    let name: String
    let heading: String
    let alt: String
    let svg: String
}

extension ReportRenderer {
    /// The plots of a task, in the order the report shows them; a plot without input is left out.
    static func plotFiles(_ plots: Plots) -> [PlotFile] {
        switch plots {
        case .classification(let plots): classificationPlots(plots)
        case .anomaly(let plots): anomalyPlots(plots)
        case .regression(let plots): regressionPlots(plots)
        }
    }

    /// The ROC and precision–recall charts, every model's curve on the same chart; none for no curves.
    static func scoreCurveFiles(roc: [ModelCurve], precisionRecall: [ModelCurve]) -> [PlotFile] {
        var files: [PlotFile] = []
        if !roc.isEmpty {
            let chance = ChartSeries(name: "chance", xs: [0, 1], ys: [0, 1], isReference: true)
            let chart = LineChart(
                title: "ROC curve", description: "ROC curves of " + curveList(roc) + ", with the chance diagonal.",
                xAxis: AxisLabel("false positive rate"), yAxis: AxisLabel("true positive rate"),
                panels: [.init(series: roc.map(series) + [chance], yDomain: 0...1)],
                xDomain: 0...1, width: 560, panelHeight: 380)
            files.append(PlotFile(name: "roc.svg", heading: "ROC curve", alt: chart.description, svg: chart.svg()))
        }
        if !precisionRecall.isEmpty {
            let chart = LineChart(
                title: "Precision–recall curve", description: "Precision–recall curves of " + curveList(precisionRecall)
                    + ", drawn as steps as scikit-learn's PrecisionRecallDisplay does, so the area under each curve is its "
                    + "average precision; each curve starts at recall 0 with the precision of the highest threshold that "
                    + "catches a positive (sklearn's conventional start at precision 1 is left out: it covers no recall).",
                xAxis: AxisLabel("recall"), yAxis: AxisLabel("precision"),
                panels: [.init(series: precisionRecall.map { curve in
                    var steps = series(curve)
                    steps.drawsSteps = true
                    return steps
                }, yDomain: 0...1)],
                xDomain: 0...1, width: 560, panelHeight: 380)
            files.append(PlotFile(name: "precision-recall.svg", heading: "Precision–recall curve", alt: chart.description,
                                  svg: chart.svg()))
        }
        return files
    }

    static func classificationPlots(_ plots: ClassificationPlots) -> [PlotFile] {
        var files: [PlotFile] = []
        files += scoreCurveFiles(roc: plots.roc, precisionRecall: plots.precisionRecall)
        if !plots.confusionCounts.isEmpty {
            let labels = plots.confusionLabels
            let counts = plots.confusionCounts
            let cells = counts.map { row in
                let total = max(1, row.reduce(0, +))
                return row.map { "\($0) (\(SVGNumber.fixed(100 * Double($0) / Double(total), decimals: 1)) %)" }
            }
            let description = "Confusion matrix: rows are the actual class, columns the predicted class; "
                + zip(labels, counts).map { label, row in
                    "actual \(label): " + zip(labels, row).map { "\($1) predicted \($0)" }.joined(separator: ", ")
                }.joined(separator: "; ") + ". Percentages, and the shading, are shares of the actual class."
            let chart = Heatmap(title: "Confusion matrix", description: description, rowAxis: "actual class",
                                columnAxis: "predicted class", rowLabels: labels, columnLabels: labels,
                                values: counts.map { row in
                                    // Shaded by share of the actual class, so a rare class's errors stay visible.
                                    let total = Double(max(1, row.reduce(0, +)))
                                    return row.map { Double($0) / total }
                                }, cellLabels: cells)
            files.append(PlotFile(name: "confusion-matrix.svg", heading: "Confusion matrix", alt: description,
                                  svg: chart.svg()))
        }
        if !plots.calibration.isEmpty {
            var curves = plots.calibration.map(series)
            for index in curves.indices { curves[index].showsPoints = true }
            let perfect = ChartSeries(name: "perfectly calibrated", xs: [0, 1], ys: [0, 1], isReference: true)
            let chart = LineChart(
                title: "Calibration", description: "Observed positive fraction against mean predicted probability per bin for "
                    + curveList(plots.calibration) + "; the diagonal is perfect calibration.",
                xAxis: AxisLabel("mean predicted probability"), yAxis: AxisLabel("observed positive fraction"),
                panels: [.init(series: curves + [perfect], yDomain: 0...1)], xDomain: 0...1, width: 560, panelHeight: 380)
            files.append(PlotFile(name: "calibration.svg", heading: "Calibration", alt: chart.description, svg: chart.svg()))
        }
        if !plots.featureImportances.isEmpty {
            let chart = BarChart(
                title: "Feature importance", description: "Feature importance, largest first: "
                    + plots.featureImportances.map { "\($0.name) \(SVGNumber.fixed($0.value, decimals: 3))" }.joined(separator: ", ") + ".",
                valueAxis: AxisLabel("importance", unit: "share of impurity decrease"), categoryAxis: "feature",
                bars: plots.featureImportances.map { BarChart.Bar(label: $0.name, value: $0.value) })
            files.append(PlotFile(name: "feature-importance.svg", heading: "Feature importance", alt: chart.description,
                                  svg: chart.svg()))
        }
        return files
    }

    static func series(_ curve: ModelCurve) -> ChartSeries {
        ChartSeries(name: curve.legendName, xs: curve.xs, ys: curve.ys)
    }

    static func curveList(_ curves: [ModelCurve]) -> String {
        curves.map(\.legendName).joined(separator: " and ")
    }
}
