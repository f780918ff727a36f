import Foundation

/// Where a dataset's values lie in its file when they are stored as plain bytes:
/// contiguous, unfiltered, little-endian, so the bytes at `offset` are the values in C order.
public struct HDF5ContiguousExtent: Sendable, Equatable {
    /// Byte offset of the first value in the file.
    public let offset: Int
    /// The stored element kind.
    public let kind: HDF5ValueKind
    /// Bytes per element.
    public let elementSize: Int
    /// The dataset's shape (row-major).
    public let shape: [Int]

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// The number of bytes the values occupy.
    public var byteCount: Int { count * elementSize }
}

extension HDF5Group {
    /// The file extent of dataset `name`'s values when they are stored contiguously, unfiltered and
    /// little-endian; nil otherwise (chunked or compressed storage, an empty dataset, text).
    /// - Throws: `HDF5Error` when the dataset is absent or claims an impossible size.
    public func contiguousExtent(of name: String) throws(HDF5Error) -> HDF5ContiguousExtent? {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5ContiguousExtent? in
            let dataset = try openDataset(name)
            defer { HDF5Calls.closeDataset(dataset) }
            let what = "inspect dataset '\(describe(name))' in \(file)"
            guard try HDF5Calls.isPlainContiguous(dataset, what), let offset = HDF5Calls.datasetOffset(dataset) else {
                return nil
            }
            let type = try HDF5Calls.datasetType(dataset, what)
            defer { HDF5Calls.closeType(type) }
            let kind = valueKind(of: type)
            guard kind != .text, kind != .other, HDF5Calls.isLittleEndian(type) else { return nil }
            let shape = try extent(of: dataset, name: name)
            let size = HDF5Calls.typeSize(type)
            guard UInt64(shape.reduce(1, *) * size) == HDF5Calls.datasetStorageSize(dataset),
                  let start = Int(exactly: offset) else {
                throw HDF5Error("dataset '\(describe(name))' in \(file) stores a size that disagrees with its shape \(shape)")
            }
            return HDF5ContiguousExtent(offset: start, kind: kind, elementSize: size, shape: shape)
        }
    }
}

/// Reads the values of contiguous datasets (`HDF5Group.contiguousExtent`) with `pread(2)` on its
/// own duplicate of the open file's descriptor: outside libhdf5 and its process-wide lock, so
/// several threads read one file at once, straight into the arrays they fill.
///
/// The descriptor is duplicated from the one libhdf5 opened, so the bytes read are the file's that
/// libhdf5 inspected even if the path is replaced meanwhile; it stays valid after the `HDF5File` closes.
public final class HDF5ContiguousReader: Sendable {
    /// The file path, for messages.
    public let path: String
    private let descriptor: Int32
    private let fileSize: Int

    /// A reader of `file` (opened read-only with `HDF5File.open`).
    /// - Throws: `HDF5Error` when the descriptor cannot be obtained.
    public init(_ file: HDF5File) throws(HDF5Error) {
        path = file.path
        let original = try HDF5Library.withLock { () throws(HDF5Error) -> Int32 in
            try HDF5Calls.fileDescriptor(file.id, for: file.path)
        }
        let copy = dup(original)
        guard copy >= 0 else { throw HDF5Error("cannot duplicate the descriptor of \(file.path): \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(copy, &status) == 0 else {
            close(copy)
            throw HDF5Error("cannot read the size of \(file.path): \(String(cString: strerror(errno)))")
        }
        descriptor = copy
        fileSize = Int(status.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// Elements `elements` of the dataset at `extent`, as `T` (whose kind must be the stored one).
    /// - Throws: `HDF5Error` for another element kind, a range outside the dataset, or a file
    ///   that ends before the values (truncated).
    public func read<T: HDF5Scalar>(
        _ extent: HDF5ContiguousExtent, elements: Range<Int>, as _: T.Type = T.self
    ) throws(HDF5Error) -> [T] {
        guard extent.kind == T.valueKind, extent.elementSize == MemoryLayout<T>.stride else {
            throw HDF5Error("\(path): a dataset of \(extent.kind) cannot be read as \(T.self)")
        }
        guard elements.lowerBound >= 0, elements.upperBound <= extent.count else {
            throw HDF5Error("\(path): elements \(elements) lie outside a dataset of \(extent.count)")
        }
        var failure: HDF5Error?
        let values = [T](unsafeUninitializedCapacity: elements.count) { buffer, count in
            failure = capturing { () throws(HDF5Error) in
                try readBytes(
                    at: extent.offset + elements.lowerBound * extent.elementSize,
                    into: UnsafeMutableRawBufferPointer(buffer))
            }
            count = failure == nil ? elements.count : 0
        }
        if let failure { throw failure }
        return values
    }

    /// Calls `body` with the dataset's bytes in order, `blockBytes` at a time (the last block shorter),
    /// e.g. to hash a dataset without holding it in memory.
    /// - Throws: `HDF5Error` when the file ends before the values (truncated).
    public func forEachBlock(
        of extent: HDF5ContiguousExtent, blockBytes: Int = 1 << 20, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(HDF5Error) {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, blockBytes), alignment: 16)
        defer { block.deallocate() }
        var done = 0
        while done < extent.byteCount {
            let size = min(block.count, extent.byteCount - done)
            let part = UnsafeMutableRawBufferPointer(rebasing: block[0 ..< size])
            try readBytes(at: extent.offset + done, into: part)
            body(UnsafeRawBufferPointer(part))
            done += size
        }
    }

    private func readBytes(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(HDF5Error) {
        guard offset >= 0, offset <= fileSize, buffer.count <= fileSize - offset else {
            throw HDF5Error("\(path) ends before the values of a dataset (truncated)")
        }
        var done = 0
        while done < buffer.count {
            let result = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                throw HDF5Error(result == 0 ? "\(path) ends before the values of a dataset (truncated)"
                    : "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            done += result
        }
    }
}
