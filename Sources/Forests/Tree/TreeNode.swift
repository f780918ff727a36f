/// One node with explicit children, as growth records it: `Tree` packs these into its 8-byte
/// preorder layout (`Tree+Packing.swift`).
///
/// Internal nodes hold a split; leaves hold `left == -1` and, in `right`, the leaf's ordinal
/// (its row of the leaf values). The public arrays in `Tree+Arrays.swift` present the
/// sklearn-like view instead (`-1` in both children at leaves).
struct TreeNode: Sendable, Equatable {
    /// Go left iff `x[feature] <= threshold` (x as `Float`); unused (0) at leaves.
    var threshold: Float
    /// The split feature in bits 0…30; bit 31 set when missing values (NaN) go left.
    var featureAndFlags: UInt32
    /// The left child's node index, or -1 at a leaf.
    var left: Int32
    /// The right child's node index, or the leaf ordinal at a leaf.
    var right: Int32

    static let missingLeftBit: UInt32 = 1 << 31

    var isLeaf: Bool { left < 0 }
    var feature: Int { Int(featureAndFlags & ~Self.missingLeftBit) }
    var missingGoesLeft: Bool { featureAndFlags & Self.missingLeftBit != 0 }

    /// A split node; children are patched in as they are created.
    init(feature: Int, threshold: Float, missingGoesLeft: Bool, left: Int32, right: Int32) {
        self.threshold = threshold
        self.featureAndFlags = UInt32(truncatingIfNeeded: feature) | (missingGoesLeft ? Self.missingLeftBit : 0)
        self.left = left
        self.right = right
    }

    /// A leaf whose values are row `ordinal` of the leaf value table.
    init(leafOrdinal ordinal: Int32) {
        threshold = 0
        featureAndFlags = 0
        left = -1
        right = ordinal
    }

    /// Whether a row with value `value` for this node's feature goes to the left child.
    func sendsLeft(_ value: Float) -> Bool {
        value <= threshold || (value.isNaN && missingGoesLeft)
    }
}
