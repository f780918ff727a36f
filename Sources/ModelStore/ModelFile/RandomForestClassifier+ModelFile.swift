import Forests
import HDF5Kit
import NumericCore

/// Random Forests in a model file: `/forest` holds the trees (`TreeEnsembleCodec`),
/// `@configuration_json`, `feature_importances (F) float64` and `@oob_score` when known;
/// a classifier adds `/classifier/classes (K) text`, its leaves holding K class fractions.
extension RandomForestClassifier: StorableModel {
    static var algorithm: ModelAlgorithm { .randomForestClassifier }

    func write(with writer: ModelFileWriter) throws(HDF5Error) {
        let forest = try ForestParts.write(
            trees: trees, featureCount: featureCount, configuration: configuration, importances: featureImportances, oob: outOfBagScore,
            with: writer)
        try writer.setAttribute("proba_rule", .text("sum over trees of leaf_values rows, times 1/n_trees"), on: forest)
        let group = try writer.group("classifier", in: writer.root)
        try writer.writeStrings(classNames, to: "classes", in: group)
    }

    static func read(from file: StoredFile, featureCount: Int) throws(ModelStoreError) -> RandomForestClassifier {
        let classes = try file.strings("/classifier/classes")
        guard !classes.isEmpty else { throw .corrupted("Model file \(file.path): /classifier/classes is empty.") }
        let parts = try ForestParts.read(from: file, featureCount: featureCount, valueWidth: classes.count)
        do {
            return try RandomForestClassifier(
                trees: parts.trees, classNames: classes, featureCount: featureCount,
                configuration: parts.configuration, featureImportances: parts.importances, outOfBagScore: parts.oob)
        } catch {
            throw .corrupted("Model file \(file.path): the random forest classifier is invalid: \(error.description)")
        }
    }

    var selfTestOutputNames: [String] { classNames.map { "probability_\($0)" } }

    func selfTestOutputs(_ rows: Matrix<Float>) throws(ModelStoreError) -> [Double] {
        do {
            return try predictProbabilities(rows, threads: 1).storage
        } catch {
            throw .corrupted("Scoring the self-test rows failed: \(error.description)")
        }
    }

    func boundaryRows() -> [[Float]] {
        ForestParts.boundaryRows(trees, featureCount: featureCount)
    }
}
