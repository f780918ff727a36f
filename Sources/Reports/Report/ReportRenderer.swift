/// Renders an `EvaluationReport` to `report.md` and its SVG plots, as file name → content.
///
/// Pure: no file system, no clock. The same report gives the same bytes, so reports can be compared with
/// golden files and committed next to notebooks.
public enum ReportRenderer {
    /// The name of the Markdown file in the output.
    public static let markdownName = "report.md"

    /// The files of `report`: `report.md`, which links every plot by relative name, and one SVG per plot.
    public static func render(_ report: EvaluationReport) -> [String: String] {
        let plots = plotFiles(report.plots)
        var markdown = "# \(report.title)\n\n"
        markdown += "Task: \(report.task).\n"
        if !report.provenance.isEmpty {
            markdown += "\n" + report.provenance.map { "- \($0)\n" }.joined()
        }
        markdown += "\n## Verdict\n\n" + verdictSection(report.verdict)
        markdown += "\n## Where it fails\n\n" + failureSection(report.failures)
        markdown += "\n## Which threshold\n\n" + thresholdSection(report.thresholds)
        markdown += "\n## How many alerts a day\n\n" + alertSection(report.alerts)
        markdown += "\n## Plots\n"
        for plot in plots {
            let alt = plot.alt.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            markdown += "\n### \(plot.heading)\n\n![\(alt)](\(plot.name))\n"
        }
        var files = [markdownName: markdown]
        for plot in plots { files[plot.name] = plot.svg }
        return files
    }

    static func verdictSection(_ verdict: Verdict?) -> String {
        guard let verdict else {
            return "One model was evaluated; there is no production model to compare against.\n"
        }
        var text: String
        if let first = verdict.comparisons.first {
            let judgement = switch verdict.outcome {
            case .better: "is better than"
            case .worse: "is worse than"
            case .inconclusive: "is not distinguishable from"
            }
            text = "**\(verdict.candidate) \(judgement) \(verdict.production)** on \(first.metric): "
            text += "\(ReportNumber.metric(first.candidate)) vs \(ReportNumber.metric(first.production)), "
            text += "difference \(ReportNumber.signed(first.difference)) "
            text += "(95 % CI [\(ReportNumber.signed(first.intervalLower)), \(ReportNumber.signed(first.intervalUpper))]).\n\n"
        } else {
            text = "No metric was compared.\n\n"
        }
        let rows = verdict.comparisons.map { comparison in
            [comparison.metric, comparison.higherIsBetter ? "higher" : "lower",
             ReportNumber.metric(comparison.candidate), ReportNumber.metric(comparison.production),
             ReportNumber.signed(comparison.difference),
             "[\(ReportNumber.signed(comparison.intervalLower)), \(ReportNumber.signed(comparison.intervalUpper))]",
             comparison.outcome.rawValue]
        }
        text += MarkdownTable.render(
            header: ["metric", "better when", verdict.candidate, verdict.production, "difference", "95 % CI", "outcome"],
            rows: rows, rightAligned: [false, false, true, true, true, true, false])
        text += "\nBetter or worse means the 95 % confidence interval of the difference excludes zero.\n"
        return text
    }

    static func failureSection(_ tables: [SegmentTable]) -> String {
        guard !tables.isEmpty else { return "No per-segment figures were measured.\n" }
        return tables.map { table in
            var text = "**\(table.title)**\n\n"
            let rows = table.rows.map { row in
                [row.segment] + table.columns.enumerated().map { index, column in
                    ReportNumber.optional(index < row.values.count ? row.values[index] : nil, decimals: column.decimals)
                }
            }
            text += MarkdownTable.render(header: [table.dimension] + table.columns.map(\.name), rows: rows,
                                         rightAligned: [false] + table.columns.map { _ in true })
            if let note = table.note { text += "\n\(note)\n" }
            return text
        }.joined(separator: "\n")
    }

    static func thresholdSection(_ thresholds: [ThresholdRow]) -> String {
        guard !thresholds.isEmpty else { return "The model has no alert threshold.\n" }
        var text = ""
        if let chosen = thresholds.first(where: \.isChosen) {
            text += "Recommended: **\(chosen.name) = \(ReportNumber.metric(chosen.value))** (\(chosen.rule)).\n\n"
        }
        let rows = thresholds.map { row in
            [row.isChosen ? "**\(row.name)**" : row.name, ReportNumber.metric(row.value), row.rule,
             ReportNumber.optional(row.precision, decimals: 4), ReportNumber.optional(row.recall, decimals: 4),
             ReportNumber.optional(row.alertsPerDay, decimals: 1)]
        }
        text += MarkdownTable.render(header: ["threshold", "score ≥", "chosen by", "precision", "recall", "alerts/day"],
                                     rows: rows, rightAligned: [false, true, false, true, true, true])
        return text
    }

    static func alertSection(_ load: AlertLoad?) -> String {
        guard let load, !load.days.isEmpty else { return "No alerts are raised by this task.\n" }
        var text = "Over \(load.days.count) days (UTC), "
        text += "from \(TimeTicks.label(load.days[0], dateOnly: true)) to \(TimeTicks.label(load.days[load.days.count - 1], dateOnly: true)).\n\n"
        let rows = load.levels.map { level in
            let counts = level.counts.map(Double.init)
            let total = level.counts.reduce(0, +)
            let overBudget = load.budget.map { budget in String(counts.filter { $0 > budget }.count) } ?? "–"
            return [level.name, String(total), SVGNumber.fixed(Double(total) / Double(max(1, counts.count)), decimals: 1),
                    SVGNumber.fixed(percentile95(counts), decimals: 0), String(level.counts.max() ?? 0), overBudget]
        }
        let budgetHeader = load.budget.map { "days over \(SVGNumber.fixed($0, decimals: 1))/day" } ?? "days over budget"
        text += MarkdownTable.render(header: ["level", "alerts", "mean/day", "p95/day", "max/day", budgetHeader],
                                     rows: rows, rightAligned: [false, true, true, true, true, true])
        text += "\np95 is the nearest-rank 95th percentile of the daily counts.\n"
        if load.days.count <= 31 {
            let daily = load.days.enumerated().map { index, day in
                [TimeTicks.label(day, dateOnly: true)] + load.levels.map { index < $0.counts.count ? String($0.counts[index]) : "–" }
            }
            text += "\n" + MarkdownTable.render(header: ["day"] + load.levels.map(\.name), rows: daily,
                                                rightAligned: [false] + load.levels.map { _ in true })
        }
        return text
    }

    /// The nearest-rank 95th percentile.
    static func percentile95(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
