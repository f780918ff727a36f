import HDF5Kit

/// A model file read and checked: every dataset against its `sha256` attribute, and all
/// checksums together against `content_sha256`.
///
/// Small datasets and every attribute are read and verified here, up front. The node arrays
/// of a format-3 tree ensemble (`TreeEnsembleCodec.isStreamed`) are only located here:
/// `TreeEnsembleCodec` reads them straight into the trees it builds while hashing them on
/// another thread, and verifies each against its `sha256` before the model is returned, so a
/// file is still either wholly verified or rejected before any of it is used.
struct StoredFile {
    /// A dataset left in the file to be read where it is used, with its recorded checksum.
    struct StreamedDataset {
        /// The dataset's absolute path, e.g. `/forest/threshold`.
        let path: String
        /// Where its values lie in the file.
        let extent: HDF5ContiguousExtent
        /// Its `sha256` attribute (covered by the verified `content_sha256`).
        let recordedSHA256: String
    }

    /// The file path, for messages.
    let path: String
    /// The file's `format_version_major`.
    private(set) var formatMajor: Int64 = 0
    /// The file's `format_version_minor`.
    private(set) var formatMinor: Int64 = 0
    /// Datasets located but not read, by absolute path (format-3 node arrays).
    private(set) var streamed: [String: StreamedDataset] = [:]
    /// Reads the streamed datasets from the file that was verified (its own descriptor).
    private(set) var reader: HDF5ContiguousReader?
    /// Datasets by absolute path (`/forest/threshold`) with their shapes.
    private(set) var arrays: [String: (values: StoredArray, shape: [Int])] = [:]
    /// Scalar attributes by `objectPath@name` (`/@algorithm`, `/forest@n_trees`).
    private(set) var attributes: [String: StoredAttribute] = [:]
    /// The verified `content_sha256`.
    private(set) var contentSHA256 = ""

    /// Reads and verifies the file at `path`.
    /// - Throws: `ModelStoreError.notFound` when the system cannot open it (missing, unreadable, a
    ///   directory), `.corrupted` when it is not HDF5 (truncated, random, another format), for a
    ///   foreign format, an unsupported major version, a checksum mismatch or an unreadable object.
    init(path: String) throws(ModelStoreError) {
        self.path = path
        try FileSystem.checkReadableFile(path, what: "Model file")
        let file: HDF5File
        do {
            file = try HDF5File.open(at: path)
        } catch {
            throw .corrupted("Model file \(path) is not a readable HDF5 file (truncated, damaged or another format).")
        }
        defer { try? file.close() }
        do {
            try checkFormat(file.root)
            reader = try HDF5ContiguousReader(file)
            var entries: [(path: String, sha256: String)] = []
            try walk(file.root, entries: &entries)
            guard case .text(let recorded)? = attributes["/@" + ModelFileLayout.contentAttribute] else {
                throw ModelStoreError.corrupted("Model file \(path) has no content_sha256 attribute.")
            }
            let computed = ModelFileWriter.contentDigest(entries)
            guard computed == recorded else {
                throw ModelStoreError.corrupted(
                    "Model file \(path) fails its content checksum (content_sha256 \(recorded), computed \(computed)): "
                        + "an attribute was changed or an object added or removed.")
            }
            contentSHA256 = recorded
        } catch let error as ModelStoreError {
            throw error
        } catch {
            throw .corrupted("Model file \(path) is damaged: \(error).")
        }
    }

    private mutating func checkFormat(_ root: HDF5Group) throws {
        let format = try root.stringAttribute("format")
        guard format == ModelFileLayout.format else {
            throw ModelStoreError.corrupted("\(path) is not a Workbench model file (format attribute "
                + "\(format.map { "'\($0)'" } ?? "missing"); expected '\(ModelFileLayout.format)').")
        }
        let major = try root.numericAttribute("format_version_major", as: Int64.self)
        guard let major, ModelFileLayout.readableMajorVersions.contains(major) else {
            let versions = ModelFileLayout.readableMajorVersions
            throw ModelStoreError.corrupted("Model file \(path) has format version "
                + "\(major.map(String.init) ?? "missing"); this Workbench reads major versions "
                + "\(versions.lowerBound)…\(versions.upperBound).")
        }
        formatMajor = major
        formatMinor = try root.numericAttribute("format_version_minor", as: Int64.self) ?? 0
    }

