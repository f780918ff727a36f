import DurableFiles
import Foundation
import Testing
import TestSupport
@testable import HDF5Kit

@Suite("HDF5 files")
struct HDF5RoundTripTests {
    @Test("numbers, strings and attributes read back as written")
    func roundTrip() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let path = directory.appendingPathComponent("round.h5").path
        do {
            let file = try HDF5File.create(at: path)
            let group = try file.root.createGroup("forest")
            try group.write([Float](arrayLiteral: 1.5, -2, .nan, 4), shape: [2, 2], to: "threshold")
            try group.write((0 ..< 100_000).map { Int32($0 % 7) }, to: "feature", compressed: true)
            try group.writeStrings(["cpu", "mémoire", ""], to: "names")
            try group.setAttribute("sha256", "abc", on: "threshold")
            try file.root.setAttribute("format_version", Int64(3))
            try file.root.setAttribute("metadata", "{\"k\": \"é\"}")
            #expect(!FileManager.default.fileExists(atPath: path), "nothing reaches disk before close()")
            try file.close()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["round.h5"])
        let file = try HDF5File.open(at: path)
        let group = try file.root.group("forest")
        let thresholds = try group.read("threshold", as: Float.self)
        #expect(thresholds.shape == [2, 2])
        #expect(thresholds.values[0] == 1.5 && thresholds.values[2].isNaN)
        #expect(try group.read("feature", as: Int32.self).values == (0 ..< 100_000).map { Int32($0 % 7) })
        #expect(try group.read("feature", as: Int64.self).values.count == 100_000)
        #expect(try group.readStrings("names") == ["cpu", "mémoire", ""])
        #expect(try group.stringAttribute("sha256", on: "threshold") == "abc")
        #expect(try file.root.numericAttribute("format_version", as: Int64.self) == 3)
        #expect(try file.root.stringAttribute("metadata") == "{\"k\": \"é\"}")
        #expect(try file.root.stringAttribute("absent") == nil)
        #expect(try file.root.memberNames() == ["forest"])

        let check = """
            import h5py, numpy as np, sys
            f = h5py.File(sys.argv[1], "r")
            assert f["forest/names"].asstr()[()].tolist() == ["cpu", "mémoire", ""]
            assert f["forest/threshold"].dtype == np.dtype("<f4") and f["forest/threshold"].shape == (2, 2)
            assert f["forest/threshold"].attrs["sha256"] == "abc"
            assert int(f.attrs["format_version"]) == 3 and f.attrs["metadata"] == '{"k": "é"}'
            assert (f["forest/feature"][()] == np.arange(100000) % 7).all()
            """
        let script = directory.appendingPathComponent("check.py")
        try check.write(to: script, atomically: true, encoding: .utf8)
        let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, path])
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test("reading the wrong kind or a missing dataset names it")
    func wrongKind() throws {
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("kinds.h5").path
        let file = try HDF5File.create(at: path)
        try file.root.write([Int32(1)], to: "ints")
        try file.root.writeStrings(["a"], to: "text")
        #expect(throws: HDF5Error("dataset '/ints' in \(path) does not hold Float values")) {
            try file.root.read("ints", as: Float.self)
        }
        #expect(throws: HDF5Error("dataset '/text' in \(path) does not hold Double values")) {
            try file.root.read("text", as: Double.self)
        }
        #expect(throws: HDF5Error("\(path) has no dataset '/nothing'")) {
            try file.root.read("nothing", as: Double.self)
        }
        #expect(throws: HDF5Error("dataset '/bad' in \(path): shape [3] does not hold 2 values")) {
            try file.root.write([1.0, 2.0], shape: [3], to: "bad")
        }
    }

    @Test("a file that is not HDF5 is refused with its path")
    func notHDF5() throws {
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("fake.h5").path
        try AtomicFile.write(bytes: Array("not hdf5".utf8), to: path)
        #expect(throws: HDF5Error("\(path) is not a readable HDF5 file")) { try HDF5File.open(at: path) }
    }

    @Test("a file dropped without close() or failing to publish leaves the destination and no temporary")
    func failedWriteKeepsOld() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let path = directory.appendingPathComponent("keep.h5").path
        try AtomicFile.write(bytes: Array("old".utf8), to: path)
        do {
            let abandoned = try HDF5File.create(at: path)
            try abandoned.root.write([1.0], to: "x")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        let missing = directory.appendingPathComponent("missing/new.h5").path
        let file = try HDF5File.create(at: missing)
        try file.root.write([1.0], to: "x")
        #expect(throws: DurableFileError(path: missing, reason: "No such file or directory")) { try file.close() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["keep.h5"])
    }
}
