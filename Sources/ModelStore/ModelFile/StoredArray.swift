import NumericCore

/// One dataset of a model file as read: its values in the stored type, and its shape.
enum StoredArray: Sendable {
    case int32([Int32])
    case int64([Int64])
    case uint8([UInt8])
    case float32([Float])
    case float64([Double])
    case text([String])

    /// The SHA-256 a model file records for this dataset (see docs/model-format.md, "Checksums"):
    /// numbers over their little-endian bytes in C order, text over each string's UTF-8 bytes plus a NUL.
    var sha256: String {
        switch self {
        case .int32(let values): Digest.sha256Hex(ofValues: values)
        case .int64(let values): Digest.sha256Hex(ofValues: values)
        case .uint8(let values): Digest.sha256Hex(ofValues: values)
        case .float32(let values): Digest.sha256Hex(ofValues: values)
        case .float64(let values): Digest.sha256Hex(ofValues: values)
        case .text(let values): Digest.sha256Hex(values.flatMap { Array($0.utf8) + [0] })
        }
    }

    /// The numpy-style dtype name, for error messages.
    var typeName: String {
        switch self {
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .float32: "float32"
        case .float64: "float64"
        case .text: "text"
        }
    }
}
