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
            guard HDF5Calls.linkExists(id, name) else {
                throw HDF5Error("\(file) has no object '\(describe(name))'")
            }
            let object = try HDF5Calls.openObject(id, name, "open '\(describe(name))' in \(file)")
            defer { HDF5Calls.closeObject(object) }
            switch HDF5Calls.identifierType(object) {
            case H5I_GROUP: return .group
            case H5I_DATASET: return .dataset
            default: return .other
            }
        }
    }

    /// The stored kind of attribute `name` on this group or member `object`; nil when absent.
    public func attributeKind(_ name: String, on object: String = ".") throws(HDF5Error) -> HDF5ValueKind? {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5ValueKind? in
            guard object == "." || HDF5Calls.linkExists(id, object) else {
                throw HDF5Error("\(file) has no object '\(describe(object))'")
            }
            guard HDF5Calls.attributeExists(id, object, name) else { return nil }
            let attribute = try HDF5Calls.openAttribute(id, object, name, "open attribute '\(name)' in \(file)")
            defer { HDF5Calls.closeAttribute(attribute) }
            let type = try HDF5Calls.attributeType(attribute, "read attribute '\(name)' in \(file)")
            defer { HDF5Calls.closeType(type) }
            return valueKind(of: type)
        }
    }

    /// The stored kind of dataset `name`'s elements.
    /// - Throws: `HDF5Error` when it is absent or not a dataset.
    public func datasetKind(_ name: String) throws(HDF5Error) -> HDF5ValueKind {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5ValueKind in
            guard HDF5Calls.linkExists(id, name) else {
                throw HDF5Error("\(file) has no dataset '\(describe(name))'")
            }
            let dataset = try HDF5Calls.openDataset(id, name, "open dataset '\(describe(name))' in \(file)")
            defer { HDF5Calls.closeDataset(dataset) }
            let type = try HDF5Calls.datasetType(dataset, "read dataset '\(describe(name))' in \(file)")
            defer { HDF5Calls.closeType(type) }
            return valueKind(of: type)
        }
    }

    func valueKind(of type: hid_t) -> HDF5ValueKind {
        let size = HDF5Calls.typeSize(type)
        switch HDF5Calls.typeClass(type) {
        case H5T_STRING: return HDF5Calls.isVariableLengthText(type) ? .text : .other
        case H5T_INTEGER: return .integer(bytes: size, signed: HDF5Calls.isSigned(type))
        case H5T_FLOAT: return .float(bytes: size)
        default: return .other
        }
    }
}
