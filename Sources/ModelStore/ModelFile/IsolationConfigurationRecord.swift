import Forests
import HDF5Kit

/// An isolation forest's configuration as JSON (`/forest@configuration_json`), as Random
/// Forest files store theirs, so a loaded detector keeps the hyperparameters it was grown with.
///
/// Values use the one text form of `MaxSamples`, `MaxFeatures`, `Contamination` and
/// `ExtensionLevel`; `extension_level` is present for extended forests only. The seed is
/// a decimal string (JSON numbers lose integers above 2^53); `threads` is not stored:
/// it never changes the model, and the reader's machine decides it.
struct IsolationConfigurationRecord: Codable, Equatable {
    var trees: Int
    var maxSamples: String
    var maxFeatures: String
    var bootstrap: Bool
    var contamination: String
    var seed: String
    var extensionLevel: String?

    enum CodingKeys: String, CodingKey {
        case trees, bootstrap, contamination, seed
        case maxSamples = "max_samples"
        case maxFeatures = "max_features"
        case extensionLevel = "extension_level"
    }

    init(_ configuration: IsolationForest.ValidatedConfiguration, extensionLevel: ExtendedIsolationForest.ExtensionLevel? = nil) {
        trees = configuration.trees
        maxSamples = configuration.maxSamples.description
        maxFeatures = configuration.maxFeatures.description
        bootstrap = configuration.bootstrap
        contamination = configuration.contamination.description
        seed = String(configuration.seed)
        self.extensionLevel = extensionLevel?.description
    }

    /// Writes the record to `/forest@configuration_json`.
    func write(on group: HDF5Group, with writer: ModelFileWriter) throws(HDF5Error) {
        let json: String
        do {
            json = try ConfigurationJSON.encode(self, what: "isolation forest configuration")
        } catch {
            throw HDF5Error(error.description)
        }
        try writer.setAttribute("configuration_json", .text(json), on: group)
    }

    /// The stored record of `file`.
    static func read(from file: StoredFile) throws(ModelStoreError) -> IsolationConfigurationRecord {
        try ConfigurationJSON.decode(
            IsolationConfigurationRecord.self, from: file, key: "/forest@configuration_json",
            what: "isolation forest configuration")
    }

    /// The unchecked Isolation Forest configuration the record describes.
    func isolation(file: StoredFile) throws(ModelStoreError) -> IsolationForest.Configuration {
        func bad(_ field: String, _ value: String) -> ModelStoreError {
            .corrupted("Model file \(file.path): isolation forest configuration has \(field) '\(value)'.")
        }
        var configuration = IsolationForest.Configuration()
        configuration.trees = trees
        guard let maxSamples = MaxSamples(maxSamples) else { throw bad("max_samples", maxSamples) }
        configuration.maxSamples = maxSamples
        guard let maxFeatures = MaxFeatures(maxFeatures) else { throw bad("max_features", maxFeatures) }
        configuration.maxFeatures = maxFeatures
        configuration.bootstrap = bootstrap
        guard let contamination = Contamination(contamination) else { throw bad("contamination", contamination) }
        configuration.contamination = contamination
        guard let seed = UInt64(seed) else { throw bad("seed", seed) }
        configuration.seed = seed
        return configuration
    }

    /// The validated Isolation Forest configuration.
    /// - Throws: `ModelStoreError.corrupted` for unknown words or out-of-range values.
    func validatedIsolation(file: StoredFile) throws(ModelStoreError) -> IsolationForest.ValidatedConfiguration {
        let configuration = try isolation(file: file)
        do {
            return try configuration.validated()
        } catch {
            throw .corrupted("Model file \(file.path): the stored isolation forest configuration is invalid: \(error.description)")
        }
    }

    /// The validated Extended Isolation Forest configuration.
    /// - Throws: `ModelStoreError.corrupted` for a missing or unknown extension level, or as `validatedIsolation`.
    func validatedExtended(file: StoredFile) throws(ModelStoreError) -> ExtendedIsolationForest.ValidatedConfiguration {
        var configuration = ExtendedIsolationForest.Configuration()
        configuration.isolation = try isolation(file: file)
        guard let text = extensionLevel, let level = ExtendedIsolationForest.ExtensionLevel(text) else {
            throw .corrupted("Model file \(file.path): isolation forest configuration has extension_level '\(extensionLevel ?? "missing")'.")
        }
        configuration.extensionLevel = level
        do {
            return try configuration.validated()
        } catch {
            throw .corrupted("Model file \(file.path): the stored extended isolation forest configuration is invalid: \(error.description)")
        }
    }
}
