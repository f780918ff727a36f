import Evaluation

extension EvaluationResult {
    /// The readable table `workbench evaluate` prints: how it was measured, then one row per metric with a
    /// column per model, events, and the comparison.
    public func lines() -> [String] {
        var lines = [
            "model       \(model) (\(algorithm))" + (against.map { ", against \($0.model) (\($0.algorithm))" } ?? ""),
            "task        \(task.rawValue)" + (positive.map { ", positive class '\($0)'" } ?? ""),
            "measured on \(measuredOn)",
            "",
        ]
        let first = metrics.flattened
        let second = against?.metrics.flattened
        var rows = [["metric", model] + (against.map { [$0.model] } ?? [])]
        for name in Set(first.keys).union(second?.keys ?? [:].keys).sorted() {
            rows.append([name, Self.format(first[name])] + (second.map { [Self.format($0[name])] } ?? []))
        }
        if let interval {
            rows.append(["interval_coverage (\(Self.format(interval.share * 100)) %)"]
                        + interval.coverages.map { Self.format($0) })
        }
        if let events {
            let other = against?.events
            func add(_ name: String, _ value: (EventMetrics) -> Double?) {
                rows.append([name, Self.format(value(events))] + (against.map { _ in [Self.format(other.flatMap(value))] } ?? []))
            }
            add("events.total") { Double($0.total) }
            add("events.detected") { Double($0.detected) }
            add("events.recall") { $0.recall }
            add("events.median_delay_seconds") { $0.medianDelaySeconds }
            add("events.false_alerts_per_group_day") { $0.falseAlertsPerGroupDay }
            for kind in (events.byKind ?? [:]).keys.sorted() {
                add("events.\(kind).detected") { $0.byKind?[kind].map { Double($0.detected) } }
                add("events.\(kind).total") { $0.byKind?[kind].map { Double($0.total) } }
                add("events.\(kind).median_delay_seconds") { $0.byKind?[kind]?.medianDelaySeconds }
            }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { column, text in
                column == 0 ? text.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  "))
        }
        if let comparison {
            let verdict = comparison.ciLow > 0 ? (comparison.metric.higherIsBetter ? "better" : "worse")
                : comparison.ciHigh < 0 ? (comparison.metric.higherIsBetter ? "worse" : "better") : "not distinguishable"
            lines.append("")
            lines.append("comparison  \(comparison.metric): \(model) − \(against?.model ?? "") = "
                + "\(Self.signed(comparison.difference)), 95 % CI [\(Self.signed(comparison.ciLow)), "
                + "\(Self.signed(comparison.ciHigh))] (block bootstrap, \(comparison.resamples) resamples of "
                + "\(comparison.blockLength)-row blocks): \(verdict)")
        }
        return lines
    }

    static func format(_ value: Double?) -> String {
        guard let value else { return "–" }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int64(value)) }
        return String(format: "%.4f", value)
    }

    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + String(format: "%.4f", value)
    }
}
