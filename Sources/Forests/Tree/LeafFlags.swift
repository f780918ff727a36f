/// One bit per node of a tree, set at its leaves: computed by `Tree.leafFlags()` for loops over
/// every node, since a tree keeps leaf flags only in its splits (for their children).
struct LeafFlags {
    private var words: [UInt64]

    /// No node flagged, for a tree of `nodeCount` nodes.
    init(nodeCount: Int) {
        words = [UInt64](repeating: 0, count: (nodeCount + 63) / 64)
    }

    /// Whether node `node` is a leaf.
    subscript(node: Int) -> Bool { words[node >> 6] & (1 << UInt64(node & 63)) != 0 }

    /// Flags node `node` as a leaf.
    mutating func setLeaf(_ node: Int) { words[node >> 6] |= 1 << UInt64(node & 63) }
}
