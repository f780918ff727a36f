import DurableFiles
import Foundation
import NumericCore

extension ModelRegistry {
    /// Registers `model` as the next version of `name` and returns its record (print it as `name@vN`).
    ///
    /// - Parameters:
    ///   - metadata: what to record; `name`, `version` and `parentVersion` are filled in here.
    ///   - selfTestRows: a few typical input rows for the golden self-test vectors (at most 8 kept).
    /// - Throws: as `register(name:metadata:write:)` and `ModelFile.save`.
    public func register(
        _ model: TrainedModel, metadata: ModelMetadata, name: String, selfTestRows: Matrix<Float>? = nil
    ) throws(ModelStoreError) -> ModelVersion {
        try register(name: name, metadata: metadata) { path, stamped in
            try ModelFile.write(model, metadata: stamped, selfTestRows: selfTestRows, path: path)
        }
    }

    /// Registers the model in the file at `url` (verified first) as the next version of `name`.
    ///
    /// The registry writes its own copy with the registry's name, version and
    /// parent in the metadata; everything else, including the self-test sample rows, is kept.
    /// - Throws: what `ModelFile.load` throws for the source file, then as `register`.
    public func register(fileAt url: URL, name: String) throws(ModelStoreError) -> ModelVersion {
        let loaded = try ModelFile.load(url)
        return try register(loaded.model, metadata: loaded.metadata, name: name, selfTestRows: loaded.selfTestSamples)
    }

    /// Loads the version `reference` selects after checking the file against the index
    /// (size and SHA-256), so a file replaced behind the registry's back is refused.
    /// - Throws: as `version(_:)` and `ModelFile.load`; `.corrupted` for a file that differs from its record.
    public func load(_ reference: ModelReference) throws(ModelStoreError) -> LoadedModel {
        let entry = try version(reference)
        let path = try containedPath(reference.name, entry.file)
        let digest = try FileSystem.sha256(ofFile: path)
        guard digest.hex == entry.fileSHA256, digest.bytes == entry.bytes else {
            throw .corrupted("\(reference.name)@v\(entry.version) (\(path)) has SHA-256 \(digest.hex) and "
                + "\(digest.bytes) bytes; the registry recorded \(entry.fileSHA256) and \(entry.bytes) bytes. "
                + "Run 'workbench models verify \(reference.name)'.")
        }
        let loaded = try ModelFile.load(URL(fileURLWithPath: path))
        guard loaded.contentSHA256 == entry.contentSHA256 else {
            throw .corrupted("\(reference.name)@v\(entry.version) has content SHA-256 \(loaded.contentSHA256); "
                + "the registry recorded \(entry.contentSHA256).")
        }
        return loaded
    }
}

extension ModelRegistry {
    /// Loads what a `--model` argument names: a model file path, or a registry reference.
    ///
    /// An argument that names an existing file, contains `/` or ends in `.h5`/`.hdf5` is a path;
    /// anything else (`cpu`, `cpu@v3`, `cpu@production`) is looked up in this registry.
    /// - Throws: as `ModelFile.load` or `load(_:)`; `.notFound` naming both readings when neither exists.
    public func loadModel(fileOrReference argument: String) throws(ModelStoreError) -> LoadedModel {
        if FileSystem.exists(argument) || argument.contains("/") || FileFormat(path: argument) == .hdf5 {
            guard FileSystem.exists(argument) else {
                throw .notFound("Model file \(argument) does not exist.")
            }
            return try ModelFile.load(URL(fileURLWithPath: argument))
        }
        return try load(ModelReference(parsing: argument))
    }
}
