import Forests
import HDF5Kit

/// Stores axis-parallel trees as one CSR-style set of arrays (all trees concatenated) and rebuilds them.
///
/// Layout inside the group (N nodes, T trees, L leaves, W values per leaf):
/// `tree_offsets (T+1) int64`; per node `children_left`, `children_right`
/// (tree-local ids, -1 at leaves), `feature` (-1 at leaves), `threshold`
/// (float32), `missing_go_to_left` (uint8), `n_node_samples` (int32);
/// `leaf_values (L, W) float64` with the leaves of all trees in node order.
/// Attributes `n_trees`, `n_nodes`, `n_leaves`, `value_width`.
///
/// Training statistics (impurity, weighted sample counts) are not stored: no
/// prediction needs them, the forest's importances are stored already, and
/// they would add 16 bytes to every node (the format aims at ≤ ⅓ of a joblib pickle).
enum TreeEnsembleCodec {
    /// Writes `trees` into `group`.
    static func write(_ trees: [Tree], into group: HDF5Group, with writer: ModelFileWriter) throws(HDF5Error) {
        var offsets: [Int64] = [0]
        var left: [Int32] = [], right: [Int32] = [], feature: [Int32] = [], threshold: [Float] = []
        var missing: [UInt8] = [], samples: [Int32] = []
        var leafValues: [Double] = []
        let total = trees.reduce(0) { $0 + $1.nodeCount }
        left.reserveCapacity(total)
        right.reserveCapacity(total)
        feature.reserveCapacity(total)
        threshold.reserveCapacity(total)
        for tree in trees {
            left += tree.leftChildren
            right += tree.rightChildren
            feature += tree.features
            threshold += tree.thresholds
            missing += tree.missingGoesLeft.map { $0 ? 1 : 0 }
            samples += tree.sampleCounts
            leafValues += tree.leafValues
            offsets.append(offsets.last! + Int64(tree.nodeCount))
        }
        let width = trees.first?.valueWidth ?? 0
        let leaves = trees.reduce(0) { $0 + $1.leafCount }
        try writer.setAttribute("n_trees", .integer(Int64(trees.count)), on: group)
        try writer.setAttribute("n_nodes", .integer(Int64(total)), on: group)
        try writer.setAttribute("n_leaves", .integer(Int64(leaves)), on: group)
        try writer.setAttribute("value_width", .integer(Int64(width)), on: group)
        try writer.write(offsets, to: "tree_offsets", in: group)
        try writer.write(left, to: "children_left", in: group)
        try writer.write(right, to: "children_right", in: group)
        try writer.write(feature, to: "feature", in: group)
        try writer.write(threshold, to: "threshold", in: group)
        try writer.write(missing, to: "missing_go_to_left", in: group)
        try writer.write(samples, to: "n_node_samples", in: group)
        if width > 0 { try writer.write(leafValues, shape: [leaves, width], to: "leaf_values", in: group) }
    }

    /// Rebuilds the trees stored under group path `group` (e.g. `/forest`), validating every
    /// offset, length, child and feature index before use.
    /// - Parameters:
    ///   - featureCount: the model's number of features; split features must be below it.
    ///   - valueWidth: the values per leaf the algorithm needs (classes, 1, or 0).
    /// - Throws: `ModelStoreError.corrupted` naming the first inconsistency.
    static func read(
        from file: StoredFile, group: String, featureCount: Int, valueWidth: Int
    ) throws(ModelStoreError) -> [Tree] {
        let treeCount = try file.integer(group + "@n_trees", in: 1 ... 1 << 24)
        let nodeCount = try file.integer(group + "@n_nodes", in: 1 ... 1 << 34)
        let leafCount = try file.integer(group + "@n_leaves", in: 1 ... 1 << 34)
        let width = try file.integer(group + "@value_width", in: 0 ... 1 << 20)
        guard width == valueWidth else {
            throw .corrupted("Model file \(file.path): \(group) stores \(width) values per leaf; this model needs \(valueWidth).")
        }
        let offsets = try file.int64s(group + "/tree_offsets", count: treeCount + 1)
        guard offsets.first == 0, offsets.last == Int64(nodeCount),
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .corrupted("Model file \(file.path): \(group)/tree_offsets must rise strictly from 0 to \(nodeCount).")
        }
        let left = try file.int32s(group + "/children_left", count: nodeCount)
        let right = try file.int32s(group + "/children_right", count: nodeCount)
        let feature = try file.int32s(group + "/feature", count: nodeCount)
        let threshold = try file.floats(group + "/threshold", count: nodeCount)
        let missing = try file.uint8s(group + "/missing_go_to_left", count: nodeCount)
        let samples = try file.int32s(group + "/n_node_samples", count: nodeCount)
        let leafValues = width > 0 ? try file.doubles(group + "/leaf_values", count: leafCount * width) : []
        let leavesFound = left.reduce(0) { $0 + ($1 == -1 ? 1 : 0) }
        guard leavesFound == leafCount else {
            throw .corrupted("Model file \(file.path): \(group) has \(leavesFound) leaves; n_leaves says \(leafCount).")
        }
        var trees: [Tree] = []
        trees.reserveCapacity(treeCount)
        var leafStart = 0
        for index in 0 ..< treeCount {
            let nodes = Int(offsets[index]) ..< Int(offsets[index + 1])
            let leaves = left[nodes].reduce(0) { $0 + ($1 == -1 ? 1 : 0) }
            do {
                trees.append(try Tree(
                    leftChildren: Array(left[nodes]), rightChildren: Array(right[nodes]),
                    features: Array(feature[nodes]), thresholds: Array(threshold[nodes]),
                    missingGoesLeft: missing[nodes].map { $0 != 0 }, sampleCounts: Array(samples[nodes]),
                    leafValues: Array(leafValues[leafStart * width ..< (leafStart + leaves) * width]),
                    valueWidth: width, featureCount: featureCount))
            } catch {
                throw .corrupted("Model file \(file.path): tree \(index) of \(group) is invalid: \(error.description)")
            }
            leafStart += leaves
        }
        return trees
    }
}
