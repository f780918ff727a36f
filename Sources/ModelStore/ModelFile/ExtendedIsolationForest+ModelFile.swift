import Forests
import HDF5Kit
import NumericCore

/// Extended Isolation Forest in a model file: `/forest` holds the hyperplane trees
/// (`normal (N, F) float32`, `intercept (N) float64` instead of `feature`/`threshold`),
/// `@offset` (scikit-learn's `offset_`) and `@configuration_json` (`IsolationConfigurationRecord`
/// with `extension_level`). Alert levels are metadata.
extension ExtendedIsolationForest: StorableModel {
    static var algorithm: ModelAlgorithm { .extendedIsolationForest }

    func write(with writer: ModelFileWriter) throws(HDF5Error) {
        let group = try writer.group("forest", in: writer.root)
        try writer.setAttribute("n_trees", .integer(Int64(treeCount)), on: group)
        try writer.setAttribute("n_nodes", .integer(Int64(nodeCount)), on: group)
        try writer.setAttribute("sample_size", .integer(Int64(sampleSize)), on: group)
        try writer.setAttribute("extension_level", .integer(Int64(extensionLevel)), on: group)
        try writer.write(treeOffsets.map(Int64.init), to: "tree_offsets", in: group)
        try writer.write(leftChildren, to: "children_left", in: group)
        try writer.write(rightChildren, to: "children_right", in: group)
        try writer.write(normals, shape: [nodeCount, featureCount], to: "normal", in: group)
        try writer.write(intercepts, to: "intercept", in: group)
        try writer.write(missingGoesLeft.map { $0 ? UInt8(1) : 0 }, to: "missing_go_to_left", in: group)
        try writer.write(nodeSamples, to: "n_node_samples", in: group)
        try writer.setAttribute("offset", .float(offset), on: group)
        try IsolationConfigurationRecord(configuration.shared, extensionLevel: configuration.extensionLevel)
            .write(on: group, with: writer)
    }

    static func read(from file: StoredFile, featureCount: Int) throws(ModelStoreError) -> ExtendedIsolationForest {
        let trees = try file.integer("/forest@n_trees", in: 1 ... 1 << 24)
        let nodes = try file.integer("/forest@n_nodes", in: 1 ... 1 << 34)
        let offsets = try file.int64s("/forest/tree_offsets", count: trees + 1)
        guard nodes.multipliedReportingOverflow(by: featureCount).partialValue <= 1 << 34 else {
            throw .corrupted("Model file \(file.path): \(nodes) nodes × \(featureCount) features is too large.")
        }
        let sampleSize = try file.integer("/forest@sample_size", in: 1 ... Int64(Int32.max))
        let extensionLevel = try file.integer("/forest@extension_level", in: 0 ... Int64(Int32.max))
        let left = try file.int32s("/forest/children_left", count: nodes)
        let right = try file.int32s("/forest/children_right", count: nodes)
        let normals = try file.floats("/forest/normal", count: nodes * featureCount)
        let intercepts = try file.doubles("/forest/intercept", count: nodes)
        let missing = try file.uint8s("/forest/missing_go_to_left", count: nodes).map { $0 != 0 }
        let samples = try file.int32s("/forest/n_node_samples", count: nodes)
        let configuration = try IsolationConfigurationRecord.read(from: file).validatedExtended(file: file)
        let offset = try file.float("/forest@offset")
        do {
            return try ExtendedIsolationForest(
                featureCount: featureCount, sampleSize: sampleSize, extensionLevel: extensionLevel,
                treeOffsets: offsets.map { Int(clamping: $0) }, leftChildren: left, rightChildren: right,
                normals: normals, intercepts: intercepts, missingGoesLeft: missing, nodeSamples: samples,
                configuration: configuration, offset: offset)
        } catch {
            throw .corrupted("Model file \(file.path): the extended isolation forest is invalid: \(error.description)")
        }
    }

    var selfTestOutputNames: [String] { ["anomaly_score"] }

    func selfTestOutputs(_ rows: Matrix<Float>) throws(ModelStoreError) -> [Double] {
        do {
            return try scores(rows, method: .reference, threads: 1)
        } catch {
            throw .corrupted("Scoring the self-test rows failed: \(error.description)")
        }
    }

    /// Hyperplanes have no per-feature boundary values; the NaN and sample rows cover routing.
    func boundaryRows() -> [[Float]] {
        []
    }
}
