import Foundation
import Testing
import TestSupport
@testable import HDF5Kit

/// libhdf5 1.10 hands out file images whose superblock checksum is stale; HDF5Kit recomputes it.
@Suite("Superblock checksum")
struct SuperblockChecksumTests {
    @Test("lookup3 matches Bob Jenkins' published values")
    func lookup3Vectors() {
        #expect(SuperblockChecksum.lookup3([]) == 0xDEAD_BEEF)
        #expect(SuperblockChecksum.lookup3(Array("Four score and seven years ago".utf8)[...]) == 0x1777_0551)
    }

    @Test("a published file's superblock checksum is right, and a damaged one is repaired")
    func publishedFileVerifies() throws {
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("s.h5").path
        let file = try HDF5File.create(at: path)
        try file.root.write([1.0, 2.0], to: "x")
        try file.close()
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[8] == 2, "the 1.8 format writes superblock version 2")
        let covered = 12 + 4 * Int(bytes[9])
        let stored = bytes[covered ..< covered + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        #expect(stored == SuperblockChecksum.lookup3(bytes[0 ..< covered]))
        bytes[covered] ^= 0xFF
        SuperblockChecksum.repair(&bytes)
        #expect(bytes == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let reopened = try HDF5File.open(at: path)
        #expect(try reopened.root.read("x", as: Double.self).values == [1, 2])
        try reopened.close()
    }
}
