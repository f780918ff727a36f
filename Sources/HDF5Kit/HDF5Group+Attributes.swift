import CHDF5
import Foundation

extension HDF5Group {
    /// Sets the text attribute `name` (variable-length UTF-8, read by h5py as `str`)
    /// on this group, or on the member `object` (a dataset or subgroup).
    /// - Throws: `HDF5Error` when the object is absent or the write fails.
    public func setAttribute(_ name: String, _ value: String, on object: String = ".") throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let type = try stringType()
            defer { H5Tclose(type) }
            try writeAttribute(name, on: object, type: type) { attribute in
                withCStringArray([value]) { H5Awrite(attribute, type, $0) }
            }
        }
    }

    /// Sets the numeric attribute `name` (a scalar) on this group or on member `object`.
    public func setAttribute<T: HDF5Scalar>(_ name: String, _ value: T, on object: String = ".") throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            try writeAttribute(name, on: object, type: T.fileType) { attribute in
                withUnsafeBytes(of: value) { H5Awrite(attribute, T.memoryType, $0.baseAddress) }
            }
        }
    }

    /// The text attribute `name` of this group or member `object`; nil when absent.
    /// - Throws: `HDF5Error` when it exists but is not variable-length text.
    public func stringAttribute(_ name: String, on object: String = ".") throws(HDF5Error) -> String? {
        try HDF5Library.withLock { () throws(HDF5Error) -> String? in
            try readAttribute(name, on: object) { (attribute, stored) throws(HDF5Error) -> String in
                guard H5Tget_class(stored) == H5T_STRING, H5Tis_variable_str(stored) > 0 else {
                    throw HDF5Error("attribute '\(name)' of '\(describe(object))' in \(file) is not text")
                }
                let type = try stringType()
                defer { H5Tclose(type) }
                var pointer: UnsafeMutablePointer<CChar>?
                try HDF5Library.check(H5Aread(attribute, type, &pointer), "read attribute '\(name)' in \(file)")
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
                guard H5Tget_class(stored) == T.typeClass else {
                    throw HDF5Error("attribute '\(name)' of '\(describe(object))' in \(file) is not \(T.self)")
                }
                let space = H5Aget_space(attribute)
                defer { H5Sclose(space) }
                guard H5Sget_simple_extent_npoints(space) == 1 else {
                    throw HDF5Error("attribute '\(name)' of '\(describe(object))' in \(file) is not a scalar")
                }
                var value = [T](unsafeUninitializedCapacity: 1) { _, count in count = 1 }
                let status = value.withUnsafeMutableBytes { H5Aread(attribute, T.memoryType, $0.baseAddress) }
                try HDF5Library.check(status, "read attribute '\(name)' in \(file)")
                return value[0]
            }
        }
    }

    private func writeAttribute(
        _ name: String, on object: String, type: hid_t, write: (hid_t) -> herr_t
    ) throws(HDF5Error) {
        let target = try openObject(object)
        defer { H5Oclose(target) }
        if H5Aexists(target, name) > 0 { H5Adelete(target, name) }
        let space = try HDF5Library.check(id: H5Screate(H5S_SCALAR), "create a dataspace")
        defer { H5Sclose(space) }
        let attribute = H5Acreate2(target, name, type, space, chdf5_p_default(), chdf5_p_default())
        let attributeID = try HDF5Library.check(id: attribute, "create attribute '\(name)' on '\(describe(object))' in \(file)")
        defer { H5Aclose(attributeID) }
        try HDF5Library.check(write(attributeID), "write attribute '\(name)' on '\(describe(object))' in \(file)")
    }

    private func readAttribute<R>(
        _ name: String, on object: String, _ read: (hid_t, hid_t) throws(HDF5Error) -> R
    ) throws(HDF5Error) -> R? {
        let target = try openObject(object)
        defer { H5Oclose(target) }
        guard H5Aexists(target, name) > 0 else { return nil }
        let attribute = try HDF5Library.check(id: H5Aopen(target, name, chdf5_p_default()), "open attribute '\(name)' in \(file)")
        defer { H5Aclose(attribute) }
        let stored = H5Aget_type(attribute)
        defer { H5Tclose(stored) }
        return try read(attribute, stored)
    }

    private func openObject(_ object: String) throws(HDF5Error) -> hid_t {
        guard object == "." || H5Lexists(id, object, chdf5_p_default()) > 0 else {
            throw HDF5Error("\(file) has no object '\(describe(object))'")
        }
        return try HDF5Library.check(id: H5Oopen(id, object, chdf5_p_default()), "open '\(describe(object))' in \(file)")
    }
}
