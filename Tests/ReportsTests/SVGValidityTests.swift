import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import Testing
import TestSupport

/// Every SVG a report writes is well-formed XML and renders with librsvg (what many viewers use) without
/// a warning: no scripts, no external resources, explicit size.
@Suite("SVG validity")
struct SVGValidityTests {
    static var allSVGs: [(String, String)] {
        GoldenReportTests.reports.flatMap { task, report in
            ReportRenderer.render(report).filter { $0.key.hasSuffix(".svg") }.sorted { $0.key < $1.key }
                .map { ("\(task)/\($0.key)", $0.value) }
        }
    }

    @Test("every SVG parses as XML with a title, a description and an explicit size")
    func parses() throws {
        for (name, svg) in Self.allSVGs {
            let document = try XMLDocument(data: Data(svg.utf8))
            let root = try #require(document.rootElement())
            #expect(root.name == "svg", "\(name)")
            let attributes = Set((root.attributes ?? []).compactMap { $0.localName ?? $0.name })
            for attribute in ["width", "height", "viewBox", "role"] {
                #expect(attributes.contains(attribute), "\(name) has no \(attribute): \(attributes.sorted())")
            }
            #expect(root.elements(forName: "title").first?.stringValue?.isEmpty == false, "\(name)")
            #expect(root.elements(forName: "desc").first?.stringValue?.isEmpty == false, "\(name)")
            #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("<style"), "\(name)")
        }
    }

    @Test("every SVG renders with rsvg-convert and no output on stderr")
    func renders() throws {
        let directory = try TestSupport.makeTemporaryDirectory("svg-render")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, svg) in Self.allSVGs {
            let file = directory.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-"))
            try svg.write(to: file, atomically: true, encoding: .utf8)
            let png = file.deletingPathExtension().appendingPathExtension("png")
            let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["rsvg-convert", "-o", png.path, file.path])
            #expect(run.status == 0, "\(name): rsvg-convert exited \(run.status) (install librsvg2-bin)")
            #expect(run.standardError.isEmpty, "\(name): \(run.standardError)")
            let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
            #expect(size > 1000, "\(name) rendered to an empty PNG")
        }
    }
}
