import Forests
import HDF5Kit
import NumericCore

/// Random Forest regressor in a model file: `/forest` as for the classifier (see
/// `RandomForestClassifier+ModelFile.swift`), one value per leaf (the mean target).
extension RandomForestRegressor: StorableModel {
    static var algorithm: ModelAlgorithm { .randomForestRegressor }

    func write(with writer: ModelFileWriter) throws(HDF5Error) {
        let forest = try ForestParts.write(
            trees: trees, featureCount: featureCount, configuration: configuration, importances: featureImportances, oob: outOfBagScore,
            with: writer)
        try writer.setAttribute("prediction_rule", .text("sum over trees of leaf_values, divided by n_trees"), on: forest)
    }

    static func read(from file: StoredFile, featureCount: Int) throws(ModelStoreError) -> RandomForestRegressor {
        let parts = try ForestParts.read(from: file, featureCount: featureCount, valueWidth: 1)
        do {
            return try RandomForestRegressor(
                trees: parts.trees, featureCount: featureCount, configuration: parts.configuration,
                featureImportances: parts.importances, outOfBagScore: parts.oob)
        } catch {
            throw .corrupted("Model file \(file.path): the random forest regressor is invalid: \(error.description)")
        }
    }

    var selfTestOutputNames: [String] { ["prediction", "prediction_std"] }

    func selfTestOutputs(_ rows: Matrix<Float>) throws(ModelStoreError) -> [Double] {
        do {
            let (mean, spread) = try predictWithSpread(rows, threads: 1)
            return zip(mean, spread).flatMap { [$0, $1] }
        } catch {
            throw .corrupted("Scoring the self-test rows failed: \(error.description)")
        }
    }

    func boundaryRows() -> [[Float]] {
        ForestParts.boundaryRows(trees, featureCount: featureCount)
    }
}
