import Forests
import Foundation
import HDF5Kit
import ModelFixtures
import NumericCore
import Testing
import TestSupport
@testable import ModelStore

/// Format 3 (level-order node arrays, read straight into the trees) and format 2 (files already in
/// registries, written by Workbench before format 3: Tests/ModelFiles/format-2.0, see its README).
@Suite("Model file formats")
struct ModelFileFormatTests {
    static let algorithms = ModelAlgorithm.allCases

    /// The scores a model gives `rows`, as one flat array (probabilities, mean and spread, or anomaly scores).
    static func outputs(_ model: TrainedModel, _ rows: Matrix<Float>) throws -> [Double] {
        switch model {
        case .randomForestClassifier(let forest): try forest.predictProbabilities(rows).storage
        case .randomForestRegressor(let forest): try { let (mean, spread) = try forest.predictWithSpread(rows); return mean + spread }()
        case .isolationForest(let forest): try forest.scores(rows)
        case .extendedIsolationForest(let forest): try forest.scores(rows)
        }
    }

    static func model(_ algorithm: ModelAlgorithm) throws -> TrainedModel {
        switch algorithm {
        case .randomForestClassifier: .randomForestClassifier(try Fixtures.classifier())
        case .randomForestRegressor: .randomForestRegressor(try Fixtures.regressor())
        case .isolationForest: .isolationForest(try Fixtures.isolationForest())
        case .extendedIsolationForest: .extendedIsolationForest(try Fixtures.extendedIsolationForest())
        }
    }

    @Test("a format-2 file already in a registry loads, replays its self-test, and re-saves as format 3 with the same scores",
          arguments: algorithms)
    func formatTwoLoads(algorithm: ModelAlgorithm) throws {
        let fixture = TestSupport.repositoryRoot.appendingPathComponent("Tests/ModelFiles/format-2.0/\(algorithm.rawValue).h5")
        let old = try ModelFile.load(fixture)
        #expect(old.model.algorithm == algorithm && old.formatVersion == "2.0")
        #expect(old.selfTestSamples?.rows == 8)
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("v3.h5")
        try ModelFile.save(old.model, metadata: old.metadata, selfTestRows: old.selfTestSamples, to: url)
        let file = try HDF5File.open(at: url.path)
        #expect(try file.root.numericAttribute("format_version_major", as: Int64.self) == 3)
        try file.close()
        let new = try ModelFile.load(url)
        #expect(new.formatVersion == "3.0")
        let rows = Fixtures.matrix(rows: 300, seed: 31)
        #expect(try Self.outputs(new.model, rows) == Self.outputs(old.model, rows))
    }

    @Test("format 3 saves and loads every algorithm with identical scores", arguments: algorithms)
    func roundTrip(algorithm: ModelAlgorithm) throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("m.h5")
        let model = try Self.model(algorithm)
        let content = try ModelFile.save(model, metadata: Fixtures.metadata(algorithm), selfTestRows: Fixtures.matrix(), to: url)
        let loaded = try ModelFile.load(url)
        #expect(loaded.contentSHA256 == content)
        let rows = Fixtures.matrix(rows: 400, seed: 41)
        #expect(try Self.outputs(loaded.model, rows) == Self.outputs(model, rows))
    }

    @Test("format 3 stores axis-parallel trees in level order: no child indices, int8 features, packed NaN bits")
    func levelOrderLayout() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("rf.h5")
        let forest = try Fixtures.regressor()
        try ModelFile.save(.randomForestRegressor(forest), metadata: Fixtures.metadata(.randomForestRegressor), to: url)
        let file = try HDF5File.open(at: url.path)
        defer { try? file.close() }
        let group = try file.root.group("forest")
        #expect(try group.memberNames() == [
            "feature", "feature_importances", "leaf_values", "missing_go_to_left", "threshold", "tree_offsets",
        ])
        let nodes = forest.trees.reduce(0) { $0 + $1.nodeCount }, splits = (nodes - forest.trees.count) / 2
        #expect(try group.contiguousExtent(of: "feature")?.kind == .integer(bytes: 1, signed: true))
        #expect(try group.contiguousExtent(of: "feature")?.shape == [nodes])
        #expect(try group.contiguousExtent(of: "threshold")?.shape == [splits])
        #expect(try group.contiguousExtent(of: "missing_go_to_left")?.shape == [(splits + 7) / 8])
        #expect(try group.contiguousExtent(of: "leaf_values")?.shape == [nodes - splits, 1])
    }

    @Test("a flipped byte in a format-3 node array is refused, naming the dataset", arguments: [
        ("random-forest-regressor", "feature"), ("random-forest-regressor", "threshold"),
        ("random-forest-regressor", "missing_go_to_left"), ("random-forest-regressor", "leaf_values"),
        ("isolation-forest", "n_node_samples"),
    ])
    func flippedNodeArray(algorithm: String, dataset: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("m.h5")
        let kind = try #require(ModelAlgorithm(rawValue: algorithm))
        try ModelFile.save(try Self.model(kind), metadata: Fixtures.metadata(kind), to: url)
        let file = try HDF5File.open(at: url.path)
        let extent = try #require(try file.root.group("forest").contiguousExtent(of: dataset))
        try file.close()
        var bytes = try Data(contentsOf: url)
        bytes[extent.offset + extent.byteCount / 2] ^= 0x5A
        try bytes.write(to: url)
        let error = try #require(throws: ModelStoreError.self) { try ModelFile.load(url) }
        #expect(error.description.hasPrefix("Model file \(url.path): dataset /forest/\(dataset) fails its checksum (recorded "),
                "\(error)")
        let vectors = try #require(throws: ModelStoreError.self) { try ModelFile.selfTestVectors(url) }
        #expect(vectors == error, "reading only the self-test vectors verifies the node arrays too")
    }

    @Test("trees grown best-first come back in preorder and predict the same")
    func bestFirst() throws {
        var configuration = ForestConfiguration(task: .regression)
        configuration.trees = 5
        configuration.seed = 9
        configuration.threads = 1
        configuration.maxLeafNodes = 12
        let x = Fixtures.matrix()
        let targets = (0 ..< x.rows).map { Double(x[$0, 0].isNaN ? 0 : x[$0, 0]) * 3 }
        let forest = try RandomForestRegressor(fitting: x, targets: targets, configuration: configuration.validated())
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("rf.h5")
        try ModelFile.save(.randomForestRegressor(forest), metadata: Fixtures.metadata(.randomForestRegressor), to: url)
        guard case .randomForestRegressor(let copy) = try ModelFile.load(url).model else {
            Issue.record("loaded another algorithm")
            return
        }
        let rows = Fixtures.matrix(rows: 300, seed: 51)
        #expect(try copy.predictWithSpread(rows).mean == forest.predictWithSpread(rows).mean)
        #expect(copy.trees.allSatisfy { tree in (0 ..< tree.nodeCount).allSatisfy { tree.isLeaf($0) || tree.leftChildren[$0] == $0 + 1 } })
    }
}
