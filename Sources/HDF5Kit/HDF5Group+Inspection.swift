import CHDF5

/// What kind of values an HDF5 dataset or attribute holds, as stored in the file.
public enum HDF5ValueKind: Sendable, Equatable, CustomStringConvertible {
    /// Variable-length text.
    case text
    /// Integers of `bytes` width, signed or not.
    case integer(bytes: Int, signed: Bool)
    /// IEEE floats of `bytes` width.
    case float(bytes: Int)
    /// Anything else (compound, fixed-length string, opaque, …).
    case other

    public var description: String {
        switch self {
        case .text: "text"
        case .integer(let bytes, let signed): "\(signed ? "" : "u")int\(bytes * 8)"
        case .float(let bytes): "float\(bytes * 8)"
        case .other: "an unsupported type"
        }
    }
}

/// The kind of object a link in a group leads to.
public enum HDF5ObjectKind: Sendable, Equatable {
    /// A group.
    case group
    /// A dataset.
    case dataset
    /// A named datatype or anything else.
    case other
}

extension HDF5Group {
    /// Whether member `name` is a group, a dataset or something else.
    /// - Throws: `HDF5Error` when it is absent.
    public func kind(of name: String) throws(HDF5Error) -> HDF5ObjectKind {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5ObjectKind in
            guard H5Lexists(id, name, chdf5_p_default()) > 0 else {
                throw HDF5Error("\(file) has no object '\(describe(name))'")
            }
            let object = try HDF5Library.check(id: H5Oopen(id, name, chdf5_p_default()), "open '\(describe(name))' in \(file)")
            defer { H5Oclose(object) }
            switch H5Iget_type(object) {
            case H5I_GROUP: return .group
            case H5I_DATASET: return .dataset
            default: return .other
            }
        }
    }

    /// The stored kind of attribute `name` on this group or member `object`; nil when absent.
    public func attributeKind(_ name: String, on object: String = ".") throws(HDF5Error) -> HDF5ValueKind? {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5ValueKind? in
            guard object == "." || H5Lexists(id, object, chdf5_p_default()) > 0 else {
                throw HDF5Error("\(file) has no object '\(describe(object))'")
            }
            guard H5Aexists_by_name(id, object, name, chdf5_p_default()) > 0 else { return nil }
            let attribute = H5Aopen_by_name(id, object, name, chdf5_p_default(), chdf5_p_default())
            let attributeID = try HDF5Library.check(id: attribute, "open attribute '\(name)' in \(file)")
            defer { H5Aclose(attributeID) }
            let type = H5Aget_type(attributeID)
            defer { H5Tclose(type) }
            return valueKind(of: type)
        }
    }

    /// The stored kind of dataset `name`'s elements.
    /// - Throws: `HDF5Error` when it is absent or not a dataset.
    public func datasetKind(_ name: String) throws(HDF5Error) -> HDF5ValueKind {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5ValueKind in
            guard H5Lexists(id, name, chdf5_p_default()) > 0 else {
                throw HDF5Error("\(file) has no dataset '\(describe(name))'")
            }
            let dataset = try HDF5Library.check(id: H5Dopen2(id, name, chdf5_p_default()), "open dataset '\(describe(name))' in \(file)")
            defer { H5Dclose(dataset) }
            let type = H5Dget_type(dataset)
            defer { H5Tclose(type) }
            return valueKind(of: type)
        }
    }

    private func valueKind(of type: hid_t) -> HDF5ValueKind {
        let size = Int(H5Tget_size(type))
        switch H5Tget_class(type) {
        case H5T_STRING: return H5Tis_variable_str(type) > 0 ? .text : .other
        case H5T_INTEGER: return .integer(bytes: size, signed: H5Tget_sign(type) == H5T_SGN_2)
        case H5T_FLOAT: return .float(bytes: size)
        default: return .other
        }
    }
}
