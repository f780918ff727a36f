import Foundation
import Testing
import TestSupport
@testable import HDF5Kit

@Suite("Contiguous dataset reads")
struct HDF5ContiguousReaderTests {
    static func makeFile(_ directory: URL) throws -> String {
        let path = directory.appendingPathComponent("c.h5").path
        let file = try HDF5File.create(at: path)
        let group = try file.root.createGroup("forest")
        try group.write((0 ..< 1000).map { Int8(truncatingIfNeeded: $0 % 100 - 1) }, to: "feature")
        try group.write((0 ..< 600).map { Double($0) / 3 }, shape: [300, 2], to: "leaf_values")
        try group.write((0 ..< 100_000).map { Int32($0 % 7) }, to: "packed", compressed: true)
        try group.writeStrings(["a"], to: "names")
        try file.close()
        return path
    }

    @Test("slices of contiguous datasets read with pread equal the values; compressed and text ones have no extent")
    func slices() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try HDF5File.open(at: try Self.makeFile(directory))
        let group = try file.root.group("forest")
        let feature = try #require(try group.contiguousExtent(of: "feature"))
        let leaves = try #require(try group.contiguousExtent(of: "leaf_values"))
        #expect(feature.kind == .integer(bytes: 1, signed: true) && feature.shape == [1000] && feature.byteCount == 1000)
        #expect(leaves.kind == .float(bytes: 8) && leaves.shape == [300, 2])
        #expect(try group.contiguousExtent(of: "packed") == nil)
        #expect(try group.contiguousExtent(of: "names") == nil)
        let reader = try HDF5ContiguousReader(file)
        try file.close()
        #expect(try reader.read(feature, elements: 10 ..< 20, as: Int8.self) == (10 ..< 20).map { Int8($0 % 100 - 1) })
        #expect(try reader.read(leaves, elements: 598 ..< 600, as: Double.self) == [598.0 / 3, 599.0 / 3],
                "the reader outlives the closed HDF5File")
        var bytes: [UInt8] = []
        try reader.forEachBlock(of: feature, blockBytes: 300) { bytes += $0 }
        #expect(bytes == (0 ..< 1000).map { UInt8(bitPattern: Int8(truncatingIfNeeded: $0 % 100 - 1)) })
        #expect(throws: HDF5Error.self) { try reader.read(feature, elements: 0 ..< 10, as: Int32.self) }
        #expect(throws: HDF5Error.self) { try reader.read(feature, elements: 995 ..< 1001, as: Int8.self) }
    }

    @Test("a file cut short after it was opened fails the read as truncated")
    func truncated() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.makeFile(directory)
        let file = try HDF5File.open(at: path)
        let extent = try #require(try file.root.group("forest").contiguousExtent(of: "leaf_values"))
        let reader = try HDF5ContiguousReader(file)
        try file.close()
        #expect(try reader.read(extent, elements: 0 ..< 600, as: Double.self).count == 600)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(extent.offset + 100))
        try handle.close()
        let error = try #require(throws: HDF5Error.self) { try reader.read(extent, elements: 0 ..< 600, as: Double.self) }
        #expect(error.message.hasSuffix("ends before the values of a dataset (truncated)"), "\(error)")
    }
}
