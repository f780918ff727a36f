import Evaluation
import Foundation
import ModelStore
import Reports

// The plot inputs of each task.
extension EvaluationReportBuilder {
    /// Features drawn in the importance bars.
    static let plottedFeatures = 15

    static func plots(_ result: EvaluationResult) -> Plots {
        switch result.task {
        case .classification: .classification(classificationPlots(result))
        case .regression: .regression(regressionPlots(result))
        case .anomaly: .anomaly(anomalyPlots(result))
        }
    }

    /// ROC and precision–recall curves of every evaluated model with labels and scores, the candidate first and
    /// the model it is compared with (`--against`) second, so one chart shows both.
    static func scoreCurves(_ result: EvaluationResult) -> (roc: [ModelCurve], precisionRecall: [ModelCurve]) {
        var roc: [ModelCurve] = [], precisionRecall: [ModelCurve] = []
        for model in result.scored {
            guard let truth = model.binaryTruth, let scores = model.scores else { continue }
            var auc: String?, ap: String?
            if case .classification(let metrics) = model.metrics {
                auc = metrics.rocAUC.map { "AUC \(fixed($0, 3))" }
                ap = metrics.averagePrecision.map { "AP \(fixed($0, 3))" }
            } else if case .anomaly(let metrics) = model.metrics {
                auc = metrics.rocAUC.map { "AUC \(fixed($0, 3))" }
                ap = metrics.averagePrecision.map { "AP \(fixed($0, 3))" }
            }
            if let curve = ScoreCurves.roc(truth: truth, scores: scores) {
                roc.append(ModelCurve(model: model.name, xs: curve.xs, ys: curve.ys, summary: auc))
            }
            if let curve = ScoreCurves.precisionRecallSteps(truth: truth, scores: scores) {
                precisionRecall.append(ModelCurve(model: model.name, xs: curve.xs, ys: curve.ys, summary: ap))
            }
        }
        return (roc, precisionRecall)
    }

    private static func classificationPlots(_ result: EvaluationResult) -> ClassificationPlots {
        var plots = ClassificationPlots()
        (plots.roc, plots.precisionRecall) = scoreCurves(result)
        for model in result.scored {
            guard let truth = model.binaryTruth, let scores = model.scores else { continue }
            if model.task == .classification {
                let curve = ScoreCurves.calibration(truth: truth, probabilities: scores)
                plots.calibration.append(ModelCurve(model: model.name, xs: curve.xs, ys: curve.ys))
            }
        }
        let candidate = result.scored[0]
        if case .classification(let metrics) = candidate.metrics, let names = candidate.classNames {
            plots.confusionLabels = names
            plots.confusionCounts = metrics.confusionMatrix
        }
        plots.featureImportances = importances(candidate)
        return plots
    }

    private static func importances(_ model: ScoredModel) -> [NamedValue] {
        guard let values = model.importances else { return [] }
        return zip(model.metadata.features, values).sorted { ($1.1, $0.0) < ($0.1, $1.0) }.prefix(plottedFeatures)
            .map { NamedValue(name: $0.0, value: $0.1) }
    }

    private static func anomalyPlots(_ result: EvaluationResult) -> AnomalyPlots {
        let candidate = result.scored[0]
        guard let scores = candidate.scores, let truth = candidate.binaryTruth else { return AnomalyPlots() }
        var plots = AnomalyPlots()
        (plots.roc, plots.precisionRecall) = scoreCurves(result)
        plots.scoreHistogram = BinnedCounts(values: scores, binCount: 40)
        let alertLevels = candidate.metadata.thresholds.alertLevels(on: "anomaly_score")
        plots.levels = alertLevels.map { ReferenceLine(name: $0.name, value: $0.value) }
        plots.chosenThreshold = alertLevels.first?.value
        if let low = scores.min(), let high = scores.max(), high > low {
            plots.sweep = (0 ... 40).map { step in
                let threshold = low + (high - low) * Double(step) / 40
                let figures = figuresAt(alerts: scores.map { $0 >= threshold ? 1 : 0 }, truth: truth, result)
                return AnomalyPlots.SweepPoint(threshold: threshold, precision: figures.precision ?? 1,
                                               recall: figures.recall ?? 0, alertsPerDay: figures.alertsPerDay ?? 0)
            }
        }
        if let times = result.times, let alerts = candidate.alerts {
            for (group, rows) in groupRows(result).prefix(plottedGroups) {
                let rowTimes = rows.map { times[$0] }
                plots.groups.append(AnomalyPlots.GroupScores(
                    group: group, times: rowTimes, scores: rows.map { scores[$0] },
                    incidents: incidents(rows: rows, times: times, truth: truth),
                    alerts: episodeStarts(alerts: rows.map { alerts[$0] }, times: rowTimes, groups: nil,
                                          order: Array(rows.indices))))
            }
        }
        if let byKind = result.events?.byKind {
            plots.delayByKind = byKind.keys.sorted().compactMap { kind in
                byKind[kind]!.medianDelaySeconds.map { NamedValue(name: kind, value: $0 / 60, count: byKind[kind]!.detected) }
            }
        }
        return plots
    }

