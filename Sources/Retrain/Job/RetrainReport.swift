import DurableFiles
import Foundation
import NumericCore
import Reports

/// The run's report: `index.md` with one line per tenant × model linking a page each (Reports'
/// `report.md` and SVG plots in a folder per run), and `summary.json`, written as one atomic directory.
public enum RetrainReport {
    /// The index file's name.
    public static let indexName = "index.md"
    /// The summary file's name, next to the index.
    public static let summaryName = "summary.json"

    /// The files of the report of `summary`, by relative path.
    public static func files(runID: String, spec: RetrainSpec, source: String, summary: RetrainSummary,
                             records: [String: RunRecord]) -> [String: String] {
        var files: [String: String] = [summaryName: summary.json() + "\n"]
        var lines = [
            "# Retraining run \(runID)", "",
            "- Source: \(source)",
            "- Hold-out: the newest \(spec.holdoutSeconds / 3600) h of each tenant's rows, never trained on; "
                + "every metric below is measured there, candidate and production on the same rows.",
            "- Summary for machines: [\(summaryName)](\(summaryName))", "",
        ]
        let header = ["Tenant", "Model", "Outcome", "Version", "Reason"]
        var rows: [[String]] = []
        for run in summary.runs {
            let folder = run.model
            var link = run.model
            if let record = records[run.model], let page = page(run, record, spec: spec, source: source) {
                for (name, content) in page { files[folder + "/" + name] = content }
                link = "[\(run.model)](\(folder)/\(ReportRenderer.markdownName))"
            }
            rows.append([run.tenant ?? "(all)", link, run.outcome.rawValue, run.version ?? "-",
                         (run.reason ?? "").replacingOccurrences(of: "|", with: "\\|")])
        }
        lines.append(MarkdownTable.render(header: header, rows: rows, rightAligned: header.map { _ in false }))
        files[indexName] = lines.joined(separator: "\n") + "\n"
        return files
    }

    /// Writes the report of `summary` to `directory/runID` atomically; returns the folder.
    /// - Throws: `DurableFileError` naming the folder.
    public static func write(to directory: String, runID: String, spec: RetrainSpec, source: String,
                             summary: RetrainSummary, records: [String: RunRecord]) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Two runs in one second (a re-run, another shard's --tenant) keep both reports: `ID`, `ID-2`, …
        var id = runID
        var attempt = 1
        while FileManager.default.fileExists(atPath: directory + "/" + id) {
            attempt += 1
            id = "\(runID)-\(attempt)"
        }
        let destination = directory + "/" + id
        let content = files(runID: id, spec: spec, source: source, summary: summary, records: records)
        try AtomicDirectory.write(to: destination, existing: .refuse) { staging in
            for (path, text) in content.sorted(by: { $0.key < $1.key }) {
                let url = URL(fileURLWithPath: staging + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }
        return destination
    }

    /// One page: the outcome, how it was measured, candidate and production side by side, and the plots.
    /// One page: the outcome and how it was measured, then `workbench evaluate`'s report of candidate (and
    /// production) on the hold-out.
    private static func page(_ run: RunOutcome, _ record: RunRecord, spec: RetrainSpec,
                             source: String) -> [String: String]? {
        guard let evaluation = record.evaluation else { return nil }
        var report = evaluation.report
        var lines = [
            "Outcome: **\(run.outcome.rawValue)**\(run.version.map { " (\($0))" } ?? "") — \(run.reason ?? "")",
            "Data: \(source), tenant \(run.tenant ?? "(all)"): \(record.trainingRows) training rows up to "
                + "\(UTCCalendar.iso8601(record.trainingEnd)); hold-out \(record.holdoutRows) rows "
                + "\(UTCCalendar.iso8601(record.holdoutStart)) … \(UTCCalendar.iso8601(record.holdoutEnd)), never trained on.",
        ]
        let production = evaluation.production
        for key in evaluation.metrics.keys.sorted() where MetricDirection.of(key) != nil {
            let value = Gates.format(evaluation.metrics[key]!)
            let old = production?[key].map { ", production \(record.productionVersion ?? "") \(Gates.format($0))" } ?? ""
            lines.append("`\(key)` on the hold-out: candidate \(value)\(old)")
        }
        if production == nil { lines.append("No production version: the absolute gates alone decide.") }
        report.title = "\(run.model): retraining candidate on the hold-out"
        report.provenance = lines + report.provenance
        return ReportRenderer.render(report)
    }
}
