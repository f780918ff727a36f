import CHDF5
import DurableFiles
import Synchronization

/// An open HDF5 file; its root group is `root`.
///
/// A file being written is built in memory (HDF5's core driver, no backing store) and published at
/// its path by `close()` through `DurableFiles.AtomicFile`: temporary beside the path, fsync, rename,
/// directory fsync. libhdf5 therefore never writes to disk itself. That is the fix for the disk-full
/// crash: when libhdf5's own flush failed (ENOSPC), the file stayed half-closed inside the library
/// and its shutdown at exit (`H5_term_library` → `H5F__close_cb`) dereferenced it. Now a full disk
/// is a `DurableFileError` from a plain `write(2)`, the in-memory file always closes cleanly, and
/// the destination is untouched. The cost is memory: the file's bytes are held twice at `close()`.
///
/// Files are opened with the strong close degree, so closing releases every object opened inside.
public final class HDF5File {
    /// The path the file was opened with or will be published at, for error messages.
    public let path: String
    /// The root group `/`.
    public let root: HDF5Group
    private let handle: HDF5Handle
    private let isWritable: Bool
    private var isClosed = false
    private static let memoryFileCounter = Atomic<Int>(0)

    /// The libhdf5 file identifier (valid until `close()`).
    var id: hid_t { handle.id }

    private init(path: String, id: hid_t, isWritable: Bool) {
        self.path = path
        self.isWritable = isWritable
        self.handle = HDF5Handle(id) { HDF5Calls.closeFile($0) }
        self.root = HDF5Group(file: path, path: "/", handle: nil, fileID: id)
    }

    /// Starts a new file that `close()` publishes at `path`, replacing what is there.
    ///
    /// Nothing touches `path` or its directory before `close()`; a file dropped without `close()` leaves no trace.
    /// - Throws: `HDF5Error` when libhdf5 cannot create the in-memory file.
    public static func create(at path: String) throws(HDF5Error) -> HDF5File {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5File in
            let access = try accessProperties(inMemory: true)
            defer { HDF5Calls.closeProperties(access) }
            // The in-memory file's name only has to be unique in this process.
            let number = memoryFileCounter.add(1, ordering: .relaxed).newValue
            let id = try HDF5Calls.createFile("workbench-memory-\(number)", access: access, for: path)
            return HDF5File(path: path, id: id, isWritable: true)
        }
    }

    /// Opens the existing file at `path` read-only.
    /// - Throws: `HDF5Error` when the file is missing or is not HDF5.
    public static func open(at path: String) throws(HDF5Error) -> HDF5File {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5File in
            let access = try accessProperties(inMemory: false)
            defer { HDF5Calls.closeProperties(access) }
            return HDF5File(path: path, id: try HDF5Calls.openFileReadOnly(path, access: access), isWritable: false)
        }
    }

    /// Closes the file and every object opened in it; a file from `create(at:)` is published at
    /// `path` first, atomically. Idempotent. Groups obtained from the file must not be used afterwards.
    /// - Throws: `HDF5Error` when libhdf5 cannot produce the file's bytes; `DurableFileError` naming
    ///   `path` with the OS reason when they cannot be written (disk full, permissions): `path` is then
    ///   as it was and no temporary is left.
    public func close() throws {
        let image = try HDF5Library.withLock { () throws(HDF5Error) -> [UInt8]? in
            guard !isClosed else { return nil }
            isClosed = true
            defer { handle.close() }
            return isWritable ? try HDF5Calls.fileImage(handle.id, for: path) : nil
        }
        if let image { try AtomicFile.write(bytes: image, to: path) }
    }

    private static func accessProperties(inMemory: Bool) throws(HDF5Error) -> hid_t {
        let access = try HDF5Calls.createFileAccessProperties()
        do throws(HDF5Error) {
            try HDF5Calls.setStrongCloseDegree(access)
            // Published files are immutable and replaced by rename: readers need no lock,
            // and must not fail because a writer elsewhere holds one.
            try HDF5Calls.disableFileLocking(access)
            // The 1.8 object format keeps files readable by every h5py in use.
            try HDF5Calls.setVersionBounds18To110(access)
            // 1 MiB growth steps; no backing store: the bytes reach disk only through DurableFiles.
            if inMemory { try HDF5Calls.setInMemoryDriver(access, increment: 1 << 20) }
        } catch {
            HDF5Calls.closeProperties(access)
            throw error
        }
        return access
    }
}
