import Evaluation
import ModelStore
import Reports

// Thresholds, alert episodes and daily alert counts on the evaluated rows.
extension EvaluationReportBuilder {
    /// Target recall of the classifier's second operating point.
    static let operatingRecall = 0.9

    /// The model's levels (detectors) or its decision rule (binary classifiers) with row precision, row
    /// recall and alert episodes per day (all groups together) on the evaluated rows. A binary classifier also
    /// gets the F1-optimal threshold and the highest threshold reaching recall 0.9, chosen on the evaluated
    /// rows themselves (so their figures are optimistic) to show the trade-off.
    static func thresholdRows(_ result: EvaluationResult) -> [ThresholdRow] {
        let candidate = result.scored[0]
        guard let truth = candidate.binaryTruth, let scores = candidate.scores else { return [] }
        if candidate.task == .classification {
            let figures = figuresAt(alerts: candidate.alerts!, truth: truth, result)
            var rows = [ThresholdRow(name: "predicted class", value: 0.5, rule: "most probable class (positive probability ≥ 0.5)",
                                     precision: figures.precision, recall: figures.recall,
                                     alertsPerDay: figures.alertsPerDay, isChosen: true)]
            let hindsight = "chosen on these evaluated rows, so optimistic"
            let ranked = try? ScoreRanking(truth: truth, scores: scores)
            let points: [(String, String, Thresholds.Choice?)] = [
                ("f1_optimal", "highest F1 (\(hindsight))", try? ranked?.thresholdMaximizingF1()),
                ("recall_0.9", "highest threshold with recall ≥ 0.9 (\(hindsight))",
                 try? ranked?.threshold(atRecall: operatingRecall)),
            ]
            for case let (name, rule, choice?) in points {
                let figures = figuresAt(alerts: scores.map { $0 >= choice.threshold ? 1 : 0 }, truth: truth, result)
                rows.append(ThresholdRow(name: name, value: choice.threshold, rule: rule, precision: figures.precision,
                                         recall: figures.recall, alertsPerDay: figures.alertsPerDay))
            }
            return rows
        }
        let levels = candidate.metadata.thresholds.filter { $0.score == "anomaly_score" && $0.direction == "above" }
            .sorted { $0.value < $1.value }
        let applied = candidate.metadata.thresholds.alertLevels(on: "anomaly_score").first?.name
        return levels.map { level in
            let figures = figuresAt(alerts: scores.map { level.isReached(by: $0) ? 1 : 0 }, truth: truth, result)
            return ThresholdRow(
                name: level.name, value: level.value,
                rule: (level.rule ?? "") + (level.purpose == .reference ? " (reference, not applied)" : ""),
                precision: figures.precision, recall: figures.recall, alertsPerDay: figures.alertsPerDay,
                isChosen: level.name == applied)
        }
    }

    /// Row precision, row recall and alert episodes per day for one set of per-row alerts.
    static func figuresAt(alerts: [Int], truth: [Int], _ result: EvaluationResult)
        -> (precision: Double?, recall: Double?, alertsPerDay: Double?)
    {
        var tp = 0, fp = 0, positives = 0
        for (alert, label) in zip(alerts, truth) {
            positives += label
            if alert == 1 { if label == 1 { tp += 1 } else { fp += 1 } }
        }
        var perDay: Double?
        if let times = result.times, let days = result.days {
            perDay = Double(episodeStarts(alerts: alerts, times: times, groups: result.groups, order: result.order).count) / days
        }
        return (tp + fp > 0 ? Double(tp) / Double(tp + fp) : nil, positives > 0 ? Double(tp) / Double(positives) : nil, perDay)
    }

    /// The time of the first row of each alert episode (a run of alerting rows of one group in time order).
    /// - Parameter order: the rows by (group, time), as `EvaluationResult.order`.
    static func episodeStarts(alerts: [Int], times: [Double], groups: [String]?, order: [Int]) -> [Double] {
        var starts: [Double] = []
        var previous: Int?
        for row in order {
            let sameGroup = previous.map { groups == nil || groups![$0] == groups![row] } ?? false
            if alerts[row] == 1 && !(sameGroup && alerts[previous!] == 1) { starts.append(times[row]) }
            previous = row
        }
        return starts
    }

    /// Alert episodes starting on each UTC day: per alert level (detectors) or predicted positives (classifiers).
    static func alertLoad(_ result: EvaluationResult) -> AlertLoad? {
        let candidate = result.scored[0]
        guard let times = result.times, let first = times.min(), let last = times.max(),
              candidate.binaryTruth != nil, let scores = candidate.scores else { return nil }
        let firstDay = (first / 86_400).rounded(.down), lastDay = (last / 86_400).rounded(.down)
        let days = stride(from: firstDay, through: lastDay, by: 1).map { $0 * 86_400 }
        func counts(_ alerts: [Int]) -> [Int] {
            var counts = [Int](repeating: 0, count: days.count)
            for start in episodeStarts(alerts: alerts, times: times, groups: result.groups, order: result.order) {
                counts[Int((start / 86_400).rounded(.down) - firstDay)] += 1
            }
            return counts
        }
        if candidate.task == .classification {
            return AlertLoad(days: days, levels: [.init(name: "predicted positive", counts: counts(candidate.alerts!))])
        }
        let levels = candidate.metadata.thresholds.alertLevels(on: "anomaly_score")
        return AlertLoad(days: days, levels: levels.map { level in
            .init(name: level.name, counts: counts(scores.map { level.isReached(by: $0) ? 1 : 0 }))
        })
    }
}
