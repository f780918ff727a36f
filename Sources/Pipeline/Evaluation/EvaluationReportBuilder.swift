import Evaluation
import ModelStore
import Reports

/// Turns an evaluation into the report `evaluate --report` renders: verdict, where it fails, which
/// threshold, alerts a day, and the task's plots. Values in, values out: no files.
public enum EvaluationReportBuilder {
    /// Groups drawn in time plots; more would make the panels unreadable (the tables cover every group).
    public static let plottedGroups = 4

    /// The report of `result` (which must keep its per-row outputs, as `ModelEvaluation.evaluate` returns it).
    public static func report(for result: EvaluationResult) -> EvaluationReport {
        let candidate = result.scored[0]
        var provenance = result.warnings.map { "**Warning:** \($0)" } + ["Measured on \(result.measuredOn)."]
        provenance.append("Model: \(result.model) (\(result.algorithm)), trained on \(candidate.metadata.lineage.rows) rows of "
            + "\(candidate.metadata.lineage.source).")
        if let against = result.against { provenance.append("Compared with: \(against.model) (\(against.algorithm)).") }
        if let comparison = result.comparison {
            provenance.append("Confidence interval: \(Int(comparison.confidence * 100)) % moving-block bootstrap, "
                + "\(comparison.resamples) resamples of \(comparison.blockLength) consecutive rows (ordered by group, time), seed \(comparison.seed).")
        }
        if result.events != nil {
            provenance.append("Incidents: runs of consecutive positive rows per group; an alert is a predicted positive "
                + "(classifier) or a row reaching the lowest alert level (detector).")
        }
        if result.times != nil, candidate.binaryTruth != nil {
            provenance.append("Alerts a day: alert episodes (runs of alerting rows of one group) started per day, all groups "
                + "together; precision and recall in the threshold table count rows. A threshold so low that consecutive "
                + "rows all alert merges their runs into one episode, so alerts a day fall again at the lowest thresholds.")
        }
        let range = result.timeRange.map { " (\($0.start.prefix(10)) … \($0.end.prefix(10)))" } ?? ""
        return EvaluationReport(
            title: "\(result.model) on \(result.data)\(range)", provenance: provenance, verdict: verdict(result),
            failures: failures(result), thresholds: thresholdRows(result), alerts: alertLoad(result),
            plots: plots(result))
    }

    private static func verdict(_ result: EvaluationResult) -> Verdict? {
        guard let comparison = result.comparison, let against = result.against else { return nil }
        return Verdict(candidate: result.model, production: against.model, comparisons: [
            MetricComparison(metric: comparison.metric.rawValue, candidate: comparison.candidate,
                             production: comparison.baseline, intervalLower: comparison.ciLow,
                             intervalUpper: comparison.ciHigh, higherIsBetter: comparison.metric.higherIsBetter),
        ])
    }

    /// Per incident kind and per group, worst first.
    static func failures(_ result: EvaluationResult) -> [SegmentTable] {
        let candidate = result.scored[0]
        var tables: [SegmentTable] = []
        if let byKind = result.events?.byKind, !byKind.isEmpty {
            let rows = byKind.sorted { ($0.value.recall ?? 2, $0.key) < ($1.value.recall ?? 2, $1.key) }.map { kind, events in
                SegmentTable.Row(segment: kind, values: [
                    Double(events.total), Double(events.detected), events.recall, events.medianDelaySeconds.map { $0 / 60 },
                ])
            }
            tables.append(SegmentTable(
                title: "Detection by incident kind", dimension: "incident kind",
                columns: [.init(name: "incidents", decimals: 0), .init(name: "detected", decimals: 0),
                          .init(name: "recall", decimals: 2), .init(name: "median delay (min)", decimals: 1)],
                rows: rows, note: "Delay: first alerting row minus the incident's first row."))
        }
        if let groups = result.groups, let times = result.times {
            let names = Array(Set(groups)).sorted()
            let rowsOf = Dictionary(grouping: groups.indices, by: { groups[$0] })
            if let truth = candidate.binaryTruth, let alerts = candidate.alerts {
                let rows = names.map { name -> SegmentTable.Row in
                    let rows = rowsOf[name]!
                    let events = try? EventMetrics.compute(
                        groups: rows.map { _ in 0 }, times: rows.map { times[$0] }, truth: rows.map { truth[$0] },
                        alerts: rows.map { alerts[$0] })
                    return SegmentTable.Row(segment: name, values: [
                        events.map { Double($0.total) }, events.map { Double($0.detected) }, events?.recall,
                        events?.falseAlertsPerGroupDay,
                    ])
                }.sorted { ($0.values[2] ?? 2, $0.segment) < ($1.values[2] ?? 2, $1.segment) }
                tables.append(SegmentTable(
                    title: "Detection by group", dimension: "group",
                    columns: [.init(name: "incidents", decimals: 0), .init(name: "detected", decimals: 0),
                              .init(name: "recall", decimals: 2), .init(name: "false alerts/day", decimals: 2)],
                    rows: rows, note: "False alerts: alert episodes that overlap no incident, per day of the group's rows."))
            } else if let truth = candidate.numericTruth, let predicted = candidate.predictions {
                let rows = names.map { name -> SegmentTable.Row in
                    let rows = rowsOf[name]!
                    let metrics = try? RegressionMetrics.compute(truth: rows.map { truth[$0] }, predictions: rows.map { predicted[$0] })
                    return SegmentTable.Row(segment: name, values: [Double(rows.count), metrics?.mae, metrics?.rmse, metrics?.r2])
                }.sorted { ($0.values[3] ?? -.infinity, $0.segment) < ($1.values[3] ?? -.infinity, $1.segment) }
                tables.append(SegmentTable(
                    title: "Error by group", dimension: "group",
                    columns: [.init(name: "rows", decimals: 0), .init(name: "MAE", decimals: 3),
                              .init(name: "RMSE", decimals: 3), .init(name: "R²", decimals: 3)],
                    rows: rows, note: "Worst R² first."))
            }
        }
        if case .classification(let metrics) = candidate.metrics, let names = candidate.classNames {
            let rows = zip(names, metrics.perClass).map { name, report in
                SegmentTable.Row(segment: name, values: [Double(report.support), report.precision, report.recall, report.f1])
            }.sorted { ($0.values[3] ?? 2, $0.segment) < ($1.values[3] ?? 2, $1.segment) }
            tables.append(SegmentTable(
                title: "By true class", dimension: "class",
                columns: [.init(name: "rows", decimals: 0), .init(name: "precision", decimals: 3),
                          .init(name: "recall", decimals: 3), .init(name: "F1", decimals: 3)],
                rows: rows, note: "Lowest F1 first."))
        }
        return tables
    }
}
