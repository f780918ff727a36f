import CHDF5

extension HDF5Group {
    /// The names of the attributes of this group, or of member `object`, in name order.
    ///
    /// Lets a reader collect free-form attributes (data-set lineage) without
    /// knowing their names in advance.
    /// - Throws: `HDF5Error` when the object is absent or cannot be listed.
    public func attributeNames(on object: String = ".") throws(HDF5Error) -> [String] {
        try HDF5Library.withLock { () throws(HDF5Error) -> [String] in
            guard object == "." || HDF5Calls.linkExists(id, object) else {
                throw HDF5Error("\(file) has no object '\(describe(object))'")
            }
            let what = "list the attributes of '\(describe(object))' in \(file)"
            let count = try HDF5Calls.attributeCount(id, object, what)
            var names: [String] = []
            for index in 0 ..< count {
                names.append(try HDF5Calls.attributeName(id, object, at: index, what))
            }
            return names
        }
    }
}
