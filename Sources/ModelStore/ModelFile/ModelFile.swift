import DurableFiles
import Foundation
import HDF5Kit
import NumericCore

/// Saves and loads Workbench model files: one self-describing HDF5 file per model,
/// readable with h5py + numpy alone (docs/model-format.md).
///
/// Goals, in order: a loaded model predicts exactly like the saved one →
/// a damaged, tampered or foreign file is rejected with a sentence saying
/// why, never a crash → readable without Workbench → compact.
public enum ModelFile {
    /// Writes `model` with `metadata` to `url` atomically (temporary file, fsync, rename, folder fsync).
    ///
    /// - Parameters:
    ///   - selfTestRows: a few typical input rows (e.g. the first training rows) added to the
    ///     golden self-test vectors; at most 8 are kept. Default nil: boundary and NaN rows only.
    /// - Returns: the file's `content_sha256`.
    /// - Throws: `ModelStoreError.invalidReference` when the metadata does not describe the model,
    ///   or for a path not ending in .h5/.hdf5; `.cannotWrite` naming the path and the OS reason when
    ///   the file cannot be written (the destination is then untouched and no temporary is left).
    @discardableResult
    public static func save(
        _ model: TrainedModel, metadata: ModelMetadata, selfTestRows: Matrix<Float>? = nil, to url: URL
    ) throws(ModelStoreError) -> String {
        try checkOutputPath(url.path)
        return try write(model, metadata: metadata, selfTestRows: selfTestRows, path: url.path)
    }

    /// Checks that `path` names an HDF5 file (`.h5` or `.hdf5`, any case): model files are HDF5,
    /// and a file name's extension decides its format everywhere in Workbench.
    /// - Throws: `ModelStoreError.invalidReference` (a usage error) naming the path otherwise.
    public static func checkOutputPath(_ path: String) throws(ModelStoreError) {
        guard FileFormat(path: path) == .hdf5 else {
            let suffix = FileFormat.suffix(of: path)
            throw .invalidReference("\(path): model files are HDF5; name the file .h5 or .hdf5 "
                + "(got \(suffix.isEmpty ? "no extension" : "'." + suffix + "'")).")
        }
    }

    /// Reads, verifies and rebuilds the model in the file at `url`.
    ///
    /// Checks the format name and major version, every dataset's SHA-256, the
    /// `content_sha256` over all checksums and attributes, every index, length
    /// and count the trees use, and finally that the rebuilt model reproduces the
    /// stored self-test outputs.
    /// - Throws: `ModelStoreError.notFound` when the file cannot be opened,
    ///   `.corrupted` naming what is wrong otherwise.
    public static func load(_ url: URL) throws(ModelStoreError) -> LoadedModel {
        let file = try StoredFile(path: url.path)
        let metadata = try readMetadata(file)
        let (model, samples) = try TrainedModel.read(
            from: file, algorithm: metadata.algorithm, featureCount: metadata.features.count)
        return LoadedModel(
            model: model, metadata: metadata, contentSHA256: file.contentSHA256, selfTestSamples: samples,
            formatVersion: "\(file.formatMajor).\(file.formatMinor)")
    }

    /// Writes the file at `path` atomically (built in memory, published by `HDF5File.close()` through
    /// DurableFiles) and returns its content digest.
    /// - Throws: as `save`; a full disk or missing folder is `.cannotWrite` naming `path` and the OS reason.
    static func write(
        _ model: TrainedModel, metadata: ModelMetadata, selfTestRows: Matrix<Float>?, path: String
    ) throws(ModelStoreError) -> String {
        guard metadata.algorithm == model.algorithm else {
            throw .invalidReference("Metadata names algorithm \(metadata.algorithm) for a \(model.algorithm) model.")
        }
        guard metadata.features.count == model.featureCount else {
            throw .invalidReference("Metadata lists \(metadata.features.count) features; the model uses \(model.featureCount).")
        }
        guard Set(metadata.features).count == metadata.features.count else {
            throw .invalidReference("Feature names must be unique; got \(metadata.features).")
        }
        let json: String
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            json = String(decoding: try encoder.encode(metadata), as: UTF8.self)
        } catch {
            throw .cannotWrite("Cannot encode the model metadata: \(error).")
        }
        do {
            let writer = try ModelFileWriter(path: path)
            let root = writer.root
            try writer.setAttribute("format", .text(ModelFileLayout.format), on: root)
            try writer.setAttribute("format_version_major", .integer(ModelFileLayout.majorVersion), on: root)
            try writer.setAttribute("format_version_minor", .integer(ModelFileLayout.minorVersion), on: root)
            try writer.setAttribute("Conventions", .text(ModelFileLayout.conventions), on: root)
            try writer.setAttribute("algorithm", .text(metadata.algorithm.rawValue), on: root)
            try writer.setAttribute("created_utc", .text(metadata.createdUTC), on: root)
            try writer.setAttribute("producer", .text("workbench \(metadata.workbenchVersion)"), on: root)
            try writer.setAttribute(ModelFileLayout.metadataAttribute, .text(json), on: root)
            let features = try writer.group("features", in: root)
            try writer.writeStrings(metadata.features, to: "names", in: features)
            try writer.setAttribute("n_features", .integer(Int64(metadata.features.count)), on: features)
            try writer.setAttribute("input_dtype", .text("float32"), on: features)
            try model.write(with: writer)
            try model.writeSelfTest(samples: selfTestRows, with: writer)
            return try writer.finish()
        } catch let error as ModelStoreError {
            throw error
        } catch let error as DurableFileError {
            throw .cannotWrite(error.description)
        } catch {
            throw .cannotWrite("Cannot write model file \(path): \(error).")
        }
    }

    private static func readMetadata(_ file: StoredFile) throws(ModelStoreError) -> ModelMetadata {
        let json = try file.text("/@" + ModelFileLayout.metadataAttribute)
        let metadata: ModelMetadata
        do {
            metadata = try JSONDecoder().decode(ModelMetadata.self, from: Data(json.utf8))
        } catch {
            throw .corrupted("Model file \(file.path): metadata_json is not valid model metadata: \(error).")
        }
        let algorithm = try file.text("/@algorithm")
        guard algorithm == metadata.algorithm.rawValue else {
            throw .corrupted("Model file \(file.path): algorithm attribute '\(algorithm)' disagrees with the metadata's "
                + "'\(metadata.algorithm)'.")
        }
        let names = try file.strings("/features/names")
        guard names == metadata.features, !names.isEmpty else {
            throw .corrupted("Model file \(file.path): /features/names (\(names.count)) disagrees with the metadata's "
                + "\(metadata.features.count) features.")
        }
        return metadata
    }
}
