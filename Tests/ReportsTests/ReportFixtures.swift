import Foundation
import Reports

/// Small fixed reports, one per task, built from formulas and a fixed linear congruential generator, so
/// the golden files only change when the rendering does.
enum ReportFixtures {
    /// 2026-11-02T00:00:00Z, a Monday.
    static let start = 1_793_577_600.0

    /// A deterministic noise source in [0, 1).
    struct Noise {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static func curve(model: String, summary: String, power: Double) -> ModelCurve {
        let xs = (0...20).map { Double($0) / 20 }
        return ModelCurve(model: model, xs: xs, ys: xs.map { pow($0, power) }, summary: summary)
    }

    static var classification: EvaluationReport {
        let precisionRecall = [0.55, 0.75].map { decay in
            let recall = (0...20).map { Double($0) / 20 }
            return (recall, recall.map { 1 - decay * pow($0, 2.5) })
        }
        return EvaluationReport(
            title: "shuttle-incidents@v2 against production v1",
            provenance: ["data: datasets/odds/shuttle.csv, 1100 rows after the training window (last 20 %)",
                         "labels: column label, 1 = incident"],
            verdict: Verdict(candidate: "v2", production: "v1", comparisons: [
                MetricComparison(metric: "roc_auc", candidate: 0.9123, production: 0.8871, intervalLower: 0.0121,
                                 intervalUpper: 0.0383, higherIsBetter: true),
                MetricComparison(metric: "log_loss", candidate: 0.2210, production: 0.2302, intervalLower: -0.0240,
                                 intervalUpper: 0.0051, higherIsBetter: false),
            ]),
            failures: [SegmentTable(title: "Per class", dimension: "class",
                                    columns: [.init(name: "rows", decimals: 0), .init(name: "precision", decimals: 4),
                                              .init(name: "recall", decimals: 4)],
                                    rows: [.init(segment: "incident (1)", values: [150, 0.7725, 0.86]),
                                           .init(segment: "normal (0)", values: [950, 0.9775, 0.96])],
                                    note: "Measured on the 1100 evaluation rows.")],
            thresholds: [ThresholdRow(name: "f1_optimal", value: 0.4616, rule: "maximises F1", precision: 0.7725,
                                      recall: 0.86, isChosen: true),
                         ThresholdRow(name: "recall_0.9", value: 0.3120, rule: "highest with recall ≥ 0.9",
                                      precision: 0.6010, recall: 0.9)],
            plots: .classification(ClassificationPlots(
                roc: [curve(model: "v2", summary: "AUC 0.912", power: 0.25), curve(model: "v1", summary: "AUC 0.887", power: 0.4)],
                precisionRecall: [ModelCurve(model: "v2", xs: precisionRecall[0].0, ys: precisionRecall[0].1, summary: "AP 0.801"),
                                  ModelCurve(model: "v1", xs: precisionRecall[1].0, ys: precisionRecall[1].1, summary: "AP 0.744")],
                confusionLabels: ["normal (0)", "incident (1)"], confusionCounts: [[912, 38], [21, 129]],
                calibration: [ModelCurve(model: "v2", xs: [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95],
                                         ys: [0.02, 0.11, 0.22, 0.38, 0.41, 0.6, 0.7, 0.71, 0.88, 0.97])],
                featureImportances: [
                    NamedValue(name: "system_performance/cpu_usage_percent", value: 0.312),
                    NamedValue(name: "api_gateway/requests_per_second", value: 0.204),
                    NamedValue(name: "api_gateway/latency_p99_ms", value: 0.151),
                    NamedValue(name: "system_performance/memory_used_bytes", value: 0.118),
                    NamedValue(name: "database/connections_active", value: 0.09),
                    NamedValue(name: "system_performance/disk_io_write_bytes_per_second", value: 0.071),
                    NamedValue(name: "hour_of_day", value: 0.054),
                ])))
    }

