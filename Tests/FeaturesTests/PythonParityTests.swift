import Datasets
import Foundation
import Testing
import TestSupport
@testable import Features

/// interop/python/workbench_features.py (numpy only) against the Swift library: every transform,
/// every output column, max relative difference 1e-9 (Tests/Interop/features_parity.py).
@Suite("Python feature twin parity")
struct PythonParityTests {
    /// Writes `data`, the spec's JSON and Swift's features, and runs the Python comparison.
    private func check(_ spec: FeatureSpec, on data: Dataset, excluding: Set<String> = []) throws {
        let directory = try TestSupport.makeTemporaryDirectory("features-parity")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataPath = directory.appendingPathComponent("data.csv").path
        let specPath = directory.appendingPathComponent("spec.json").path
        let expectedPath = directory.appendingPathComponent("expected.csv").path
        try CSVWriter.write(data, to: dataPath)
        try spec.canonicalJSON.write(toFile: specPath, atomically: true, encoding: .utf8)
        try CSVWriter.write(try spec.apply(to: data, excluding: excluding), to: expectedPath)
        let result = try TestSupport.python(
            "features_parity.py", [specPath, dataPath, expectedPath] + excluding.sorted().flatMap { ["--exclude", $0] })
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        // One line per output column: the check really compared each of them.
        let names = try spec.featureNames(for: data, excluding: excluding)
        for name in names {
            #expect(result.standardOutput.contains("\(name): "), "column \(name) not compared")
        }
    }

    @Test("every transform kind matches Python on shuffled multi-group data with gaps and NaN")
    func everyTransform() throws {
        let spec = FeatureFixtures.everyTransform
        #expect(Set(spec.transforms.map(\.kind)) == Set(FeatureSpec.transformKinds))
        try check(spec, on: FeatureFixtures.noisy(groups: 4, rows: 400, seed: 11))
    }

    @Test("ISO 8601 times and the target exclusion match Python")
    func isoTimes() throws {
        let data = FeatureFixtures.noisy(groups: 2, rows: 300, seed: 12)
        var columns = data.columns
        columns[0].data = .text(FeatureFixtures.values(data, "time").enumerated().map { index, t in
            OrderingTests.iso(t, offsetHours: index % 2 == 0 ? 0 : 5)
        })
        try check(FeatureFixtures.everyTransform, on: try Dataset(columns: columns), excluding: ["label"])
    }

    @Test("the default spec matches Python on the bundled synthetic metrics")
    func defaultSpec() throws {
        let path = TestSupport.datasetsDirectory.appendingPathComponent("synthetic/metrics.wide.csv").path
        try check(.default, on: try DatasetIO.read(path: path, csvOptions: .inferred))
    }
}
