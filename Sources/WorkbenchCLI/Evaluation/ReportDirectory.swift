import DurableFiles
import Foundation
import Reports

/// Writes an evaluation report folder whole: readers see the previous report or the new one, never a mix.
enum ReportDirectory {
    /// Renders `report` and writes its files plus `metrics.json` to `directory`, replacing any previous
    /// report atomically (`AtomicDirectory`, `.replace`).
    /// - Throws: `DurableFileError` naming the directory when it cannot be written (exit 73).
    static func write(_ report: EvaluationReport, metricsJSON: String, to directory: String) throws {
        var files = ReportRenderer.render(report)
        files["metrics.json"] = metricsJSON
        try AtomicDirectory.write(to: directory, existing: .replace) { staging in
            for name in files.keys.sorted() {
                let path = (staging as NSString).appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: path, contents: Data(files[name]!.utf8),
                                                     attributes: [.posixPermissions: 0o644]) else {
                    throw DurableFileError(path: path, reason: "cannot create the file")
                }
            }
        }
    }
}
