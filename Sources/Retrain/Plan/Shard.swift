import NumericCore

/// One of N shards of the tenants, chosen by rendezvous (highest random weight) hashing.
///
/// Each tenant goes to the shard with the largest SHA-256 weight of (shard, tenant), so every tenant
/// is in exactly one shard, the assignment is the same on every machine and run, and going from N to
/// N+1 shards moves only the tenants the new shard wins (about 1/(N+1) of them).
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    /// Zero-based index, < count.
    public let index: Int
    /// Number of shards, ≥ 1.
    public let count: Int

    /// Every tenant in one shard.
    public static let all = Shard(unchecked: 0, of: 1)

    private init(unchecked index: Int, of count: Int) {
        self.index = index
        self.count = count
    }

    /// Shard `index` of `count`.
    /// - Throws: `RetrainError.invalidRequest` unless 0 ≤ index < count ≤ 10,000.
    public init(index: Int, of count: Int) throws(RetrainError) {
        guard count >= 1, count <= 10_000, index >= 0, index < count else {
            throw .invalidRequest("--shard must be I/N with 0 ≤ I < N ≤ 10000; got \(index)/\(count).")
        }
        self.init(unchecked: index, of: count)
    }

    /// Parses `I/N`, e.g. `0/3`.
    /// - Throws: `RetrainError.invalidRequest` naming the text.
    public init(parsing text: String) throws(RetrainError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .invalidRequest("--shard must be I/N, e.g. 0/3; got '\(text)'.")
        }
        try self.init(index: index, of: count)
    }

    /// The shard of a Kubernetes Indexed Job pod: index from `JOB_COMPLETION_INDEX`, count from `WORKBENCH_SHARDS`.
    /// - Throws: `RetrainError.invalidRequest` naming the missing or bad variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(RetrainError) -> Shard {
        guard let indexText = environment["JOB_COMPLETION_INDEX"], let index = Int(indexText) else {
            throw .invalidRequest("--shard-from-env needs JOB_COMPLETION_INDEX set to a shard index (Kubernetes Indexed Job).")
        }
        guard let countText = environment["WORKBENCH_SHARDS"], let count = Int(countText) else {
            throw .invalidRequest("--shard-from-env needs WORKBENCH_SHARDS set to the number of shards (the Job's completions).")
        }
        return try Shard(index: index, of: count)
    }

    /// True when `tenant` belongs to this shard.
    public func contains(_ tenant: String) -> Bool {
        count == 1 || Self.owner(of: tenant, shards: count) == index
    }

    /// The shard (0 ..< shards) that owns `tenant`.
    public static func owner(of tenant: String, shards: Int) -> Int {
        // Equal-length lowercase hex compares like the digests' bytes.
        (0 ..< shards).max { weight(shard: $0, tenant: tenant) < weight(shard: $1, tenant: tenant) } ?? 0
    }

    private static func weight(shard: Int, tenant: String) -> String {
        Digest.sha256Hex(Array("\(shard)\u{0}\(tenant)".utf8))
    }

    public var description: String { "\(index)/\(count)" }
}
