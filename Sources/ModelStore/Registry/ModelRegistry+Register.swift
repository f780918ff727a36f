import DurableFiles
import Foundation

extension ModelRegistry {
    /// Registers a new version of model `name` whose file `write` produces, and returns its record.
    ///
    /// Under the model's lock: picks the next version number (never reused,
    /// even after gc or a crashed writer), stamps `metadata` with name,
    /// version and parent (the latest version), lets `write` publish the model
    /// file at `v<N>.h5` atomically (DurableFiles: hidden temporary, fsync,
    /// rename, folder fsync), hashes it, then replaces the index. A crash at any
    /// point leaves the registry as it was, plus at most a hidden temporary
    /// file that the next writer removes (`StaleTemporaries`, dead owners only).
    ///
    /// - Parameters:
    ///   - write: writes the model file for the stamped metadata atomically at the path it
    ///     receives (`ModelFile.write`) and returns the file's `content_sha256`.
    /// - Throws: `ModelStoreError.invalidReference` for a bad name, `.busy` when
    ///   the lock times out, `.cannotWrite` when writing fails, or what `write` throws.
    public func register(
        name: String, metadata: ModelMetadata,
        write: (_ path: String, _ metadata: ModelMetadata) throws -> String
    ) throws(ModelStoreError) -> ModelVersion {
        try ModelReference.validateName(name)
        return try withLock(name, creating: true) { () throws(ModelStoreError) -> ModelVersion in
            var index = try existingIndex(of: name) ?? RegistryIndex(name: name)
            StaleTemporaries.sweep(try containedPath(name))
            let number = max(index.nextVersion, (index.removed.map(\.version).max() ?? 0) + 1,
                             (try versionFilesOnDisk(of: name).max() ?? 0) + 1)
            var stamped = metadata
            stamped.name = name
            stamped.version = number
            stamped.parentVersion = index.versions.last?.version
            let fileName = "v\(number).h5"
            let path = try containedPath(name, fileName)
            let content: String
            do {
                content = try write(path, stamped)
            } catch let error as ModelStoreError {
                throw error
            } catch {
                throw .cannotWrite("Cannot write \(name)@v\(number) to \(path): \(error)")
            }
            let digest = try FileSystem.sha256(ofFile: path)
            let entry = ModelVersion(
                version: number, file: fileName, fileSHA256: digest.hex, bytes: digest.bytes,
                contentSHA256: content, registeredUTC: TrainingEnvironment.nowUTC(), metadata: stamped)
            index.versions.append(entry)
            index.nextVersion = number + 1
            do throws(ModelStoreError) {
                try store(index)
            } catch {
                try? FileSystem.remove(path)
                throw error
            }
            return entry
        }
    }

    /// Version numbers of the `v<N>.h5` files in the model's folder, registered or not.
    func versionFilesOnDisk(of name: String) throws(ModelStoreError) -> [Int] {
        FileSystem.contents(of: try containedPath(name)).compactMap { file in
            guard file.hasPrefix("v"), file.hasSuffix(".h5") else { return nil }
            return Int(file.dropFirst().dropLast(3))
        }
    }

    /// Temporaries in the model's folder whose writer died, for `verify` to report
    /// (a live writer's temporary is work in progress, not a leftover).
    func temporaryFiles(of name: String) throws(ModelStoreError) -> [String] {
        StaleTemporaries.find(try containedPath(name))
    }
}
