import CHDF5

/// A group inside an open `HDF5File`: named datasets, subgroups and attributes.
///
/// Values are written with fixed little-endian file types and read with
/// conversion to the requested Swift type; a stored value of the wrong kind
/// (text where numbers are expected, integers where floats are) is an error,
/// never a silent reinterpretation.
public final class HDF5Group {
    /// The file path, for error messages.
    public let file: String
    /// The group's absolute path inside the file, e.g. `/forest`.
    public let path: String
    private let handle: HDF5Handle?
    let id: hid_t

    init(file: String, path: String, handle: HDF5Handle?, fileID: hid_t) {
        self.file = file
        self.path = path
        self.handle = handle
        self.id = handle?.id ?? fileID
    }

    /// Creates the subgroup `name`.
    /// - Throws: `HDF5Error` if it exists or cannot be created.
    public func createGroup(_ name: String) throws(HDF5Error) -> HDF5Group {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5Group in
            let child = try HDF5Calls.createGroup(id, name, "create group '\(describe(name))' in \(file)")
            return HDF5Group(file: file, path: childPath(name), handle: HDF5Handle(child) { HDF5Calls.closeGroup($0) }, fileID: child)
        }
    }

    /// Opens the existing subgroup `name`.
    /// - Throws: `HDF5Error` naming the group and file when it is absent.
    public func group(_ name: String) throws(HDF5Error) -> HDF5Group {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5Group in
            guard contains(name) else { throw HDF5Error("\(file) has no group '\(describe(name))'") }
            let child = try HDF5Calls.openGroup(id, name, "open group '\(describe(name))' in \(file)")
            return HDF5Group(file: file, path: childPath(name), handle: HDF5Handle(child) { HDF5Calls.closeGroup($0) }, fileID: child)
        }
    }

    /// True when a link called `name` exists in this group.
    public func contains(_ name: String) -> Bool {
        HDF5Library.withLock { HDF5Calls.linkExists(id, name) }
    }

    /// The names of the links in this group, in name order.
    public func memberNames() throws(HDF5Error) -> [String] {
        try HDF5Library.withLock { () throws(HDF5Error) -> [String] in
            let count = try HDF5Calls.linkCount(id, "list \(path) in \(file)")
            var names: [String] = []
            for index in 0 ..< count {
                names.append(try HDF5Calls.linkName(id, at: index, "list \(path) in \(file)"))
            }
            return names
        }
    }

    func childPath(_ name: String) -> String {
        path == "/" ? "/" + name : path + "/" + name
    }

    func describe(_ name: String) -> String {
        childPath(name)
    }
}
