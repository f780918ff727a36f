/// Errors raised by model files and the registry.
public enum ModelStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model file or registry entry does not exist.
    case notFound(String)
    /// A stored file fails its format, checksum or structure checks.
    case corrupted(String)
    /// A name, version, alias or model file name is not acceptable (a usage error).
    case invalidReference(String)
    /// Another process holds the registry lock past the timeout.
    case busy(String)
    /// Writing failed; nothing already stored was changed.
    case cannotWrite(String)
    /// The registry root exists but is not a registry folder (a regular file, say): a configuration error.
    case notARegistry(String)

    public var description: String {
        switch self {
        case .notFound(let message), .corrupted(let message), .invalidReference(let message),
             .busy(let message), .cannotWrite(let message), .notARegistry(let message):
            message
        }
    }
}
