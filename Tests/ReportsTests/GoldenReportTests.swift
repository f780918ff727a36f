import Foundation
import Reports
import Testing
import TestSupport

/// Reports are compared byte for byte with committed files; `WORKBENCH_UPDATE_GOLDEN=1` rewrites them.
@Suite("golden reports")
struct GoldenReportTests {
    static let reports: [(String, EvaluationReport)] = [
        ("classification", ReportFixtures.classification),
        ("anomaly", ReportFixtures.anomaly),
        ("regression", ReportFixtures.regression),
    ]

    static var goldenDirectory: URL {
        TestSupport.repositoryRoot.appendingPathComponent("Tests/ReportsTests/Golden")
    }

    @Test("each task's report matches its golden files", arguments: ["classification", "anomaly", "regression"])
    func golden(task: String) throws {
        let report = try #require(Self.reports.first { $0.0 == task }).1
        let files = ReportRenderer.render(report)
        let directory = Self.goldenDirectory.appendingPathComponent(task)
        if ProcessInfo.processInfo.environment["WORKBENCH_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, content) in files {
                try content.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        let stored = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(stored == files.keys.sorted())
        for (name, content) in files {
            let golden = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(content == golden, "\(task)/\(name) differs from its golden file")
        }
    }

    @Test("rendering twice gives the same bytes")
    func deterministic() {
        for (_, report) in Self.reports {
            #expect(ReportRenderer.render(report) == ReportRenderer.render(report))
        }
    }

    @Test("report.md answers verdict, failures, threshold and alerts before the plots, and links every SVG")
    func sectionOrder() throws {
        let files = ReportRenderer.render(ReportFixtures.anomaly)
        let markdown = try #require(files["report.md"])
        let headings = ["## Verdict", "## Where it fails", "## Which threshold", "## How many alerts a day", "## Plots"]
        let positions = try headings.map { try #require(markdown.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        for name in files.keys where name.hasSuffix(".svg") {
            #expect(markdown.contains("](\(name))"), "report.md does not link \(name)")
        }
        #expect(markdown.contains("**v2 is not distinguishable from v1** on event recall"))
    }
}
