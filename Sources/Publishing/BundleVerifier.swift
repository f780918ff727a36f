import Foundation

/// Checks a published bundle against the manifest hash a pointer pins: the manifest's own SHA-256, then every
/// file's size and SHA-256. Reading only; never repairs.
enum BundleVerifier {
    /// What the check found.
    struct Result {
        /// The manifest, when it could be read and decoded.
        var manifest: BundleManifest?
        /// The SHA-256 of `manifest.json`, when it exists.
        var manifestSHA256: String?
        /// Sentences naming each problem; empty when the bundle is whole.
        var problems: [String]
    }

    /// Verifies the bundle folder `directory` of model `name`, version `version`.
    /// - Parameter manifestSHA256: the pinned hash; nil checks the files against whatever manifest is there.
    static func verify(_ directory: String, name: String, version: Int, manifestSHA256: String?) -> Result {
        verify(label: directory, name: name, version: version, manifestSHA256: manifestSHA256) { path in
            (try? JSONFiles.read(directory + "/" + path)) ?? nil
        }
    }

    /// Verifies the bundle whose files `read` returns by bundle path (nil = missing); `label` prefixes paths
    /// in messages (a folder, or `database:NAME@vN`).
    static func verify(
        label: String, name: String, version: Int, manifestSHA256: String?, read: (String) -> Data?
    ) -> Result {
        var result = Result(manifest: nil, manifestSHA256: nil, problems: [])
        let manifestPath = label + "/manifest.json"
        guard let bytes = read("manifest.json") else {
            result.problems.append("\(manifestPath) is missing or unreadable.")
            return result
        }
        let digest = JSONFiles.sha256(bytes)
        result.manifestSHA256 = digest
        if let manifestSHA256, digest != manifestSHA256 {
            result.problems.append("\(manifestPath) has SHA-256 \(digest); the pointer pins \(manifestSHA256).")
        }
        guard let manifest = try? JSONFiles.decode(BundleManifest.self, from: bytes, path: manifestPath) else {
            result.problems.append("\(manifestPath) is not a valid bundle manifest.")
            return result
        }
        result.manifest = manifest
        if manifest.name != name || manifest.version != version {
            result.problems.append("\(manifestPath) describes \(manifest.name)@v\(manifest.version); "
                + "expected \(name)@v\(version).")
        }
        for required in ["model.h5", "thresholds.json", "selftest.csv"]
        where !manifest.files.contains(where: { $0.path == required }) {
            result.problems.append("\(manifestPath) does not list \(required).")
        }
        for file in manifest.files {
            guard !file.path.contains("/"), !file.path.hasPrefix(".") else {
                result.problems.append("\(manifestPath) lists a path outside the bundle: \(file.path).")
                continue
            }
            let path = label + "/" + file.path
            guard let content = read(file.path) else {
                result.problems.append("\(path) is missing or unreadable.")
                continue
            }
            if content.count != file.bytes {
                result.problems.append("\(path) has \(content.count) bytes; the manifest records \(file.bytes).")
            } else if JSONFiles.sha256(content) != file.sha256 {
                result.problems.append("\(path) has SHA-256 \(JSONFiles.sha256(content)); the manifest records \(file.sha256).")
            }
        }
        return result
    }
}
