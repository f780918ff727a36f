import Forests
import Foundation
import NumericCore
import ModelFixtures
import Testing
import TestSupport
@testable import ModelStore

@Suite("Model files")
struct ModelFileTests {
    @Test("save then load gives identical extended isolation forest scores and metadata")
    func extendedRoundTrip() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try Fixtures.extendedIsolationForest()
        let url = directory.appendingPathComponent("eif.h5")
        let metadata = Fixtures.metadata(.extendedIsolationForest)
        let content = try ModelFile.save(
            .extendedIsolationForest(model), metadata: metadata, selfTestRows: Fixtures.matrix(), to: url)
        let loaded = try ModelFile.load(url)
        #expect(loaded.metadata == metadata)
        #expect(loaded.contentSHA256 == content)
        #expect(loaded.selfTestSamples?.rows == SelfTest.maximumSampleRows)
        guard case .extendedIsolationForest(let copy) = loaded.model else {
            Issue.record("loaded a \(loaded.model.algorithm) model")
            return
        }
        let data = Fixtures.matrix(rows: 500, seed: 99)
        #expect(try copy.scores(data) == model.scores(data))
        #expect(copy.offset == model.offset)
        var trained = model.configuration.shared.values
        trained.threads = nil
        var stored = copy.configuration.shared.values
        stored.threads = nil
        #expect(stored == trained && copy.configuration.extensionLevel == model.configuration.extensionLevel,
                "everything but the thread count, which the reader picks")
    }

    @Test("save then load gives identical random forest classifier probabilities and keeps the forest's facts")
    func classifierRoundTrip() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try Fixtures.classifier()
        let url = directory.appendingPathComponent("rf.h5")
        try ModelFile.save(.randomForestClassifier(model), metadata: Fixtures.metadata(.randomForestClassifier), to: url)
        guard case .randomForestClassifier(let copy) = try ModelFile.load(url).model else {
            Issue.record("loaded another algorithm")
            return
        }
        let data = Fixtures.matrix(rows: 500, seed: 11)
        #expect(try copy.predictProbabilities(data) == model.predictProbabilities(data))
        #expect(copy.classNames == ["normal", "incident"])
        var trained = model.configuration.values
        trained.threads = nil
        #expect(copy.configuration.values == trained, "everything but the thread count, which the reader picks")
        #expect(copy.featureImportances == model.featureImportances)
        #expect(copy.outOfBagScore == model.outOfBagScore)
        #expect(copy.trees.map(\.leftChildren) == model.trees.map(\.leftChildren))
        #expect(copy.trees.map(\.thresholds) == model.trees.map(\.thresholds))
        #expect(copy.trees.map(\.leafValues) == model.trees.map(\.leafValues))
        #expect(copy.trees.allSatisfy { $0.sampleCounts.isEmpty }, "Random Forest files leave out sample counts")
    }

    @Test("save then load gives identical random forest regressor means and spreads")
    func regressorRoundTrip() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try Fixtures.regressor()
        let url = directory.appendingPathComponent("rf.h5")
        try ModelFile.save(.randomForestRegressor(model), metadata: Fixtures.metadata(.randomForestRegressor), to: url)
        guard case .randomForestRegressor(let copy) = try ModelFile.load(url).model else {
            Issue.record("loaded another algorithm")
            return
        }
        let data = Fixtures.matrix(rows: 500, seed: 12)
        let original = try model.predictWithSpread(data), loaded = try copy.predictWithSpread(data)
        #expect(loaded.mean == original.mean)
        #expect(loaded.standardDeviation == original.standardDeviation)
        #expect(copy.configuration.values.maxFeatures == .fraction(0.5))
        #expect(copy.configuration.values.seed == 4)
    }

    @Test("save then load gives identical isolation forest scores, offset and configuration")
    func isolationRoundTrip() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try Fixtures.isolationForest(contamination: 0.05)
        let url = directory.appendingPathComponent("if.h5")
        try ModelFile.save(.isolationForest(model), metadata: Fixtures.metadata(.isolationForest), to: url)
        guard case .isolationForest(let copy) = try ModelFile.load(url).model else {
            Issue.record("loaded another algorithm")
            return
        }
        let data = Fixtures.matrix(rows: 500, seed: 13)
        #expect(try copy.scores(data) == model.scores(data))
        #expect(copy.offset == model.offset && model.offset != -0.5)
        var trained = model.configuration.values
        trained.threads = nil
        var loaded = copy.configuration.values
        loaded.threads = nil
        #expect(loaded == trained)
        #expect(copy.sampleSize == model.sampleSize)
    }

    @Test("saving the same model twice gives the same content checksum")
    func deterministicContent() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = TrainedModel.extendedIsolationForest(try Fixtures.extendedIsolationForest())
        let metadata = Fixtures.metadata(.extendedIsolationForest)
        let first = try ModelFile.save(model, metadata: metadata, to: directory.appendingPathComponent("a.h5"))
        let second = try ModelFile.save(model, metadata: metadata, to: directory.appendingPathComponent("b.h5"))
        #expect(first == second)
    }

    @Test("a flipped byte inside a stored array is rejected with a checksum error")
    func flippedByte() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("eif.h5")
        let model = try Fixtures.extendedIsolationForest(trees: 5)
        try ModelFile.save(.extendedIsolationForest(model), metadata: Fixtures.metadata(.extendedIsolationForest), to: url)
        var bytes = try Data(contentsOf: url)
        // Small arrays are stored contiguously, so the intercepts' own bytes are findable in the file.
        let pattern = model.intercepts.prefix(4).withUnsafeBytes { Data($0) }
        let range = try #require(bytes.range(of: pattern))
        bytes[range.lowerBound + 13] ^= 0x5A
        try bytes.write(to: url)
        let error = try #require(throws: ModelStoreError.self) { try ModelFile.load(url) }
        #expect(error.description.hasPrefix("Model file \(url.path): dataset /forest/intercept fails its checksum (recorded "))
    }

    @Test("a changed attribute fails the content checksum")
    func tamperedAttribute() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("eif.h5")
        try ModelFile.save(
            .extendedIsolationForest(try Fixtures.extendedIsolationForest()),
            metadata: Fixtures.metadata(.extendedIsolationForest), to: url)
        let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c",
            "import h5py,sys; f=h5py.File(sys.argv[1],'r+'); f['forest'].attrs['offset']=0.99; f.close()",
            url.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let error = try #require(throws: ModelStoreError.self) { try ModelFile.load(url) }
        #expect(error.description.hasPrefix("Model file \(url.path) fails its content checksum"))
    }

    @Test("a file that is not a model file is refused by name")
    func foreignFile() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("other.h5")
        let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c", "import h5py,sys; h5py.File(sys.argv[1],'w').attrs['format']='keras'", url.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(throws: ModelStoreError.corrupted(
            "\(url.path) is not a Workbench model file (format attribute 'keras'; expected 'workbench-model')."
        )) { try ModelFile.load(url) }
        let text = directory.appendingPathComponent("text.h5")
        try Data("not hdf5".utf8).write(to: text)
        #expect(throws: ModelStoreError.self) { try ModelFile.load(text) }
    }

    @Test("a newer major format version is refused")
    func newerMajorVersion() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("eif.h5")
        try ModelFile.save(
            .extendedIsolationForest(try Fixtures.extendedIsolationForest()),
            metadata: Fixtures.metadata(.extendedIsolationForest), to: url)
        let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c",
            "import h5py,sys,numpy as np; f=h5py.File(sys.argv[1],'r+'); "
                + "f.attrs['format_version_major']=np.int64(4); f.close()",
            url.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(throws: ModelStoreError.corrupted(
            "Model file \(url.path) has format version 4; this Workbench reads major versions 2…3.")) {
            try ModelFile.load(url)
        }
    }

    @Test("metadata that does not describe the model is refused before writing")
    func mismatchedMetadata() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("eif.h5")
        let model = TrainedModel.extendedIsolationForest(try Fixtures.extendedIsolationForest())
        #expect(throws: ModelStoreError.invalidReference("Metadata lists 3 features; the model uses 4.")) {
            try ModelFile.save(model, metadata: Fixtures.metadata(.extendedIsolationForest, features: 3), to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}

