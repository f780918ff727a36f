/// One problem in a YAML or JSON spec: where it is and what is wrong.
public struct SpecProblem: Equatable, Sendable, CustomStringConvertible {
    /// The key path, e.g. `models[1].gates.min.average_precision`; `document` for the whole
    /// document, empty for a problem with the text itself (not YAML).
    public let path: String
    /// What is wrong, naming the bad value and what was expected.
    public let message: String

    /// A problem at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, or the message alone when there is no path.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