    static var anomaly: EvaluationReport {
        var noise = Noise(state: 42)
        let times = (0..<(7 * 288)).map { start + Double($0) * 300 }
        let kinds = [("tenant-1", [(1.2, 1.3), (4.5, 4.9)]), ("tenant-2", [(2.25, 2.3)]), ("tenant-3", [(5.0, 6.1)])]
        var groups: [AnomalyPlots.GroupScores] = []
        var allScores: [Double] = []
        for (group, incidentDays) in kinds {
            let incidents = incidentDays.map { ShadedInterval(start: start + $0.0 * 86_400, end: start + $0.1 * 86_400) }
            let scores = times.map { time -> Double in
                let day = (time - start) / 86_400
                let inside = incidents.contains { time >= $0.start && time <= $0.end }
                return 0.42 + 0.04 * sin(2 * .pi * day) + 0.05 * noise.next() + (inside ? 0.16 + 0.05 * noise.next() : 0)
            }
            let alerts = zip(times, scores).filter { $0.1 >= 0.56 }.map(\.0)
            allScores += scores
            groups.append(.init(group: group, times: times, scores: scores, incidents: incidents, alerts: alerts))
        }
        let sweep = (0..<31).map { index -> AnomalyPlots.SweepPoint in
            let threshold = 0.40 + Double(index) * 0.01
            let t = Double(index) / 30
            return .init(threshold: threshold, precision: min(1, 0.08 + 0.9 * pow(t, 0.7)), recall: max(0, 1 - pow(t, 1.8)),
                         alertsPerDay: 400 * exp(-9 * t))
        }
        let levels = [ReferenceLine(name: "warn", value: 0.54), ReferenceLine(name: "critical", value: 0.63)]
        return EvaluationReport(
            title: "collectors-anomalies@v2 on the held-out week",
            provenance: ["data: 3 tenants, 2026-11-02..09 (7 days after the training window), 5-minute buckets",
                         "incidents: 4 injected (spike, level shift, drift); an incident is detected by its first alert"],
            verdict: Verdict(candidate: "v2", production: "v1", comparisons: [
                MetricComparison(metric: "event recall", candidate: 0.75, production: 0.75, intervalLower: -0.25,
                                 intervalUpper: 0.25, higherIsBetter: true),
                MetricComparison(metric: "false alerts/day", candidate: 1.3, production: 2.1, intervalLower: -1.4,
                                 intervalUpper: -0.2, higherIsBetter: false),
            ]),
            failures: [SegmentTable(
                title: "Detection by incident kind", dimension: "incident kind",
                columns: [.init(name: "incidents", decimals: 0), .init(name: "detected", decimals: 0),
                          .init(name: "median delay (min)", decimals: 1)],
                rows: [.init(segment: "drift", values: [1, 0, nil]), .init(segment: "level_shift", values: [1, 1, 7.5]),
                       .init(segment: "spike", values: [2, 2, 2.5])],
                note: "Delay is from the incident's start to its first alert at the warn level.")],
            thresholds: [ThresholdRow(name: "warn", value: 0.54, rule: "contamination 0.05", precision: 0.41, recall: 0.83,
                                      alertsPerDay: 12.4, isChosen: true),
                         ThresholdRow(name: "critical", value: 0.63, rule: "top 0.001 of training scores", precision: 0.92,
                                      recall: 0.31, alertsPerDay: 0.9)],
            alerts: AlertLoad(days: (0..<7).map { start + Double($0) * 86_400 },
                              levels: [.init(name: "warn", counts: [9, 14, 11, 8, 16, 13, 10]),
                                       .init(name: "critical", counts: [0, 2, 1, 0, 3, 1, 0])],
                              budget: 12),
            plots: .anomaly(AnomalyPlots(
                scoreHistogram: BinnedCounts(values: allScores, binCount: 40), levels: levels, sweep: sweep,
                chosenThreshold: 0.54, groups: groups,
                delayByKind: [NamedValue(name: "spike", value: 2.5, count: 6), NamedValue(name: "level_shift", value: 7.5, count: 1)])))
    }

    static var regression: EvaluationReport {
        var noise = Noise(state: 7)
        let times = (0..<(3 * 288)).map { start + Double($0) * 300 }
        let forecasts = ["tenant-1", "tenant-2"].enumerated().map { index, group -> RegressionPlots.Forecast in
            let scale = index == 0 ? 1200.0 : 800
            let actual = times.map { time -> Double in
                let day = (time - start) / 86_400
                return scale * (1 + 0.35 * sin(2 * .pi * (day - 0.25))) + 60 * (noise.next() - 0.5)
            }
            let predicted = times.map { time -> Double in
                let day = (time - start) / 86_400
                return scale * (1 + 0.32 * sin(2 * .pi * (day - 0.24)))
            }
            return .init(group: group, times: times, actual: actual, predicted: predicted,
                         lower: predicted.map { $0 - 0.08 * scale }, upper: predicted.map { $0 + 0.08 * scale })
        }
        let errorByHour = (0..<24).map { hour -> Double in
            let wave: Double = 20 * sin(Double(hour) / 24 * 2 * Double.pi)
            return 30 + wave + Double(hour % 5)
        }
        let residuals = forecasts.flatMap { zip($0.actual, $0.predicted).map { $0 - $1 } }
        return EvaluationReport(
            title: "request-rate forecaster@v3, 3 buckets ahead",
            provenance: ["data: 2 tenants, 3 days after the training window, 5-minute buckets",
                         "interval: 10th to 90th percentile of the per-tree predictions"],
            verdict: Verdict(candidate: "v3", production: "v2", comparisons: [
                MetricComparison(metric: "MAE (req/s)", candidate: 41.2, production: 44.0, intervalLower: -4.1,
                                 intervalUpper: -1.5, higherIsBetter: false),
            ]),
            failures: [SegmentTable(title: "Error per tenant", dimension: "tenant",
                                    columns: [.init(name: "rows", decimals: 0), .init(name: "MAE (req/s)", decimals: 1),
                                              .init(name: "bias (req/s)", decimals: 1)],
                                    rows: [.init(segment: "tenant-1", values: [864, 52.3, -3.1]),
                                           .init(segment: "tenant-2", values: [864, 30.1, 1.2])])],
            plots: .regression(RegressionPlots(
                target: AxisLabel("request rate", unit: "req/s"), intervalName: "80 % interval (per-tree spread)",
                forecasts: forecasts, residuals: BinnedCounts(values: residuals, binCount: 30),
                errorByHour: errorByHour)))
    }
}
