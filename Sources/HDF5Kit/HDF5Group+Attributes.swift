import CHDF5
import Foundation

extension HDF5Group {
    /// Sets the text attribute `name` (variable-length UTF-8, read by h5py as `str`)
    /// on this group, or on the member `object` (a dataset or subgroup).
    /// - Throws: `HDF5Error` when the object is absent or the write fails.
    public func setAttribute(_ name: String, _ value: String, on object: String = ".") throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let type = try HDF5Calls.createTextType()
            defer { HDF5Calls.closeType(type) }
            try writeAttribute(name, on: object, type: type) { (attribute, what) throws(HDF5Error) in
                try withCStringArray([value]) { (pointers) throws(HDF5Error) in
                    try HDF5Calls.writeAttribute(attribute, type: type, pointers, what)
                }
            }
        }
    }

    /// Sets the numeric attribute `name` (a scalar) on this group or on member `object`.
    public func setAttribute<T: HDF5Scalar>(_ name: String, _ value: T, on object: String = ".") throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            try writeAttribute(name, on: object, type: T.fileType) { (attribute, what) throws(HDF5Error) in
                var copy = value
                try withUnsafeBytes(of: &copy) { (bytes) throws(HDF5Error) in
                    try HDF5Calls.writeAttribute(attribute, type: T.memoryType, bytes.baseAddress, what)
                }
            }
        }
    }

    /// The text attribute `name` of this group or member `object`; nil when absent.
    /// - Throws: `HDF5Error` when it exists but is not variable-length text.
    public func stringAttribute(_ name: String, on object: String = ".") throws(HDF5Error) -> String? {
        try HDF5Library.withLock { () throws(HDF5Error) -> String? in
            try readAttribute(name, on: object) { (attribute, stored) throws(HDF5Error) -> String in
                guard HDF5Calls.isVariableLengthText(stored) else {
                    throw HDF5Error("attribute '\(name)' of '\(describe(object))' in \(file) is not text")
                }
                let type = try HDF5Calls.createTextType()
                defer { HDF5Calls.closeType(type) }
                var pointer: UnsafeMutablePointer<CChar>?
                try withUnsafeMutableBytes(of: &pointer) { (bytes) throws(HDF5Error) in
                    try HDF5Calls.readAttribute(attribute, type: type, bytes.baseAddress, "read attribute '\(name)' in \(file)")
                }
                defer { free(pointer) }
                guard let pointer, let text = String(validatingCString: pointer) else {
                    throw HDF5Error("attribute '\(name)' of '\(describe(object))' in \(file) is not valid UTF-8")
                }
                return text
            }
        }
    }

    /// The numeric scalar attribute `name` of this group or member `object`; nil when absent.
    public func numericAttribute<T: HDF5Scalar>(
        _ name: String, on object: String = ".", as _: T.Type = T.self
    ) throws(HDF5Error) -> T? {
        try HDF5Library.withLock { () throws(HDF5Error) -> T? in
            try readAttribute(name, on: object) { (attribute, stored) throws(HDF5Error) -> T in
                guard HDF5Calls.typeClass(stored) == T.typeClass else {
                    throw HDF5Error("attribute '\(name)' of '\(describe(object))' in \(file) is not \(T.self)")
                }
                let space = try HDF5Calls.attributeSpace(attribute, "read attribute '\(name)' in \(file)")
                defer { HDF5Calls.closeSpace(space) }
                guard HDF5Calls.pointCount(space) == 1 else {
                    throw HDF5Error("attribute '\(name)' of '\(describe(object))' in \(file) is not a scalar")
                }
                var value = [T](unsafeUninitializedCapacity: 1) { _, count in count = 1 }
                let failure = value.withUnsafeMutableBytes { bytes in
                    capturing { () throws(HDF5Error) in
                        try HDF5Calls.readAttribute(attribute, type: T.memoryType, bytes.baseAddress, "read attribute '\(name)' in \(file)")
                    }
                }
                if let failure { throw failure }
                return value[0]
            }
        }
    }

    private func writeAttribute(
        _ name: String, on object: String, type: hid_t, write: (hid_t, String) throws(HDF5Error) -> Void
    ) throws(HDF5Error) {
        let target = try openObject(object)
        defer { HDF5Calls.closeObject(target) }
        let what = "write attribute '\(name)' on '\(describe(object))' in \(file)"
        if HDF5Calls.attributeExists(target, name) { try HDF5Calls.deleteAttribute(target, name, what) }
        let space = try HDF5Calls.createScalarSpace()
        defer { HDF5Calls.closeSpace(space) }
        let attribute = try HDF5Calls.createAttribute(
            target, name, type: type, space: space, "create attribute '\(name)' on '\(describe(object))' in \(file)")
        defer { HDF5Calls.closeAttribute(attribute) }
        try write(attribute, what)
    }

    private func readAttribute<R>(
        _ name: String, on object: String, _ read: (hid_t, hid_t) throws(HDF5Error) -> R
    ) throws(HDF5Error) -> R? {
        let target = try openObject(object)
        defer { HDF5Calls.closeObject(target) }
        guard HDF5Calls.attributeExists(target, name) else { return nil }
        let attribute = try HDF5Calls.openAttribute(target, name, "open attribute '\(name)' in \(file)")
        defer { HDF5Calls.closeAttribute(attribute) }
        let stored = try HDF5Calls.attributeType(attribute, "read attribute '\(name)' in \(file)")
        defer { HDF5Calls.closeType(stored) }
        return try read(attribute, stored)
    }

    private func openObject(_ object: String) throws(HDF5Error) -> hid_t {
        guard object == "." || HDF5Calls.linkExists(id, object) else {
            throw HDF5Error("\(file) has no object '\(describe(object))'")
        }
        return try HDF5Calls.openObject(id, object, "open '\(describe(object))' in \(file)")
    }
}
