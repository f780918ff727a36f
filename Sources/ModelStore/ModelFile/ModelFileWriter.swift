import HDF5Kit
import NumericCore

/// Writes a model file's groups, datasets and attributes while recording the checksum of each,
/// then seals the file with `content_sha256`.
///
/// Every dataset is stored contiguous and uncompressed (format 3): a loader then reads node
/// arrays straight into the arrays it builds, in parallel, at the speed of the page cache.
/// Format 2 deflated arrays over 64 KiB, which made loading a 200 MB forest take 2.5 s of
/// CPU, half of it in zlib; format 3 keeps files small by storing less instead (level order
/// without child indices, narrow feature types, packed NaN directions; docs/model-format.md).
final class ModelFileWriter {
    private let file: HDF5File
    private var entries: [(path: String, sha256: String)] = []

    /// Starts the file that `finish()` publishes at `path` atomically.
    init(path: String) throws(HDF5Error) {
        file = try HDF5File.create(at: path)
    }

    /// The root group.
    var root: HDF5Group { file.root }

    /// Creates group `name` under `parent`.
    func group(_ name: String, in parent: HDF5Group) throws(HDF5Error) -> HDF5Group {
        try parent.createGroup(name)
    }

    /// Writes numeric dataset `name` in `group` with its `sha256` attribute.
    func write<T: HDF5Scalar>(_ values: [T], shape: [Int]? = nil, to name: String, in group: HDF5Group) throws(HDF5Error) {
        try group.write(values, shape: shape, to: name)
        try seal(name, in: group, sha256: Digest.sha256Hex(ofValues: values))
    }

    /// Writes text dataset `name` in `group` with its `sha256` attribute.
    func writeStrings(_ values: [String], to name: String, in group: HDF5Group) throws(HDF5Error) {
        try group.writeStrings(values, to: name)
        try seal(name, in: group, sha256: StoredArray.text(values).sha256)
    }

    /// Sets attribute `name` on `group` (or its member `object`) and records its checksum.
    func setAttribute(_ name: String, _ value: StoredAttribute, on group: HDF5Group, object: String = ".") throws(HDF5Error) {
        switch value {
        case .text(let text): try group.setAttribute(name, text, on: object)
        case .integer(let integer): try group.setAttribute(name, integer, on: object)
        case .float(let float): try group.setAttribute(name, float, on: object)
        }
        let objectPath = object == "." ? group.path : Self.join(group.path, object)
        entries.append((objectPath + "@" + name, value.sha256))
    }

    /// Writes `content_sha256`, publishes the file at its path and returns the content digest.
    /// - Throws: `HDF5Error`, or `DurableFileError` naming the path when it cannot be written.
    func finish() throws -> String {
        let content = Self.contentDigest(entries)
        try file.root.setAttribute(ModelFileLayout.contentAttribute, content)
        try file.close()
        return content
    }

    /// SHA-256 over the lines `path<TAB>sha256<LF>` sorted by path bytes.
    static func contentDigest(_ entries: [(path: String, sha256: String)]) -> String {
        let lines = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .map { "\($0.path)\t\($0.sha256)\n" }.joined()
        return Digest.sha256Hex(Array(lines.utf8))
    }

    static func join(_ group: String, _ member: String) -> String {
        group == "/" ? "/" + member : group + "/" + member
    }

    private func seal(_ name: String, in group: HDF5Group, sha256: String) throws(HDF5Error) {
        try group.setAttribute(ModelFileLayout.checksumAttribute, sha256, on: name)
        entries.append((Self.join(group.path, name), sha256))
    }
}