/// Files whose checksums are intact but whose structure is wrong: loaders must refuse them
/// with a sentence, never crash (Swift) or raise a raw exception (Python).
@Suite("Malformed model files")
struct MalformedModelFileTests {
    @Test("structural damage behind valid checksums is refused by Swift and Python", arguments: [
        ("/forest/feature", "0", "99", "tree 0 of /forest is invalid: Node 0 splits on feature 99"),
        ("/forest/feature", "0", "-3", "tree 0 of /forest is invalid: Node 0 has feature -3; leaves must have -1."),
        ("/forest/feature", "0", "-1", "tree 0 of /forest is invalid: Split node 1 is not followed by its children at 1 and 2."),
        ("/forest/threshold", "0", "nan", "tree 0 of /forest is invalid: Node 0 has a NaN threshold."),
        ("/forest/tree_offsets", "1", "0", "/forest/tree_offsets must rise strictly"),
        ("/forest/tree_offsets", "1", "6", "tree 0 of /forest has an even number of nodes (6)"),
        ("/forest@n_leaves", "-", "3", "/forest@n_leaves is 3; 4 trees of"),
        ("/forest@n_trees", "-", "1000000", "dataset /forest/tree_offsets has 5 values; expected 1000001."),
        ("/forest@n_nodes", "-", "-5", "attribute /forest@n_nodes is -5"),
        ("/selftest/expected", "3", "0.123", "fails its self-test: row 1, probability_incident is"),
    ])
    func structuralDamage(target: String, index: String, value: String, message: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("rf.h5")
        try ModelFile.save(
            .randomForestClassifier(try Fixtures.classifier(trees: 4)),
            metadata: Fixtures.metadata(.randomForestClassifier), to: url)
        let reseal = try TestSupport.python("reseal_model.py", [url.path, target, index, value])
        try #require(reseal.status == 0, "\(reseal.standardError)")
        let error = try #require(throws: ModelStoreError.self) { try ModelFile.load(url) }
        guard case .corrupted(let text) = error else {
            Issue.record("expected .corrupted, got \(error)")
            return
        }
        #expect(text.contains(message), "\(text)")
        let loader = TestSupport.repositoryRoot.appendingPathComponent("interop/python/workbench_model.py")
        let python = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", loader.path, url.path, "--selftest"])
        #expect(python.status == 65, "\(python.standardOutput)\(python.standardError)")
        #expect(python.standardError.hasPrefix("error: "))
        #expect(!python.standardError.contains("Traceback"))
    }

