import Datasets
import Evaluation
import ModelStore
import Reports
import Testing
@testable import Pipeline

@Suite("Evaluation report builder")
struct EvaluationReportBuilderTests {
    @Test("a detector's report: its levels with row precision/recall, the applied level chosen, daily alert counts")
    func detectorReport() throws {
        let data = try ModelEvaluationTests.timed()
        let model = try ModelEvaluationTests.trained(.isolationForest, on: ModelEvaluationTests.rows(data, 0 ..< 300))
        let result = try ModelEvaluationTests.evaluate(
            model, on: ModelEvaluationTests.rows(data, 300 ..< 400),
            options: .init(target: "label", time: "timestamp", group: "tenant"))
        let report = EvaluationReportBuilder.report(for: result)
        #expect(report.verdict == nil)
        let names = report.thresholds.map(\.name)
        #expect(Set(names) == Set(model.metadata.thresholds.map(\.name)))
        let warn = try #require(report.thresholds.first { $0.name == "warn" })
        #expect(warn.isChosen && report.thresholds.filter(\.isChosen).count == 1)
        let scored = result.scored[0]
        let truth = scored.binaryTruth!, alerts = scored.alerts!
        let tp = zip(truth, alerts).filter { $0 == 1 && $1 == 1 }.count
        #expect(warn.precision == Double(tp) / Double(alerts.reduce(0, +)))
        #expect(warn.recall == Double(tp) / Double(truth.reduce(0, +)))
        let load = try #require(report.alerts)
        #expect(load.days == [1_767_571_200])
        let episodes = EvaluationReportBuilder.episodeStarts(alerts: alerts, times: result.times!, groups: result.groups,
                                                            order: result.order)
        #expect(load.levels.first { $0.name == "warn" }?.counts == [episodes.count])
        #expect(episodes.count == result.events!.alertEpisodes)
        guard case .anomaly(let plots) = report.plots else { Issue.record("plots"); return }
        #expect(plots.groups.map(\.group) == ["t0", "t1"])
        #expect(plots.sweep.count == 41 && plots.chosenThreshold == warn.value)
        let files = ReportRenderer.render(report)
        #expect(Set(files.keys).isSuperset(of: ["report.md", "score-histogram.svg", "threshold-sweep.svg", "score-over-time.svg"]))
    }

    @Test("a comparison report has the verdict with the bootstrap interval and both models' curves")
    func comparisonReport() throws {
        let data = try ModelEvaluationTests.timed()
        let train = try ModelEvaluationTests.rows(data, 0 ..< 300)
        let candidate = try ModelEvaluationTests.trained(.randomForestClassifier, on: train)
        let production = try ModelEvaluationTests.trained(.randomForestClassifier, on: train, depth: 1)
        let result = try ModelEvaluationTests.evaluate(
            candidate, against: production, on: ModelEvaluationTests.rows(data, 300 ..< 400),
            options: .init(target: "label", time: "timestamp", group: "tenant"))
        let report = EvaluationReportBuilder.report(for: result)
        let verdict = try #require(report.verdict)
        let comparison = try #require(result.comparison)
        #expect(verdict.comparisons.count == 1)
        #expect(verdict.comparisons[0].intervalLower == comparison.ciLow)
        #expect(verdict.comparisons[0].difference == comparison.difference)
        guard case .classification(let plots) = report.plots else { Issue.record("plots"); return }
        #expect(plots.roc.map(\.model) == ["candidate", "baseline"])
        #expect(plots.precisionRecall.count == 2 && plots.calibration.count == 2)
        // The decision rule (chosen) and two operating points chosen on the evaluated rows, measured there.
        #expect(report.thresholds.map(\.name) == ["predicted class", "f1_optimal", "recall_0.9"])
        #expect(report.thresholds.filter(\.isChosen).map(\.name) == ["predicted class"])
        let scored = result.scored[0]
        let truth = scored.binaryTruth!, scores = scored.scores!
        let best = try Thresholds.maximizingF1(truth: truth, scores: scores)
        let f1Row = report.thresholds[1], recallRow = report.thresholds[2]
        #expect(f1Row.value == best.threshold && f1Row.precision == best.precision && f1Row.recall == best.recall)
        #expect(f1Row.rule.contains("chosen on these evaluated rows") && f1Row.alertsPerDay != nil)
        #expect(try #require(recallRow.recall) >= 0.9)
        #expect(recallRow.value == (try Thresholds.atRecall(0.9, truth: truth, scores: scores)).threshold)
        #expect(plots.roc[0].xs.first == 0 && plots.roc[0].xs.last == 1 && plots.roc[0].ys.last == 1)
        #expect(plots.confusionCounts.flatMap { $0 }.reduce(0, +) == 100)
        #expect(!plots.featureImportances.isEmpty)
        #expect(report.failures.contains { $0.title == "Detection by group" })
    }

