import CHDF5

extension HDF5Group {
    /// The names of the attributes of this group, or of member `object`, in name order.
    ///
    /// Lets a reader collect free-form attributes (data-set lineage) without
    /// knowing their names in advance.
    /// - Throws: `HDF5Error` when the object is absent or cannot be listed.
    public func attributeNames(on object: String = ".") throws(HDF5Error) -> [String] {
        try HDF5Library.withLock { () throws(HDF5Error) -> [String] in
            guard object == "." || H5Lexists(id, object, chdf5_p_default()) > 0 else {
                throw HDF5Error("\(file) has no object '\(describe(object))'")
            }
            var info = H5O_info_t()
            try HDF5Library.check(
                H5Oget_info_by_name2(id, object, &info, UInt32(H5O_INFO_NUM_ATTRS), chdf5_p_default()),
                "list the attributes of '\(describe(object))' in \(file)")
            var names: [String] = []
            for index in 0 ..< info.num_attrs {
                let length = H5Aget_name_by_idx(id, object, H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, chdf5_p_default())
                guard length >= 0 else { throw HDF5Error("HDF5 failed to list the attributes of '\(describe(object))' in \(file)") }
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                H5Aget_name_by_idx(id, object, H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, chdf5_p_default())
                names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            return names
        }
    }
}
