/// A durable write failed or was refused; the destination was left as it was.
public struct DurableFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why nothing was written.
    public enum Kind: Sendable, Equatable {
        /// The system refused the write (missing directory, permissions, disk full): exit 73.
        case cannotWrite
        /// The request itself is wrong (the output is an input, lies inside the registry, or has an
        /// extension of another format): a usage error, exit 64.
        case refused
    }

    /// The path the caller asked for (never the hidden temporary).
    public let path: String
    /// The operating system's reason, e.g. "No space left on device", or for `.refused` the whole sentence.
    public let reason: String
    /// Whether the system or the request is at fault.
    public let kind: Kind

    /// Creates an error for `path` with the system's `reason`.
    public init(path: String, reason: String) {
        self.init(path: path, reason: reason, kind: .cannotWrite)
    }

    /// Creates an error of `kind`.
    public init(path: String, reason: String, kind: Kind) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }

    /// A refused request; `sentence` is the whole message and names the options involved.
    public static func refused(_ path: String, _ sentence: String) -> DurableFileError {
        DurableFileError(path: path, reason: sentence, kind: .refused)
    }

    public var description: String {
        switch kind {
        case .cannotWrite: "\(path): cannot write: \(reason)"
        case .refused: reason
        }
    }
}