    @Test("a detector compared with another draws both models' ROC and precision–recall curves on one chart each")
    func detectorComparisonCurves() throws {
        let data = try ModelEvaluationTests.timed()
        let train = try ModelEvaluationTests.rows(data, 0 ..< 300)
        let candidate = try ModelEvaluationTests.trained(.isolationForest, on: train)
        let production = try ModelEvaluationTests.trained(.extendedIsolationForest, on: train, seed: 9)
        let result = try ModelEvaluationTests.evaluate(
            candidate, against: production, on: ModelEvaluationTests.rows(data, 300 ..< 400),
            options: .init(target: "label", time: "timestamp", group: "tenant"))
        let report = EvaluationReportBuilder.report(for: result)
        guard case .anomaly(let plots) = report.plots else { Issue.record("plots"); return }
        #expect(plots.roc.map(\.model) == ["candidate", "baseline"])
        #expect(plots.precisionRecall.map(\.model) == ["candidate", "baseline"])
        for (curve, scored) in zip(plots.roc, result.scored) {
            let expected = try #require(ScoreCurves.roc(truth: scored.binaryTruth!, scores: scored.scores!))
            #expect(curve.xs == expected.xs && curve.ys == expected.ys)
        }
        let files = ReportRenderer.render(report)
        for name in ["roc.svg", "precision-recall.svg"] {
            let svg = try #require(files[name], "\(files.keys.sorted())")
            #expect(svg.contains(">candidate") && svg.contains(">baseline"), "\(name)")
        }
        // Alone, a detector's report still draws its own curves.
        let alone = try ModelEvaluationTests.evaluate(
            candidate, on: ModelEvaluationTests.rows(data, 300 ..< 400),
            options: .init(target: "label", time: "timestamp", group: "tenant"))
        guard case .anomaly(let single) = EvaluationReportBuilder.report(for: alone).plots else { Issue.record("plots"); return }
        #expect(single.roc.map(\.model) == ["candidate"] && single.precisionRecall.map(\.model) == ["candidate"])
    }

    @Test("ROC, precision–recall and calibration points follow sklearn's definitions on a toy example")
    func curves() {
        let truth = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8]
        let roc = ScoreCurves.roc(truth: truth, scores: scores)!
        #expect(roc.xs == [0, 0, 0.5, 0.5, 1] && roc.ys == [0, 0.5, 0.5, 1, 1])
        let pr = ScoreCurves.precisionRecall(truth: truth, scores: scores)!
        #expect(pr.xs == [0, 0.5, 0.5, 1, 1])
        #expect(pr.ys == [1, 1, 0.5, 2.0 / 3, 0.5])
        // sklearn: precision_recall_curve([1, 0], [0.2, 0.9]) = precision [0.5, 0, 1], recall [1, 0, 0].
        let missed = ScoreCurves.precisionRecall(truth: [1, 0], scores: [0.2, 0.9])!
        #expect(missed.xs == [0, 0, 1] && missed.ys == [1, 0, 0.5])
        // Drawn as steps: zero-recall points and the (0, 1) start left out; the area is AP (0.5·1 + 0.5·2/3).
        let steps = ScoreCurves.precisionRecallSteps(truth: truth, scores: scores)!
        #expect(steps.xs == [0, 0.5, 0.5, 1, 1] && steps.ys == [1, 1, 0.5, 2.0 / 3, 0.5])
        let area = zip(steps.xs.dropFirst(), zip(steps.xs, steps.ys.dropFirst())).map { ($0 - $1.0) * $1.1 }.reduce(0, +)
        #expect(abs(area - (0.5 + 1.0 / 3)) < 1e-12)
        // The top-scored row is a negative: the curve starts at the first positive's precision, not at 1.
        let stepsMissed = ScoreCurves.precisionRecallSteps(truth: [1, 0], scores: [0.2, 0.9])!
        #expect(stepsMissed.xs == [0, 1] && stepsMissed.ys == [0.5, 0.5])
        #expect(ScoreCurves.precisionRecallSteps(truth: [0, 0], scores: [0.2, 0.9]) == nil)
        let calibration = ScoreCurves.calibration(truth: truth, probabilities: scores, bins: 2)
        #expect(calibration.xs == [(0.1 + 0.4 + 0.35) / 3, 0.8] && calibration.ys == [1.0 / 3, 1])
    }
}
