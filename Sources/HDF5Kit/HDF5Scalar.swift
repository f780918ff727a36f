import CHDF5

/// A numeric element type that HDF5Kit can store and load.
///
/// Files always use fixed little-endian types, so a file written here reads
/// the same on any host and with numpy's `<f4`, `<f8`, `<i4`, `<i8`, `|u1`.
public protocol HDF5Scalar: BitwiseCopyable, Sendable {
    /// The in-memory type id.
    static var memoryType: hid_t { get }
    /// The on-disk type id.
    static var fileType: hid_t { get }
    /// The class of stored types this Swift type reads without loss of kind.
    static var typeClass: H5T_class_t { get }
    /// The stored kind whose bytes are this type's bytes (little-endian), for reading them raw.
    static var valueKind: HDF5ValueKind { get }
}

extension Float: HDF5Scalar {
    public static var memoryType: hid_t { chdf5_native_float() }
    public static var fileType: hid_t { chdf5_ieee_f32le() }
    public static var typeClass: H5T_class_t { H5T_FLOAT }
    public static var valueKind: HDF5ValueKind { .float(bytes: 4) }
}

extension Double: HDF5Scalar {
    public static var memoryType: hid_t { chdf5_native_double() }
    public static var fileType: hid_t { chdf5_ieee_f64le() }
    public static var typeClass: H5T_class_t { H5T_FLOAT }
    public static var valueKind: HDF5ValueKind { .float(bytes: 8) }
}

extension Int32: HDF5Scalar {
    public static var memoryType: hid_t { chdf5_native_int32() }
    public static var fileType: hid_t { chdf5_std_i32le() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var valueKind: HDF5ValueKind { .integer(bytes: 4, signed: true) }
}

extension Int64: HDF5Scalar {
    public static var memoryType: hid_t { chdf5_native_int64() }
    public static var fileType: hid_t { chdf5_std_i64le() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var valueKind: HDF5ValueKind { .integer(bytes: 8, signed: true) }
}

extension UInt8: HDF5Scalar {
    public static var memoryType: hid_t { chdf5_native_uint8() }
    public static var fileType: hid_t { chdf5_std_u8le() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var valueKind: HDF5ValueKind { .integer(bytes: 1, signed: false) }
}

extension Int8: HDF5Scalar {
    public static var memoryType: hid_t { chdf5_native_int8() }
    public static var fileType: hid_t { chdf5_std_i8le() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var valueKind: HDF5ValueKind { .integer(bytes: 1, signed: true) }
}

extension Int16: HDF5Scalar {
    public static var memoryType: hid_t { chdf5_native_int16() }
    public static var fileType: hid_t { chdf5_std_i16le() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var valueKind: HDF5ValueKind { .integer(bytes: 2, signed: true) }
}
