import DurableFiles
import Foundation
import Testing

@Suite("Atomic files and directories")
struct AtomicFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "durable-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    private func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test("bytes appear whole and no temporary is left")
    func writesBytes() throws {
        let path = folder + "/a.json"
        try AtomicFile.write(bytes: Array("one".utf8), to: path)
        try AtomicFile.write(bytes: Array("two".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try names() == ["a.json"])
        #expect(OwnedTemporaries.current.filter { $0.hasPrefix(folder + "/") }.isEmpty)
    }

    @Test("a failing body leaves the old file and no temporary")
    func failingBodyKeepsOldFile() throws {
        struct Failure: Error {}
        let path = folder + "/m.h5"
        try AtomicFile.write(bytes: Array("old".utf8), to: path)
        #expect(throws: Failure.self) {
            try AtomicFile.write(to: path) { temporary in
                _ = FileManager.default.createFile(atPath: temporary, contents: Data("half".utf8))
                throw Failure()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try names() == ["m.h5"])
    }

    @Test("errors name the requested path and the OS reason")
    func missingDirectory() throws {
        let path = folder + "/missing/x.csv"
        #expect(throws: DurableFileError(path: path, reason: "No such file or directory")) {
            try AtomicFile.write(bytes: [1], to: path)
        }
    }

    @Test("temporaries of dead processes are swept, live ones kept")
    func sweepsStaleTemporaries() throws {
        let dead = "/.m.h5.tmp-999999999-1"
        let live = "/.m.h5.tmp-\(getpid())-77"
        for name in [dead, live, "/.hidden", "/.x.tmp-abc-1"] {
            _ = FileManager.default.createFile(atPath: folder + name, contents: Data())
        }
        #expect(StaleTemporaries.sweep(folder) == [String(dead.dropFirst())])
        #expect(try names() == [".hidden", String(live.dropFirst()), ".x.tmp-abc-1"].sorted())
    }

    @Test("owner PID is parsed only from the temporary naming scheme")
    func parsesOwner() {
        #expect(TemporaryName.ownerPID(of: ".a.h5.tmp-42-3") == 42)
        #expect(TemporaryName.ownerPID(of: "a.h5.tmp-42-3") == nil)
        #expect(TemporaryName.ownerPID(of: ".a.h5.tmp-42") == nil)
        #expect(TemporaryName.ownerPID(of: ".a.h5.tmp-0-1") == nil)
    }

    @Test("a directory is published whole; refuse keeps an existing one, replace swaps it")
    func publishesDirectories() throws {
        let bundle = folder + "/v1"
        try AtomicDirectory.write(to: bundle) { staging in
            try AtomicFile.write(bytes: Array("m".utf8), to: staging + "/model.h5")
        }
        #expect(throws: DurableFileError(path: bundle, reason: "already exists")) {
            try AtomicDirectory.write(to: bundle) { _ in }
        }
        try AtomicDirectory.write(to: bundle, existing: .replace) { staging in
            try AtomicFile.write(bytes: Array("n".utf8), to: staging + "/report.md")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: bundle) == ["report.md"])
        #expect(try names() == ["v1"])
    }

    @Test("appended lines accumulate")
    func appendsLines() throws {
        let path = folder + "/history.jsonl"
        try AppendOnlyFile.appendLine("{\"a\":1}", to: path)
        try AppendOnlyFile.appendLine("{\"a\":2}", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\":1}\n{\"a\":2}\n")
    }
}
