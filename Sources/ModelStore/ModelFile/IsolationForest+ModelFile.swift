import Forests
import HDF5Kit
import NumericCore

/// Isolation Forest in a model file: `/forest` holds the trees (`TreeEnsembleCodec`, with the
/// per-node sample counts its explanations need) whose
/// single leaf value is the path length `h = depth + c(n_node_samples)`, plus `@sample_size`
/// (ψ), `@path_length_normaliser` (c(ψ)), `@offset` (scikit-learn's `offset_`) and
/// `@configuration_json` (`IsolationConfigurationRecord`). Alert levels are metadata.
extension IsolationForest: StorableModel {
    static var algorithm: ModelAlgorithm { .isolationForest }

    func write(with writer: ModelFileWriter) throws(HDF5Error) {
        let group = try writer.group("forest", in: writer.root)
        try TreeEnsembleCodec.write(trees, into: group, featureCount: featureCount, withSampleCounts: true, with: writer)
        try writer.setAttribute("sample_size", .integer(Int64(sampleSize)), on: group)
        try writer.setAttribute("path_length_normaliser", .float(pathLengthNormaliser), on: group)
        try writer.setAttribute(
            "score_rule", .text("2 ** -(sum over trees of leaf_values / (n_trees * path_length_normaliser))"), on: group)
        try writer.setAttribute("offset", .float(offset), on: group)
        try IsolationConfigurationRecord(configuration).write(on: group, with: writer)
    }

    static func read(from file: StoredFile, featureCount: Int) throws(ModelStoreError) -> IsolationForest {
        let sampleSize = try file.integer("/forest@sample_size", in: 1 ... Int64(Int32.max))
        let trees = try TreeEnsembleCodec.read(
            from: file, group: "/forest", featureCount: featureCount, valueWidth: 1, withSampleCounts: true)
        let configuration = try IsolationConfigurationRecord.read(from: file).validatedIsolation(file: file)
        let offset = try file.float("/forest@offset")
        let model: IsolationForest
        do {
            model = try IsolationForest(
                trees: trees, featureCount: featureCount, sampleSize: sampleSize, configuration: configuration, offset: offset)
        } catch {
            throw .corrupted("Model file \(file.path): the isolation forest is invalid: \(error.description)")
        }
        guard try file.float("/forest@path_length_normaliser") == model.pathLengthNormaliser else {
            throw .corrupted("Model file \(file.path): /forest@path_length_normaliser is not c(\(sampleSize)).")
        }
        return model
    }

    var selfTestOutputNames: [String] { ["anomaly_score"] }

    func selfTestOutputs(_ rows: Matrix<Float>) throws(ModelStoreError) -> [Double] {
        do {
            return try scores(rows, threads: 1)
        } catch {
            throw .corrupted("Scoring the self-test rows failed: \(error.description)")
        }
    }

    func boundaryRows() -> [[Float]] {
        ForestParts.boundaryRows(trees, featureCount: featureCount)
    }
}
