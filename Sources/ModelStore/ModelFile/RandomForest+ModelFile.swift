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
            trees: trees, configuration: configuration, importances: featureImportances, oob: outOfBagScore,
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

extension RandomForestRegressor: StorableModel {
    static var algorithm: ModelAlgorithm { .randomForestRegressor }

    func write(with writer: ModelFileWriter) throws(HDF5Error) {
        let forest = try ForestParts.write(
            trees: trees, configuration: configuration, importances: featureImportances, oob: outOfBagScore,
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

/// The parts both Random Forests store alike.
enum ForestParts {
    static func write(
        trees: [Tree], configuration: ForestConfiguration.Validated, importances: [Double], oob: Double?,
        with writer: ModelFileWriter
    ) throws(HDF5Error) -> HDF5Group {
        let group = try writer.group("forest", in: writer.root)
        try TreeEnsembleCodec.write(trees, into: group, with: writer)
        let json: String
        do {
            json = try ForestConfigurationRecord(configuration.values).json()
        } catch {
            throw HDF5Error(error.description)
        }
        try writer.setAttribute("configuration_json", .text(json), on: group)
        try writer.write(importances, to: "feature_importances", in: group)
        if let oob { try writer.setAttribute("oob_score", .float(oob), on: group) }
        return group
    }

    static func read(
        from file: StoredFile, featureCount: Int, valueWidth: Int
    ) throws(ModelStoreError) -> (trees: [Tree], configuration: ForestConfiguration.Validated, importances: [Double], oob: Double?) {
        let configuration = try ForestConfigurationRecord.read(from: file, key: "/forest@configuration_json")
        let trees = try TreeEnsembleCodec.read(from: file, group: "/forest", featureCount: featureCount, valueWidth: valueWidth)
        let importances = try file.doubles("/forest/feature_importances", count: featureCount)
        let oob = file.attributes["/forest@oob_score"] == nil ? nil : try file.float("/forest@oob_score")
        return (trees, configuration, importances, oob)
    }

    /// Rows whose values sit exactly on, and one float32 step above, the split thresholds:
    /// where a reader that compares in float64 or with `<` instead of `<=` goes astray.
    static func boundaryRows(_ trees: [Tree], featureCount: Int, count: Int = 6) -> [[Float]] {
        var thresholds = [[Float]](repeating: [], count: featureCount)
        for tree in trees {
            for (feature, threshold) in zip(tree.features, tree.thresholds) where feature >= 0 {
                if thresholds[Int(feature)].count < count / 2, !thresholds[Int(feature)].contains(threshold) {
                    thresholds[Int(feature)].append(threshold)
                }
            }
        }
        return (0 ..< count).map { row in
            thresholds.map { values in
                guard !values.isEmpty else { return 0 }
                let value = values[(row / 2) % values.count]
                return row.isMultiple(of: 2) ? value : value.nextUp
            }
        }
    }
}
