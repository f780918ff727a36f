import Dispatch
import Forests
import Foundation
import HDF5Kit
import Synchronization

/// Loading a format-3 forest at the speed of the page cache.
///
/// Goals, in order: the trees are exactly the saved ones → nothing of a damaged file is used
/// (every node array's SHA-256 verified, every index checked) → memory: each tree's slice of
/// each node array is read with `pread` straight from the file into that tree's arrays, so the
/// file's bytes are never held whole → fast: one thread hashes the node arrays front to back
/// while the others read and build trees, all outside libhdf5's lock; a tree is built from its
/// slices as stored (`LevelOrderSlices`: no per-node conversion) with working arrays each builder
/// reuses from tree to tree (`LevelOrderScratch`).
extension TreeEnsembleCodec {
    /// The located node arrays of one forest, and the counts that slice them per tree.
    private struct LevelOrderArrays: @unchecked Sendable {
        let file: StoredFile
        let reader: HDF5ContiguousReader
        let group: String
        let offsets: [Int64]
        let featureCount: Int
        let width: Int
        let feature: HDF5ContiguousExtent
        let threshold: HDF5ContiguousExtent
        let missing: HDF5ContiguousExtent
        let leafValues: HDF5ContiguousExtent?
        let samples: HDF5ContiguousExtent?
    }

    /// Format 3: reads, verifies and rebuilds the trees of `group` (see `TreeEnsembleCodec`).
    static func readLevelOrder(
        from file: StoredFile, group: String, featureCount: Int, valueWidth width: Int, withSampleCounts: Bool
    ) throws(ModelStoreError) -> [Tree] {
        let (treeCount, nodeCount, leafCount, offsets) = try readShape(from: file, group: group, valueWidth: width)
        for index in 0 ..< treeCount where (offsets[index + 1] - offsets[index]).isMultiple(of: 2) {
            throw .corrupted("Model file \(file.path): tree \(index) of \(group) has an even number of nodes "
                + "(\(offsets[index + 1] - offsets[index])); a tree of splits with two children each has an odd one.")
        }
        let splitCount = (nodeCount - treeCount) / 2
        guard leafCount == nodeCount - splitCount else {
            throw .corrupted("Model file \(file.path): \(group)@n_leaves is \(leafCount); \(treeCount) trees of "
                + "\(nodeCount) nodes have \(nodeCount - splitCount).")
        }
        guard let reader = file.reader else { throw .corrupted("Model file \(file.path) was not opened for reading.") }
        let featureKinds: [HDF5ValueKind] = [.integer(bytes: 1, signed: true), .integer(bytes: 2, signed: true), .integer(bytes: 4, signed: true)]
        let arrays = LevelOrderArrays(
            file: file, reader: reader, group: group, offsets: offsets, featureCount: featureCount, width: width,
            feature: try streamed(file, group + "/feature", kinds: featureKinds, shape: [nodeCount]),
            threshold: try streamed(file, group + "/threshold", kinds: [.float(bytes: 4)], shape: [splitCount]),
            missing: try streamed(file, group + "/missing_go_to_left", kinds: [.integer(bytes: 1, signed: false)],
                                  shape: [(splitCount + 7) / 8]),
            leafValues: width == 0 ? nil
                : try streamed(file, group + "/leaf_values", kinds: [.float(bytes: 8)], shape: [leafCount, width]),
            samples: withSampleCounts
                ? try streamed(file, group + "/n_node_samples", kinds: [.integer(bytes: 4, signed: true)], shape: [nodeCount])
                : nil)
        return try build(arrays, treeCount: treeCount)
    }