    private mutating func walk(_ group: HDF5Group, entries: inout [(path: String, sha256: String)]) throws {
        try readAttributes(of: group, object: ".", objectPath: group.path, entries: &entries, isDataset: false)
        for name in try group.memberNames() {
            let memberPath = ModelFileWriter.join(group.path, name)
            switch try group.kind(of: name) {
            case .group:
                try walk(try group.group(name), entries: &entries)
            case .dataset:
                guard let recorded = try group.stringAttribute(ModelFileLayout.checksumAttribute, on: name) else {
                    throw ModelStoreError.corrupted("Model file \(path): dataset \(memberPath) has no sha256 attribute.")
                }
                if TreeEnsembleCodec.isStreamed(memberPath, formatMajor: formatMajor, algorithm: attributes["/@algorithm"]) {
                    guard let extent = try group.contiguousExtent(of: name) else {
                        throw ModelStoreError.corrupted("Model file \(path): dataset \(memberPath) is not stored contiguous and "
                            + "uncompressed, as format \(formatMajor) stores node arrays.")
                    }
                    streamed[memberPath] = StreamedDataset(path: memberPath, extent: extent, recordedSHA256: recorded)
                    entries.append((memberPath, recorded))
                    try readAttributes(of: group, object: name, objectPath: memberPath, entries: &entries, isDataset: true)
                    continue
                }
                let array = try readArray(name, in: group, memberPath: memberPath)
                let computed = array.values.sha256
                guard computed == recorded else {
                    throw ModelStoreError.corrupted("Model file \(path): dataset \(memberPath) fails its checksum "
                        + "(recorded \(recorded), computed \(computed)); the file is corrupted or was modified.")
                }
                arrays[memberPath] = array
                entries.append((memberPath, recorded))
                try readAttributes(of: group, object: name, objectPath: memberPath, entries: &entries, isDataset: true)
            case .other:
                throw ModelStoreError.corrupted("Model file \(path): \(memberPath) is neither a group nor a dataset.")
            }
        }
    }

    private mutating func readAttributes(
        of group: HDF5Group, object: String, objectPath: String,
        entries: inout [(path: String, sha256: String)], isDataset: Bool
    ) throws {
        for name in try group.attributeNames(on: object) {
            if isDataset && name == ModelFileLayout.checksumAttribute { continue }
            let key = objectPath + "@" + name
            let value: StoredAttribute
            switch try group.attributeKind(name, on: object) {
            case .text?:
                value = .text(try group.stringAttribute(name, on: object) ?? "")
            case .integer?:
                value = .integer(try group.numericAttribute(name, on: object, as: Int64.self) ?? 0)
            case .float?:
                value = .float(try group.numericAttribute(name, on: object, as: Double.self) ?? 0)
            default:
                throw ModelStoreError.corrupted("Model file \(path): attribute \(key) has an unsupported type.")
            }
            attributes[key] = value
            if key != "/@" + ModelFileLayout.contentAttribute {
                entries.append((key, value.sha256))
            }
        }
    }

    private func readArray(_ name: String, in group: HDF5Group, memberPath: String) throws -> (values: StoredArray, shape: [Int]) {
        switch try group.datasetKind(name) {
        case .text:
            let values = try group.readStrings(name)
            return (.text(values), [values.count])
        case .integer(bytes: 4, signed: true):
            let array = try group.read(name, as: Int32.self)
            return (.int32(array.values), array.shape)
        case .integer(bytes: 8, signed: true):
            let array = try group.read(name, as: Int64.self)
            return (.int64(array.values), array.shape)
        case .integer(bytes: 1, signed: false):
            let array = try group.read(name, as: UInt8.self)
            return (.uint8(array.values), array.shape)
        case .float(bytes: 4):
            let array = try group.read(name, as: Float.self)
            return (.float32(array.values), array.shape)
        case .float(bytes: 8):
            let array = try group.read(name, as: Double.self)
            return (.float64(array.values), array.shape)
        case let kind:
            throw ModelStoreError.corrupted("Model file \(path): dataset \(memberPath) holds \(kind); "
                + "model files use int32, int64, uint8, float32, float64 or text.")
        }
    }
}
