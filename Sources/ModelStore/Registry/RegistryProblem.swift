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

/// What `ModelRegistry.gc` removed and why it kept the rest.
public struct GarbageCollection: Sendable, Equatable {
    /// Versions removed (or, in a dry run, that would be), ascending.
    public var removed: [Int]
    /// Versions kept, each with the reasons, ascending by version.
    public var kept: [(version: Int, reasons: [String])]

    public static func == (lhs: GarbageCollection, rhs: GarbageCollection) -> Bool {
        lhs.removed == rhs.removed
            && lhs.kept.map(\.version) == rhs.kept.map(\.version)
            && lhs.kept.map(\.reasons) == rhs.kept.map(\.reasons)
    }
}
