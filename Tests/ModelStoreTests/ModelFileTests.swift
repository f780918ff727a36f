import Forests
import Foundation
import NumericCore
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
        #expect(copy.thresholds == model.thresholds)
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

    @Test("a flipped byte in the middle of the file is rejected with a checksum error")
    func flippedByte() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("eif.h5")
        try ModelFile.save(
            .extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 50)),
            metadata: Fixtures.metadata(.extendedIsolationForest), to: url)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: url)
        let error = try #require(throws: ModelStoreError.self) { try ModelFile.load(url) }
        guard case .corrupted(let message) = error else {
            Issue.record("expected .corrupted, got \(error)")
            return
        }
        #expect(message.hasPrefix("Model file \(url.path)"))
        #expect(message.contains("checksum") || message.contains("damaged"))
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
            "import h5py,sys; f=h5py.File(sys.argv[1],'r+'); f['thresholds'].attrs['alert']=0.99; f.close()",
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
                + "f.attrs['format_version_major']=np.int64(2); f.close()",
            url.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(throws: ModelStoreError.corrupted(
            "Model file \(url.path) has format version 2; this Workbench reads major version 1.")) {
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
