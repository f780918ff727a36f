import HDF5Kit

/// A model file read completely and checked: every dataset against its `sha256`
/// attribute, and all checksums together against `content_sha256`.
///
/// Reading everything once, up front, means a file is either wholly
/// verified or rejected before any of it is used, and nothing is read twice.
struct StoredFile {
    /// The file path, for messages.
    let path: String
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

    private func checkFormat(_ root: HDF5Group) throws {
        let format = try root.stringAttribute("format")
        guard format == ModelFileLayout.format else {
            throw ModelStoreError.corrupted("\(path) is not a Workbench model file (format attribute "
                + "\(format.map { "'\($0)'" } ?? "missing"); expected '\(ModelFileLayout.format)').")
        }
        let major = try root.numericAttribute("format_version_major", as: Int64.self)
        guard major == ModelFileLayout.majorVersion else {
            throw ModelStoreError.corrupted("Model file \(path) has format version "
                + "\(major.map(String.init) ?? "missing"); this Workbench reads major version \(ModelFileLayout.majorVersion).")
        }
    }

    private mutating func walk(_ group: HDF5Group, entries: inout [(path: String, sha256: String)]) throws {
        try readAttributes(of: group, object: ".", objectPath: group.path, entries: &entries, isDataset: false)
        for name in try group.memberNames() {
            let memberPath = ModelFileWriter.join(group.path, name)
            switch try group.kind(of: name) {
            case .group:
                try walk(try group.group(name), entries: &entries)
            case .dataset:
                let array = try readArray(name, in: group, memberPath: memberPath)
                guard let recorded = try group.stringAttribute(ModelFileLayout.checksumAttribute, on: name) else {
                    throw ModelStoreError.corrupted("Model file \(path): dataset \(memberPath) has no sha256 attribute.")
                }
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
