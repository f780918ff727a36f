/// A durable write failed; the destination was left as it was.
public struct DurableFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path the caller asked for (never the hidden temporary).
    public let path: String
    /// The operating system's reason, e.g. "No space left on device".
    public let reason: String

    /// Creates an error for `path` with the system's `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): cannot write: \(reason)" }
}
