import DurableFiles
import Foundation
import Reports

/// Writes an evaluation report folder whole: readers see the previous report or the new one, never a mix.
enum ReportDirectory {
    /// Refuses a folder that replacing would lose data in: an existing path that is not a folder, or a
    /// folder holding anything but a report's files (`report.md`, `metrics.json`, `*.svg`).
    /// - Throws: `DurableFileError.refused` naming the folder and the first foreign entry (exit 64).
    static func check(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw DurableFileError.refused(directory, "--report \(directory) is a file; give a folder for the report.")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if let foreign = entries.sorted().first(where: { !isReportFile($0) }) {
            throw DurableFileError.refused(
                directory, "--report \(directory) holds '\(foreign)', which is not part of a report; "
                    + "the folder is replaced whole, so give a new folder or a previous report's.")
        }
    }

    /// Renders `report` and writes its files plus `metrics.json` to `directory`, replacing any previous
    /// report atomically (`AtomicDirectory`, `.replace`).
    /// - Throws: `DurableFileError` naming the directory: refused as in `check`, or cannot write (exit 73).
    static func write(_ report: EvaluationReport, metricsJSON: String, to directory: String) throws {
        try check(directory)
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

    private static func isReportFile(_ name: String) -> Bool {
        name == ReportRenderer.markdownName || name == "metrics.json" || name.hasSuffix(".svg")
    }
}
