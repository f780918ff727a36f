import NumericCore

/// Extended Isolation Forest (Hariri, Carrasco Kind & Brunner, IEEE TKDE 2021).
///
/// Like Isolation Forest, but each split is a random hyperplane instead of an
/// axis-parallel cut, which removes the axis-aligned "ghost" bands of low
/// scores that standard isolation trees draw around clusters. The extension
/// level sets how many coordinates of each normal vector may be non-zero
/// (level + 1): 0 behaves like Isolation Forest, d − 1 is fully extended.
///
/// Storage: all trees' nodes in one set of flat arrays, tree `t` owning nodes
/// `treeOffsets[t] ..< treeOffsets[t + 1]` in depth-first preorder (root first),
/// child ids local to the tree, as scikit-learn's `tree_` arrays. A row goes
/// left at node `k` iff `dot(x, normals[k]) <= intercepts[k]`, where the dot
/// product runs over the features whose normal component is non-zero, in
/// ascending feature order, as `Double(x_f) * Double(normal_f)` summed in
/// double precision from 0.0. A NaN product sum (a missing value among those
/// features) goes left iff `missingGoesLeft[k]`.
public struct ExtendedIsolationForest: Sendable {
    /// Number of features a row must have.
    public let featureCount: Int
    /// ψ, the rows each tree was grown on; scores are normalised by `c(ψ)`.
    public let sampleSize: Int
    /// Non-zero components per normal vector minus one, in 0 … featureCount − 1.
    public let extensionLevel: Int
    /// Node offsets per tree: tree `t` holds nodes `treeOffsets[t] ..< treeOffsets[t + 1]`; count = trees + 1.
    public let treeOffsets: [Int]
    /// Tree-local id of each node's left child; −1 at leaves.
    public let leftChildren: [Int32]
    /// Tree-local id of each node's right child; −1 at leaves.
    public let rightChildren: [Int32]
    /// Normal vectors, `nodeCount × featureCount` row-major; all zeros at leaves.
    public let normals: [Float]
    /// Hyperplane offsets: go left iff `dot(x, normal) <= intercept`; 0 at leaves.
    public let intercepts: [Double]
    /// Where a row whose dot product is NaN goes, per node; false at leaves.
    public let missingGoesLeft: [Bool]
    /// Training rows (of the tree's ψ) that reached each node.
    public let nodeSamples: [Int32]
    /// The hyperparameters the forest was grown with.
    public let configuration: ValidatedConfiguration
    /// scikit-learn's `offset_` convention, as `IsolationForest.offset`: −0.5 for `contamination`
    /// `.auto`, else set by `fit` so that the requested share of training rows scores above `−offset`.
    public internal(set) var offset: Double

    /// Per node: `Double(depth) + c(nodeSamples)` at leaves (root depth 0), `Double(depth)` elsewhere.
    /// Derived from the arrays above; a model file may store it so that readers need no logarithm.
    public let pathLengths: [Double]
    /// Internal-node normals packed for matrix-product scoring; derived.
    let blasLayout: HyperplaneBlock
    /// The trees rearranged for lockstep scoring; derived.
    let layout: HyperplanePathLayout

    /// Number of trees.
    public var treeCount: Int { treeOffsets.count - 1 }
    /// Total nodes over all trees.
    public var nodeCount: Int { leftChildren.count }
    /// `c(ψ)`, the divisor of the mean path length: stored in model files so readers need no logarithm.
    public var pathLengthNormaliser: Double { IsolationPathLength.average(sampleSize) }

    /// Rebuilds a model from its arrays (as a model file stores them), checking every index and length.
    ///
    /// - Parameters: the stored properties of the same names; see each for its meaning
    ///   (`offset` defaults to −0.5, `contamination` `.auto`, and must be finite).
    /// - Throws: `ForestError.invalidData` naming the first array or node that is inconsistent:
    ///   wrong lengths, offsets that do not increase, a child id outside its tree or not after
    ///   its parent (preorder), a leaf with a normal, or counts that do not add up.
    /// - Complexity: O(nodes × features).
    public init(
        featureCount: Int, sampleSize: Int, extensionLevel: Int, treeOffsets: [Int],
        leftChildren: [Int32], rightChildren: [Int32], normals: [Float], intercepts: [Double],
        missingGoesLeft: [Bool], nodeSamples: [Int32], configuration: ValidatedConfiguration, offset: Double = -0.5
    ) throws(ForestError) {
        guard offset.isFinite else {
            throw .invalidData("offset must be a finite number; got \(offset).")
        }
        guard featureCount >= 1 else {
            throw .invalidData("featureCount must be ≥ 1; got \(featureCount).")
        }
        guard sampleSize >= 1 else {
            throw .invalidData("sampleSize must be ≥ 1; got \(sampleSize).")
        }
        guard extensionLevel >= 0, extensionLevel < featureCount else {
            throw .invalidData(
                "extensionLevel must be in 0 … \(featureCount - 1) for \(featureCount) features; got \(extensionLevel).")
        }
        let nodes = leftChildren.count
        try FlatTreeChecks.checkOffsets(treeOffsets, nodeCount: nodes)
        for (name, count) in [("rightChildren", rightChildren.count), ("intercepts", intercepts.count),
                              ("missingGoesLeft", missingGoesLeft.count), ("nodeSamples", nodeSamples.count)]
        where count != nodes {
            throw .invalidData("\(name) has \(count) entries; leftChildren has \(nodes), expected as many.")
        }
        guard normals.count == nodes * featureCount else {
            throw .invalidData(
                "normals has \(normals.count) entries; expected nodes × features = \(nodes) × \(featureCount).")
        }
        let depths = try FlatTreeChecks.checkChildren(
            left: leftChildren, right: rightChildren, samples: nodeSamples, offsets: treeOffsets)
        for node in 0 ..< nodes where leftChildren[node] < 0 {
            let base = node * featureCount
            if normals[base ..< base + featureCount].contains(where: { $0 != 0 }) {
                throw .invalidData("node \(node) is a leaf but has a non-zero normal; leaves must have zero normals.")
            }
        }
        self.featureCount = featureCount
        self.sampleSize = sampleSize
        self.extensionLevel = extensionLevel
        self.treeOffsets = treeOffsets
        self.leftChildren = leftChildren
        self.rightChildren = rightChildren
        self.normals = normals
        self.intercepts = intercepts
        self.missingGoesLeft = missingGoesLeft
        self.nodeSamples = nodeSamples
        self.configuration = configuration
        self.offset = offset
        let pathLengths = FlatTreeChecks.pathLengths(depths: depths, samples: nodeSamples, left: leftChildren)
        self.pathLengths = pathLengths
        self.blasLayout = HyperplaneBlock(
            normals: normals, featureCount: featureCount, left: leftChildren, treeOffsets: treeOffsets)
        self.layout = HyperplanePathLayout(
            featureCount: featureCount, treeOffsets: treeOffsets, leftChildren: leftChildren,
            rightChildren: rightChildren, normals: normals, intercepts: intercepts, pathLengths: pathLengths,
            depths: depths)
    }
}
