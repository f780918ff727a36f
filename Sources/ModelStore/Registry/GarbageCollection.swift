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