    private static func regressionPlots(_ result: EvaluationResult) -> RegressionPlots {
        let candidate = result.scored[0]
        let target = candidate.metadata.lineage.target ?? "target"
        // The axis is repeated on every panel: the name after the last "/" keeps it within the panel height.
        let short = target.split(separator: "/").last.map(String.init) ?? target
        var plots = RegressionPlots(target: AxisLabel(short), intervalName: "±1.28 × per-tree spread (≈ 80 % if normal)")
        guard let truth = candidate.numericTruth, let predicted = candidate.predictions else { return plots }
        plots.residuals = BinnedCounts(values: zip(truth, predicted).map { $0 - $1 }, binCount: 40)
        guard let times = result.times else { return plots }
        let spread = candidate.predictionSpread ?? []
        for (group, rows) in groupRows(result).prefix(plottedGroups) {
            plots.forecasts.append(RegressionPlots.Forecast(
                group: group, times: rows.map { times[$0] }, actual: rows.map { truth[$0] },
                predicted: rows.map { predicted[$0] },
                lower: spread.isEmpty ? [] : rows.map { predicted[$0] - 1.28 * spread[$0] },
                upper: spread.isEmpty ? [] : rows.map { predicted[$0] + 1.28 * spread[$0] }))
        }
        var sums = [Double](repeating: 0, count: 24), counts = sums
        for row in times.indices {
            let hour = Int((times[row] / 3600).rounded(.down)) % 24
            let index = hour < 0 ? hour + 24 : hour
            sums[index] += abs(truth[row] - predicted[row])
            counts[index] += 1
        }
        if counts.allSatisfy({ $0 > 0 }) { plots.errorByHour = zip(sums, counts).map { $0 / $1 } }
        return plots
    }

    /// Each group's rows in time order, groups by name (one unnamed group without a group column).
    static func groupRows(_ result: EvaluationResult) -> [(String, [Int])] {
        guard result.times != nil else { return [] }
        guard let groups = result.groups else { return [("all rows", result.order)] }
        var byGroup: [(String, [Int])] = []
        for row in result.order {
            if byGroup.last?.0 == groups[row] { byGroup[byGroup.count - 1].1.append(row) } else { byGroup.append((groups[row], [row])) }
        }
        return byGroup
    }

    /// Runs of positive rows as intervals from the first positive row to the next row (or one median step on).
    private static func incidents(rows: [Int], times: [Double], truth: [Int]) -> [ShadedInterval] {
        let steps = zip(rows.dropFirst(), rows).map { times[$0] - times[$1] }.filter { $0 > 0 }.sorted()
        let step = steps.isEmpty ? 0 : steps[steps.count / 2]
        var intervals: [ShadedInterval] = []
        var position = 0
        while position < rows.count {
            guard truth[rows[position]] == 1 else { position += 1; continue }
            let start = times[rows[position]]
            while position < rows.count, truth[rows[position]] == 1 { position += 1 }
            let end = position < rows.count ? times[rows[position]] : times[rows[position - 1]] + step
            intervals.append(ShadedInterval(start: start, end: end))
        }
        return intervals
    }

    private static func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}