    @Test("damage in later trees is refused naming the first damaged tree, whichever thread builds it")
    func laterTrees() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("rf.h5")
        let model = try Fixtures.regressor(trees: 6)
        try ModelFile.save(.randomForestRegressor(model), metadata: Fixtures.metadata(.randomForestRegressor), to: url)
        let offsets = model.trees.reduce(into: [0]) { $0.append($0.last! + $1.nodeCount) }
        func damage(_ target: String, _ index: Int, _ value: String) throws -> String {
            let reseal = try TestSupport.python("reseal_model.py", [url.path, target, String(index), value])
            try #require(reseal.status == 0, "\(reseal.standardError)")
            let error = try #require(throws: ModelStoreError.self) { try ModelFile.load(url) }
            guard case .corrupted(let text) = error else { return "\(error)" }
            return text
        }
        // Tree 3: its second split's threshold (level-order position of the split, rank 1).
        let features = model.trees[3].levelOrder(withSampleCounts: false).features
        let second = try #require(features.indices.filter { features[$0] >= 0 }.dropFirst().first)
        let threshold = (offsets[3] - 3) / 2 + 1
        #expect(try damage("/forest/threshold", threshold, "nan")
            == "Model file \(url.path): tree 3 of /forest is invalid: Node \(second) has a NaN threshold.")
        // Tree 5's first node as well: tree 3 is still the one named; then tree 2's last node: tree 2 is.
        #expect(try damage("/forest/feature", offsets[5], "99").hasSuffix(
            "tree 3 of /forest is invalid: Node \(second) has a NaN threshold."))
        let last = model.trees[2].nodeCount - 1
        #expect(try damage("/forest/feature", offsets[3] - 1, "-3")
            == "Model file \(url.path): tree 2 of /forest is invalid: Node \(last) has feature -3; leaves must have -1.")
    }
}
