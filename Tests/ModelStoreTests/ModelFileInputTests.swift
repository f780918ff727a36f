import Foundation
import Testing
import ModelFixtures
import TestSupport
@testable import ModelStore

@Suite("Model file inputs: missing is notFound, damaged is corrupted")
struct ModelFileInputTests {
    /// A directory holding a valid model file `rf.h5`.
    private func makeModel() throws -> (directory: URL, model: URL) {
        let directory = try TestSupport.makeTemporaryDirectory("model-input")
        let url = directory.appendingPathComponent("rf.h5")
        try ModelFile.save(.randomForestClassifier(try Fixtures.classifier()), metadata: Fixtures.metadata(.randomForestClassifier), to: url)
        return (directory, url)
    }

    @Test("a file that does not exist, or is a directory, is notFound")
    func missing() throws {
        let (directory, _) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("nosuch.h5")
        #expect(throws: ModelStoreError.notFound("Model file \(missing.path) does not exist.")) { try ModelFile.load(missing) }
        #expect(throws: ModelStoreError.notFound("Model file \(directory.path) is not a regular file.")) { try ModelFile.load(directory) }
    }

    @Test("truncated, random and foreign files are corrupted, not missing", arguments: ["truncated", "random", "csv", "empty"])
    func damaged(kind: String) throws {
        let (directory, model) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try Data(contentsOf: model)
        let damaged = directory.appendingPathComponent("\(kind).h5")
        switch kind {
        case "truncated": try bytes.prefix(bytes.count / 3).write(to: damaged)
        case "random": try Data((0 ..< 4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }).write(to: damaged)
        case "csv": try Data("a,b\n1,2\n".utf8).write(to: damaged)
        default: try Data().write(to: damaged)
        }
        do {
            _ = try ModelFile.load(damaged)
            Issue.record("a \(kind) file loaded")
        } catch .corrupted(let message) {
            #expect(message.contains(damaged.path), "\(message)")
        } catch {
            Issue.record("a \(kind) file gave \(error), expected corrupted")
        }
    }

    @Test("save refuses a file name whose extension is not .h5 or .hdf5, before writing", arguments: ["m.csv", "m.txt", "m", "dir.h5/m.H"])
    func outputName(name: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory("model-input")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(name)
        #expect(throws: ModelStoreError.self) {
            try ModelFile.save(.randomForestClassifier(try Fixtures.classifier()), metadata: Fixtures.metadata(.randomForestClassifier), to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(throws: ModelStoreError.invalidReference(
            "m.txt: model files are HDF5; name the file .h5 or .hdf5 (got '.txt').")) { try ModelFile.checkOutputPath("m.txt") }
        #expect(throws: ModelStoreError.invalidReference(
            "models/m: model files are HDF5; name the file .h5 or .hdf5 (got no extension).")) { try ModelFile.checkOutputPath("models/m") }
        try ModelFile.checkOutputPath("a/b.H5")
        try ModelFile.checkOutputPath("b.hdf5")
    }
}
