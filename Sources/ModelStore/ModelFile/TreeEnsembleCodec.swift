import Forests
import HDF5Kit

/// Stores axis-parallel trees (all trees concatenated) and rebuilds them.
///
/// Format 3 (written now), inside the group (N nodes, S = (N − T) / 2 splits, L = N − S leaves,
/// T trees, W values per leaf, each tree in level order: the `k`-th split of a tree has its
/// children at tree-local positions `2k + 1` and `2k + 2`):
/// `tree_offsets (T+1) int64`; `feature (N)` int8, int16 or int32, the narrowest that holds the
/// feature count, `-1` at leaves; `threshold (S) float32` and `missing_go_to_left (⌈S/8⌉) uint8`
/// (bits, least significant first) per split; `leaf_values (L, W) float64` per leaf;
/// `n_node_samples (N) int32` only where prediction needs it (isolation forests' explanations).
/// Attributes `n_trees`, `n_nodes`, `n_leaves`, `value_width`. Node arrays are stored contiguous and
/// uncompressed; `TreeEnsembleCodec+LevelOrder.swift` reads them straight into the trees.
///
/// Format 2 (read for files already in registries): per node `children_left`, `children_right`,
/// `feature` (int32), `threshold`, `missing_go_to_left` (uint8), `n_node_samples`, compressed.
///
/// Training statistics (impurity, weighted sample counts) are never stored: no prediction
/// needs them and the forest's importances are stored already.
enum TreeEnsembleCodec {
    /// Format-3 node arrays, which `StoredFile` leaves in the file for `readLevelOrder` to stream.
    static let streamedNames: Set<String> = ["feature", "threshold", "missing_go_to_left", "leaf_values", "n_node_samples"]

    /// Whether `StoredFile` leaves dataset `path` to be streamed: the node arrays of a format-3
    /// axis-parallel forest (hyperplane trees keep format 2's arrays, read up front).
    static func isStreamed(_ path: String, formatMajor: Int64, algorithm: StoredAttribute?) -> Bool {
        guard formatMajor >= 3, algorithm != .text(ModelAlgorithm.extendedIsolationForest.rawValue),
              path.hasPrefix("/forest/") else { return false }
        return streamedNames.contains(String(path.dropFirst("/forest/".count)))
    }

    /// Writes `trees` into `group` in level order, with sample counts when `withSampleCounts`.
    static func write(
        _ trees: [Tree], into group: HDF5Group, featureCount: Int, withSampleCounts: Bool, with writer: ModelFileWriter
    ) throws(HDF5Error) {
        var offsets: [Int64] = [0]
        var feature: [Int32] = [], threshold: [Float] = [], missing: [UInt8] = [], leafValues: [Double] = []
        var samples: [Int32] = []
        for tree in trees {
            let level = tree.levelOrder(withSampleCounts: withSampleCounts)
            feature += level.features
            threshold += level.thresholds
            missing += level.missingGoesLeft
            leafValues += level.leafValues
            samples += level.sampleCounts
            offsets.append(offsets.last! + Int64(tree.nodeCount))
        }
        let width = trees.first?.valueWidth ?? 0
        let leaves = feature.count - threshold.count
        try writer.setAttribute("n_trees", .integer(Int64(trees.count)), on: group)
        try writer.setAttribute("n_nodes", .integer(Int64(feature.count)), on: group)
        try writer.setAttribute("n_leaves", .integer(Int64(leaves)), on: group)
        try writer.setAttribute("value_width", .integer(Int64(width)), on: group)
        try writer.write(offsets, to: "tree_offsets", in: group)
        if featureCount <= Int(Int8.max) {
            try writer.write(feature.map { Int8($0) }, to: "feature", in: group)
        } else if featureCount <= Int(Int16.max) {
            try writer.write(feature.map { Int16($0) }, to: "feature", in: group)
        } else {
            try writer.write(feature, to: "feature", in: group)
        }
        try writer.write(threshold, to: "threshold", in: group)
        try writer.write(packBits(missing), to: "missing_go_to_left", in: group)
        if width > 0 { try writer.write(leafValues, shape: [leaves, width], to: "leaf_values", in: group) }
        if withSampleCounts { try writer.write(samples, to: "n_node_samples", in: group) }
    }

    /// Rebuilds the trees stored under group path `group` (e.g. `/forest`) in either format,
    /// validating every offset, length, child and feature index before use.
    /// - Parameters:
    ///   - featureCount: the model's number of features; split features must be below it.
    ///   - valueWidth: the values per leaf the algorithm needs (classes, 1, or 0).
    ///   - withSampleCounts: whether the model needs per-node sample counts (format 2 always has them).
    /// - Throws: `ModelStoreError.corrupted` naming the first inconsistency.
    static func read(
        from file: StoredFile, group: String, featureCount: Int, valueWidth: Int, withSampleCounts: Bool
    ) throws(ModelStoreError) -> [Tree] {
        if file.formatMajor >= 3 {
            return try readLevelOrder(
                from: file, group: group, featureCount: featureCount, valueWidth: valueWidth,
                withSampleCounts: withSampleCounts)
        }
        return try readFormat2(from: file, group: group, featureCount: featureCount, valueWidth: valueWidth)
    }

    /// `values` (0 or 1 each) as bits, least significant first, 8 to a byte (numpy `packbits(bitorder="little")`).
    static func packBits(_ values: [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (values.count + 7) / 8)
        for (index, value) in values.enumerated() where value != 0 {
            bytes[index >> 3] |= 1 << UInt8(index & 7)
        }
        return bytes
    }

    /// Counts and offsets shared by both formats, checked against each other.
    static func readShape(
        from file: StoredFile, group: String, valueWidth: Int
    ) throws(ModelStoreError) -> (trees: Int, nodes: Int, leaves: Int, offsets: [Int64]) {
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
        return (treeCount, nodeCount, leafCount, offsets)
    }

    /// Format 2: per-node arrays with explicit children, read up front by `StoredFile`.
    private static func readFormat2(
        from file: StoredFile, group: String, featureCount: Int, valueWidth width: Int
    ) throws(ModelStoreError) -> [Tree] {
        let (treeCount, nodeCount, leafCount, offsets) = try readShape(from: file, group: group, valueWidth: width)
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
