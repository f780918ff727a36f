/// Packing nodes as growth and the array form record them (`TreeNode`, children by index) into
/// the preorder 8-byte layout, and unpacking them for code that wants explicit children.
extension Tree {
    /// A tree from nodes with explicit children (each child after its parent, leaves holding
    /// their ordinals 0, 1, … in node order) and per-node statistics in the same order.
    /// Nodes are renumbered in preorder (depth-first growth already numbers them so; best-first
    /// growth numbers them in creation order), statistics and leaf values with them.
    /// - Precondition: the nodes form one tree rooted at node 0; `leafValues` holds
    ///   `valueWidth` values per leaf; `featureCount` is in 1…2²⁶.
    /// - Complexity: O(nodes).
    init(
        nodes: [TreeNode], sampleCounts: [Int32], weightedSampleCounts: [Float],
        impurities: [Float], leafValues: [Double], valueWidth: Int, featureCount: Int,
        layout: PackedNodeLayout? = nil
    ) {
        let layout = layout ?? PackedNodeLayout(featureCount: featureCount)
        let count = nodes.count
        // Old index of each node in preorder: a left child is visited right after its parent.
        var preorder: [Int32] = []
        preorder.reserveCapacity(count)
        var stack: [Int32] = [0]
        while let node = stack.popLast() {
            preorder.append(node)
            let tree = nodes[Int(node)]
            if !tree.isLeaf {
                stack.append(tree.right)
                stack.append(tree.left)
            }
        }
        precondition(preorder.count == count, "The nodes do not form one tree rooted at node 0.")
        var position = [Int32](repeating: 0, count: count)
        for (new, old) in preorder.enumerated() { position[Int(old)] = Int32(new) }

        var packed = [UInt64](repeating: 0, count: count)
        var farRightChildren: [Int32: Int32] = [:]
        var separateLeafValues: [Double] = []
        if valueWidth != 1 { separateLeafValues.reserveCapacity(leafValues.count) }
        var leaves = 0
        leafValues.withUnsafeBufferPointer { values in
            for (new, old) in preorder.enumerated() {
                let node = nodes[Int(old)]
                if node.isLeaf {
                    let start = Int(node.right) * valueWidth
                    if valueWidth == 1 {
                        packed[new] = values[start].bitPattern
                    } else {
                        packed[new] = UInt64(UInt32(leaves))
                        separateLeafValues.append(contentsOf: values[start ..< start + valueWidth])
                    }
                    leaves += 1
                    continue
                }
                let right = Int(position[Int(node.right)])
                packed[new] = layout.split(
                    feature: node.feature, threshold: node.threshold, missingGoesLeft: node.missingGoesLeft,
                    leftIsLeaf: nodes[Int(node.left)].isLeaf, rightIsLeaf: nodes[Int(node.right)].isLeaf,
                    distance: right - new)
                if right - new > layout.distanceLimit { farRightChildren[Int32(new)] = Int32(right) }
            }
        }
        func reordered<T>(_ values: [T]) -> [T] { values.isEmpty ? [] : preorder.map { values[Int($0)] } }
        self.init(
            packed: packed, layout: layout, farRightChildren: farRightChildren,
            separateLeafValues: separateLeafValues, sampleCounts: reordered(sampleCounts),
            weightedSampleCounts: reordered(weightedSampleCounts), impurities: reordered(impurities),
            valueWidth: valueWidth, featureCount: featureCount, leafCount: leaves)
    }

    /// The nodes with explicit children, leaves holding their ordinals: what `init(nodes:…)` packs.
    /// - Complexity: O(nodes), and as much memory again as the tree's nodes twice over.
    func unpackedNodes() -> [TreeNode] {
        var nodes: [TreeNode] = []
        nodes.reserveCapacity(nodeCount)
        var leaves: Int32 = 0
        let leaf = leafFlags()
        for node in 0 ..< nodeCount {
            if leaf[node] {
                nodes.append(TreeNode(leafOrdinal: leaves))
                leaves += 1
                continue
            }
            let word = packed[node]
            nodes.append(TreeNode(
                feature: layout.feature(word), threshold: PackedNodeLayout.threshold(word),
                missingGoesLeft: layout.missingGoesLeft(word), left: Int32(node + 1), right: Int32(rightChild(of: node))))
        }
        return nodes
    }

    /// Checks that a tree over `count` features can be packed (1…2²⁶ features).
    static func checkFeatureCount(_ count: Int) throws(ForestError) {
        let limit = 1 << PackedNodeLayout.maximumFeatureBits
        guard count >= 1 && count <= limit else {
            throw .invalidData("A tree needs a feature count in 1...\(limit); got \(count).")
        }
    }
}
