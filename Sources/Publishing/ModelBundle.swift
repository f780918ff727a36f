import Foundation
import ModelStore

/// A bundle built in memory from a registry version: every file's bytes and the manifest describing them.
///
/// Building loads the version through the registry (file SHA-256 against the index, every dataset checksum,
/// the self-test replay), so a damaged version is refused before anything is written.
public struct ModelBundle: Sendable {
    /// The model name.
    public let name: String
    /// The model version.
    public let version: Int
    /// The bundle's folder name inside `DIR/NAME`: `v<version>`.
    public var folder: String { "v\(version)" }
    /// The thresholds as published.
    public let thresholds: ThresholdsDocument
    /// The manifest.
    public let manifest: BundleManifest
    /// `manifest.json`'s bytes.
    public let manifestBytes: [UInt8]
    /// Every file but the manifest, by bundle path.
    public let files: [(path: String, bytes: [UInt8])]
    /// Rows in `selftest.csv`.
    public let selfTestRows: Int

    /// The SHA-256 of `manifest.json`, the value `current.json` pins.
    public var manifestSHA256: String { JSONFiles.sha256(manifestBytes) }

    /// Every file including the manifest, manifest last.
    public var allFiles: [(path: String, bytes: [UInt8])] { files + [("manifest.json", manifestBytes)] }

    /// Builds the bundle of the version `reference` selects in `registry`.
    /// - Parameters:
    ///   - threshold: the level or value that raises `is_anomaly`; nil keeps the model's own alert level.
    ///   - producer: written to the manifest, e.g. `workbench 0.9.0`.
    /// - Throws: `PublishingError.notFound` for an unknown model or version, `.corrupted` for a damaged one,
    ///   `.invalidRequest` for an unknown threshold level.
    public init(
        registry: ModelRegistry, reference: ModelReference, threshold: ThresholdChoice?, producer: String
    ) throws(PublishingError) {
        let entry: ModelVersion
        let loaded: LoadedModel
        let modelBytes: [UInt8]
        let vectors: SelfTestVectors
        do {
            entry = try registry.version(reference)
            let url = try registry.resolve(ModelReference(name: reference.name, selector: .version(entry.version)))
            modelBytes = Array(try Data(contentsOf: url))
            loaded = try registry.load(ModelReference(name: reference.name, selector: .version(entry.version)))
            vectors = try ModelFile.selfTestVectors(url)
        } catch let error as ModelStoreError {
            throw Self.translate(error)
        } catch {
            throw .notFound("Cannot read the version file of \(reference): \(error.localizedDescription).")
        }
        guard JSONFiles.sha256(modelBytes) == entry.fileSHA256 else {
            throw .corrupted("The version file of \(reference.name)@v\(entry.version) changed while it was read; "
                + "its SHA-256 no longer matches the registry's \(entry.fileSHA256).")
        }
        name = reference.name
        version = entry.version
        thresholds = try ThresholdSelection.document(for: loaded, name: name, version: version, choice: threshold)
        let rule = thresholds.scopes.first?.isAnomaly
        let table = try SelfTestTable(loaded: loaded, vectors: vectors, rule: rule)
        selfTestRows = table.rows
        files = [
            ("model.h5", modelBytes),
            ("selftest.csv", Array(table.text.utf8)),
            ("thresholds.json", try JSONFiles.encode(thresholds)),
        ]
        let metadata = loaded.metadata
        manifest = BundleManifest(
            name: name, version: version, created: JSONFiles.now(), algorithm: metadata.algorithm.rawValue,
            features: metadata.features,
            featureSpec: FeatureSpecReader.spec(registry: registry, name: name, version: version),
            preprocessing: metadata.preprocessing, tenant: metadata.lineage.tenant, lineage: metadata.lineage,
            registry: .init(fileSHA256: entry.fileSHA256, contentSHA256: entry.contentSHA256,
                            lineageDigest: metadata.lineage.datasetSHA256, registeredUTC: entry.registeredUTC),
            formats: .init(bundle: 1, modelFile: loaded.formatVersion, thresholds: thresholds.formatVersion,
                           selftest: 1),
            files: files.map { .init(path: $0.path, sha256: JSONFiles.sha256($0.bytes), bytes: $0.bytes.count) },
            producer: producer)
        manifestBytes = try JSONFiles.encode(manifest)
    }

    /// Maps a registry error to this module's error, keeping its message.
    static func translate(_ error: ModelStoreError) -> PublishingError {
        switch error {
        case .notFound(let message): .notFound(message)
        case .corrupted(let message): .corrupted(message)
        case .invalidReference(let message): .invalidRequest(message)
        case .busy(let message): .unavailable(message)
        case .cannotWrite(let message): .cannotWrite(message)
        case .notARegistry(let message): .configuration(message)
        }
    }
}