    /// Runs the hasher (worker 0) and the tree builders (the other workers) together.
    /// A checksum failure outranks a structural one: damage shows as the dataset that changed.
    /// Builders go on past an invalid tree, so the error names the first invalid tree whichever
    /// worker met it.
    private static func build(_ arrays: LevelOrderArrays, treeCount: Int) throws(ModelStoreError) -> [Tree] {
        let builders = max(1, min(ProcessInfo.processInfo.activeProcessorCount, treeCount))
        let next = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let trees = Mutex<[Tree?]>([Tree?](repeating: nil, count: treeCount))
        let buildFailure = Mutex<(tree: Int, error: ModelStoreError)?>(nil)
        let hashFailure = Mutex<ModelStoreError?>(nil)
        DispatchQueue.concurrentPerform(iterations: builders + 1) { worker in
            if worker == 0 {
                if let error = arrays.file.streamedChecksumFailure() {
                    hashFailure.withLock { $0 = error }
                    stop.store(true, ordering: .relaxed)
                }
                return
            }
            var scratch = LevelOrderScratch()
            while !stop.load(ordering: .relaxed) {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < treeCount else { return }
                do throws(ModelStoreError) {
                    let tree = try buildTree(index, from: arrays, scratch: &scratch)
                    trees.withLock { $0[index] = tree }
                } catch {
                    buildFailure.withLock { failure in
                        if failure == nil || index < failure!.tree { failure = (index, error) }
                    }
                }
            }
        }
        if let error = hashFailure.withLock({ $0 }) { throw error }
        if let failure = buildFailure.withLock({ $0 }) { throw failure.error }
        return trees.withLock { $0.map { $0! } }
    }

    /// Reads tree `index`'s slices of the node arrays and builds it with `scratch`. The slices
    /// are kept as stored (features in their width, missing-value directions as bits).
    private static func buildTree(
        _ index: Int, from arrays: LevelOrderArrays, scratch: inout LevelOrderScratch
    ) throws(ModelStoreError) -> Tree {
        let start = Int(arrays.offsets[index]), nodes = Int(arrays.offsets[index + 1]) - start
        let splits = (nodes - 1) / 2, splitStart = (start - index) / 2, leafStart = (start + index) / 2
        let reader = arrays.reader
        let slices: LevelOrderSlices
        do {
            let features: LevelOrderSlices.Features = switch arrays.feature.elementSize {
            case 1: .int8(try reader.read(arrays.feature, elements: start ..< start + nodes, as: Int8.self))
            case 2: .int16(try reader.read(arrays.feature, elements: start ..< start + nodes, as: Int16.self))
            default: .int32(try reader.read(arrays.feature, elements: start ..< start + nodes, as: Int32.self))
            }
            slices = LevelOrderSlices(
                features: features,
                thresholds: try reader.read(arrays.threshold, elements: splitStart ..< splitStart + splits, as: Float.self),
                missingBits: try reader.read(
                    arrays.missing, elements: splitStart / 8 ..< (splitStart + splits + 7) / 8, as: UInt8.self),
                firstMissingBit: splitStart % 8,
                leafValues: try arrays.leafValues.map { (extent) throws(HDF5Error) in
                    try reader.read(extent, elements: leafStart * arrays.width ..< (leafStart + splits + 1) * arrays.width, as: Double.self)
                } ?? [],
                sampleCounts: try arrays.samples.map { (extent) throws(HDF5Error) in
                    try reader.read(extent, elements: start ..< start + nodes, as: Int32.self)
                } ?? [])
        } catch {
            throw .corrupted("Model file \(arrays.file.path): tree \(index) of \(arrays.group) cannot be read: \(error.message).")
        }
        do {
            return try Tree(levelOrder: slices, valueWidth: arrays.width, featureCount: arrays.featureCount, scratch: &scratch)
        } catch {
            throw .corrupted("Model file \(arrays.file.path): tree \(index) of \(arrays.group) is invalid: \(error.description)")
        }
    }

    /// The located dataset `path`, checked to hold one of `kinds` in `shape`.
    private static func streamed(
        _ file: StoredFile, _ path: String, kinds: [HDF5ValueKind], shape: [Int]
    ) throws(ModelStoreError) -> HDF5ContiguousExtent {
        guard let dataset = file.streamed[path] else { throw .corrupted("Model file \(file.path) has no dataset \(path).") }
        guard kinds.contains(dataset.extent.kind), dataset.extent.shape == shape else {
            throw .corrupted("Model file \(file.path): dataset \(path) holds \(dataset.extent.kind) of shape "
                + "\(dataset.extent.shape); expected \(kinds.map(\.description).joined(separator: " or ")) of shape \(shape).")
        }
        return dataset.extent
    }
}
