import NumericCore

/// The SHA-256 a model file records for a scalar attribute: text over its UTF-8 bytes,
/// integers over 8 little-endian bytes of the value as int64, floats over 8 bytes of it as float64.
enum StoredAttribute: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case float(Double)

    var sha256: String {
        switch self {
        case .text(let value): Digest.sha256Hex(Array(value.utf8))
        case .integer(let value): Digest.sha256Hex(ofValues: [value])
        case .float(let value): Digest.sha256Hex(ofValues: [value])
        }
    }
}
