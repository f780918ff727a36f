import Foundation
import Forests

/// A Random Forest configuration as JSON (`/forest@configuration_json`), so a loaded
/// forest keeps the hyperparameters it was trained with.
///
/// `max_samples` and `max_features` use the one text form of `MaxSamples` and `MaxFeatures`
/// (`all`, `sqrt`, `256`, `0.5`). The seed is a decimal string: JSON numbers lose integers above 2^53.
/// `threads` is not stored: it never changes the model, and the reader's machine decides it.
struct ForestConfigurationRecord: Codable, Equatable {
    var task: String
    var trees: Int
    var bootstrap: Bool
    var maxSamples: String
    var maxFeatures: String
    var maxDepth: Int?
    var minSamplesSplit: Int
    var minSamplesLeaf: Int
    var minImpurityDecrease: Double
    var maxLeafNodes: Int?
    var criterion: String
    var classWeight: String
    var seed: String
    var splitter: String
    var computesOutOfBagScore: Bool

    enum CodingKeys: String, CodingKey {
        case task, trees, bootstrap, criterion, seed, splitter
        case maxSamples = "max_samples"
        case maxFeatures = "max_features"
        case maxDepth = "max_depth"
        case minSamplesSplit = "min_samples_split"
        case minSamplesLeaf = "min_samples_leaf"
        case minImpurityDecrease = "min_impurity_decrease"
        case maxLeafNodes = "max_leaf_nodes"
        case classWeight = "class_weight"
        case computesOutOfBagScore = "computes_oob_score"
    }

    init(_ configuration: ForestConfiguration) {
        let c = configuration
        task = c.task.rawValue
        trees = c.trees
        bootstrap = c.bootstrap
        maxSamples = c.maxSamples.description
        maxFeatures = c.maxFeatures.description
        maxDepth = c.maxDepth
        minSamplesSplit = c.minSamplesSplit
        minSamplesLeaf = c.minSamplesLeaf
        minImpurityDecrease = c.minImpurityDecrease
        maxLeafNodes = c.maxLeafNodes
        criterion = c.criterion.rawValue
        classWeight = c.classWeight.rawValue
        seed = String(c.seed)
        splitter = c.splitter.rawValue
        computesOutOfBagScore = c.computesOutOfBagScore
    }

    /// The JSON text.
    func json() throws(ModelStoreError) -> String {
        try ConfigurationJSON.encode(self, what: "forest configuration")
    }

    /// The validated configuration stored at attribute `key` of `file`.
    /// - Throws: `ModelStoreError.corrupted` for unreadable JSON, unknown words or out-of-range values.
    static func read(from file: StoredFile, key: String) throws(ModelStoreError) -> ForestConfiguration.Validated {
        let record = try ConfigurationJSON.decode(ForestConfigurationRecord.self, from: file, key: key, what: "forest configuration")
        func bad(_ field: String, _ value: String) -> ModelStoreError {
            .corrupted("Model file \(file.path): forest configuration has \(field) '\(value)'.")
        }
        guard let task = ForestTask(rawValue: record.task) else { throw bad("task", record.task) }
        var configuration = ForestConfiguration(task: task)
        configuration.trees = record.trees
        configuration.bootstrap = record.bootstrap
        guard let maxSamples = MaxSamples(record.maxSamples) else { throw bad("max_samples", record.maxSamples) }
        configuration.maxSamples = maxSamples
        guard let maxFeatures = MaxFeatures(record.maxFeatures) else { throw bad("max_features", record.maxFeatures) }
        configuration.maxFeatures = maxFeatures
        configuration.maxDepth = record.maxDepth
        configuration.minSamplesSplit = record.minSamplesSplit
        configuration.minSamplesLeaf = record.minSamplesLeaf
        configuration.minImpurityDecrease = record.minImpurityDecrease
        configuration.maxLeafNodes = record.maxLeafNodes
        guard let criterion = ForestConfiguration.Criterion(rawValue: record.criterion) else {
            throw bad("criterion", record.criterion)
        }
        configuration.criterion = criterion
        guard let classWeight = ForestConfiguration.ClassWeight(rawValue: record.classWeight) else {
            throw bad("class_weight", record.classWeight)
        }
        configuration.classWeight = classWeight
        guard let seed = UInt64(record.seed) else { throw bad("seed", record.seed) }
        configuration.seed = seed
        guard let splitter = SplitMethod(rawValue: record.splitter) else { throw bad("splitter", record.splitter) }
        configuration.splitter = splitter
        configuration.computesOutOfBagScore = record.computesOutOfBagScore
        do {
            return try configuration.validated()
        } catch {
            throw .corrupted("Model file \(file.path): the stored forest configuration is invalid: \(error.description)")
        }
    }
}
