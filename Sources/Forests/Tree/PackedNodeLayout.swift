/// How a tree packs each node into 8 bytes: the one node layout trees keep in memory.
///
/// Nodes are in preorder, so a split's left child is the next node and only the right child's
/// distance is stored. A split is a little-endian pair of 32-bit words: the `Float` threshold,
/// then, from bit 0 of the high word, the feature (`featureBits` bits), whether NaN goes left,
/// whether the left child is a leaf, whether the right child is a leaf, and the distance to the
/// right child in the remaining bits (0 when it does not fit: `Tree` keeps such distances aside).
/// A leaf is whatever its parent says it is, so all 8 bytes are its payload: a regressor's or an
/// isolation tree's one leaf value as a `Double`, otherwise the leaf's ordinal (its row of the
/// separately stored leaf values). A 100-tree regressor of 19 M nodes thus takes 152 MB, where
/// 16-byte nodes plus a leaf value table took 379 MB.
///
/// The feature field is as wide as the tree's feature count needs (5 bits for 32 features), so
/// the distance field is as wide as it can be (24 bits, subtrees of 16 M nodes, for 32 features).
/// `forest_kernels.h` documents the same bits for the AVX2 walk.
@frozen
@usableFromInline
struct PackedNodeLayout: Sendable, Equatable {
    /// Bits of the feature index, the low bits of a split's high word.
    @usableFromInline let featureBits: UInt32

    /// Most feature bits a layout uses, leaving three bits of right-child distance.
    static let maximumFeatureBits: UInt32 = 26

    /// The layout for trees over `featureCount` features.
    /// - Precondition: `1 ≤ featureCount ≤ 2²⁶`.
    init(featureCount: Int) {
        precondition(featureCount >= 1 && featureCount <= 1 << Self.maximumFeatureBits,
                     "A tree's feature count must be in 1...\(1 << Self.maximumFeatureBits); got \(featureCount).")
        self.init(featureBits: max(1, UInt32(Int.bitWidth - (featureCount - 1).leadingZeroBitCount)))
    }

    /// A layout with `featureBits` feature bits (tests use wide ones to force far right children).
    init(featureBits: UInt32) {
        precondition(featureBits >= 1 && featureBits <= Self.maximumFeatureBits)
        self.featureBits = featureBits
    }

    @inlinable var featureMask: UInt32 { (1 << featureBits) - 1 }
    @inlinable var missingLeftBit: UInt32 { 1 << featureBits }
    @inlinable var leftLeafBit: UInt32 { 1 << (featureBits + 1) }
    @inlinable var rightLeafBit: UInt32 { 1 << (featureBits + 2) }
    @inlinable var distanceShift: UInt32 { featureBits + 3 }

    /// The largest right-child distance a split's bits hold.
    var distanceLimit: Int { (1 << (32 - Int(distanceShift))) - 1 }

    /// The 8 bytes of a split whose right child is `distance` nodes after it; a distance over
    /// `distanceLimit` is stored as 0 and must be kept aside by the caller.
    func split(
        feature: Int, threshold: Float, missingGoesLeft: Bool, leftIsLeaf: Bool, rightIsLeaf: Bool, distance: Int
    ) -> UInt64 {
        var high = UInt32(truncatingIfNeeded: feature)
        if missingGoesLeft { high |= missingLeftBit }
        if leftIsLeaf { high |= leftLeafBit }
        if rightIsLeaf { high |= rightLeafBit }
        if distance <= distanceLimit { high |= UInt32(truncatingIfNeeded: distance) << distanceShift }
        return UInt64(threshold.bitPattern) | UInt64(high) << 32
    }

    /// The high word of a split (feature, flags and distance).
    @inlinable static func high(_ word: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: word >> 32) }

    /// The threshold of a split.
    @inlinable static func threshold(_ word: UInt64) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: word)) }

    /// The feature of a split.
    @inlinable func feature(_ word: UInt64) -> Int { Int(Self.high(word) & featureMask) }

    /// Whether missing values go left at a split.
    @inlinable func missingGoesLeft(_ word: UInt64) -> Bool { Self.high(word) & missingLeftBit != 0 }

    /// The stored right-child distance of a split (0: kept aside).
    @inlinable func storedDistance(_ word: UInt64) -> Int { Int(Self.high(word) >> distanceShift) }
}
