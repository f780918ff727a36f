/// An HDF5 call failed; the message names the operation and the object path.
public struct HDF5Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// What failed, e.g. "open dataset '/trees/feature' in models/x.h5".
    public let message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
