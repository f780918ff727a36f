/// Something `ModelRegistry.verify` found wrong with a registry.
public struct RegistryProblem: Sendable, Equatable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Equatable {
        /// Stored data is damaged or inconsistent: a checksum, the index or a file is wrong.
        case corruption
        /// Harmless leftovers (files of a crashed writer, versions gc did not finish removing).
        case warning
    }

    /// The model concerned.
    public var model: String
    /// The version concerned, if one.
    public var version: Int?
    /// How bad it is.
    public var severity: Severity
    /// What is wrong, as a sentence.
    public var message: String

    public var description: String {
        "\(severity.rawValue): \(model)\(version.map { "@v\($0)" } ?? ""): \(message)"
    }
}
