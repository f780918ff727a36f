import Foundation
import Testing
import TestSupport

/// interop/python/workbench_collector.py end to end: Tests/Interop/test_collector.py (pytest) publishes with
/// the real CLI, hot-reloads, and is handed corrupted bundles it must refuse while the old model keeps scoring.
@Suite("Python collector loader")
struct CollectorLoaderTests {
    @Test("hot reload, by-name scoring and refusal of corrupted bundles (pytest)")
    func pytest() throws {
        let directory = try TestSupport.makeTemporaryDirectory("collector")
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = directory.appendingPathComponent("models").path
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        for seed in ["1", "2", "3"] {
            let train = try TestSupport.workbench([
                "train", "--data", data, "--target", "label", "--algorithm", "isolation-forest", "--trees", "15",
                "--seed", seed, "--register", "bw", "--registry", registry,
            ])
            #expect(train.status == 0, "\(train.standardError)")
        }
        let script = TestSupport.repositoryRoot.appendingPathComponent("Tests/Interop/test_collector.py").path
        let run = try TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", script],
            environment: ["WORKBENCH_EXECUTABLE": TestSupport.workbenchExecutable.path, "WORKBENCH_TEST_REGISTRY": registry])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("5 passed"), "\(run.standardOutput)")
    }
}
