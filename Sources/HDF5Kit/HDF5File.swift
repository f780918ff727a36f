import CHDF5

/// An open HDF5 file; its root group is `root`.
///
/// Files are opened with the strong close degree, so `close()` releases every
/// object opened inside the file too: after it, the bytes are on disk and the
/// file can be fsynced and renamed (see `AtomicFile`).
public final class HDF5File {
    /// The path the file was opened with, for error messages.
    public let path: String
    /// The root group `/`.
    public let root: HDF5Group
    private let handle: HDF5Handle
    private var isClosed = false

    private init(path: String, id: hid_t) {
        self.path = path
        self.handle = HDF5Handle(id) { H5Fclose($0) }
        self.root = HDF5Group(file: path, path: "/", handle: nil, fileID: id)
    }

    /// Creates (or truncates) the file at `path` for writing.
    /// - Throws: `HDF5Error` naming the path when it cannot be created.
    public static func create(at path: String) throws(HDF5Error) -> HDF5File {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5File in
            let access = try accessProperties()
            defer { H5Pclose(access) }
            let id = H5Fcreate(path, chdf5_acc_trunc(), chdf5_p_default(), access)
            return HDF5File(path: path, id: try HDF5Library.check(id: id, "create \(path)"))
        }
    }

    /// Opens the existing file at `path` read-only.
    /// - Throws: `HDF5Error` when the file is missing or is not HDF5.
    public static func open(at path: String) throws(HDF5Error) -> HDF5File {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5File in
            let access = try accessProperties()
            defer { H5Pclose(access) }
            let id = H5Fopen(path, chdf5_acc_rdonly(), access)
            guard id >= 0 else { throw HDF5Error("\(path) is not a readable HDF5 file") }
            return HDF5File(path: path, id: id)
        }
    }

    /// Flushes and closes the file and every object opened in it. Idempotent.
    ///
    /// Groups obtained from the file must not be used afterwards.
    /// - Throws: `HDF5Error` when the final write fails (disk full, I/O error).
    public func close() throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            guard !isClosed else { return }
            isClosed = true
            try HDF5Library.check(H5Fflush(handle.id, H5F_SCOPE_GLOBAL), "flush \(path)")
            try HDF5Library.check(handle.close(), "close \(path)")
        }
    }

    private static func accessProperties() throws(HDF5Error) -> hid_t {
        let access = try HDF5Library.check(id: H5Pcreate(chdf5_p_file_access()), "create file-access properties")
        H5Pset_fclose_degree(access, H5F_CLOSE_STRONG)
        // Published files are immutable and replaced by rename: readers need no lock,
        // and must not fail because a writer elsewhere holds one.
        H5Pset_file_locking(access, false, true)
        // The 1.8 object format keeps files readable by every h5py in use.
        H5Pset_libver_bounds(access, H5F_LIBVER_V18, H5F_LIBVER_V110)
        return access
    }
}
