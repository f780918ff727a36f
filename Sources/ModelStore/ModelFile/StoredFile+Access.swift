import NumericCore

extension StoredFile {
    /// Hashes every streamed dataset front to back and compares it with its recorded `sha256`;
    /// returns the first failure, naming the file and dataset, or nil when all match.
    func streamedChecksumFailure() -> ModelStoreError? {
        guard let reader else { return streamed.isEmpty ? nil : .corrupted("Model file \(path) was not opened for reading.") }
        for dataset in streamed.values.sorted(by: { $0.path < $1.path }) {
            var hasher = Digest.Hasher()
            do {
                // 256 KiB blocks: the block is part of a large model's peak memory while it loads.
                try reader.forEachBlock(of: dataset.extent, blockBytes: 256 << 10) { hasher.update($0) }
            } catch {
                return .corrupted("Model file \(path): dataset \(dataset.path) cannot be read: \(error.message).")
            }
            let computed = hasher.finalizeHex()
            guard computed == dataset.recordedSHA256 else {
                return .corrupted("Model file \(path): dataset \(dataset.path) fails its checksum "
                    + "(recorded \(dataset.recordedSHA256), computed \(computed)); the file is corrupted or was modified.")
            }
        }
        return nil
    }

    /// Verifies the streamed datasets, for readers that use the file without building its trees.
    /// - Throws: `ModelStoreError.corrupted` naming the first dataset that fails its checksum.
    func verifyStreamed() throws(ModelStoreError) {
        if let failure = streamedChecksumFailure() { throw failure }
    }

    /// Whether dataset `path` exists.
    func has(_ path: String) -> Bool {
        arrays[path] != nil
    }

    /// The shape of dataset `path`.
    /// - Throws: `ModelStoreError.corrupted` when it is absent.
    func shape(_ path: String) throws(ModelStoreError) -> [Int] {
        try array(path).shape
    }

    /// Dataset `path` as int32, checked to hold `count` values when given.
    func int32s(_ path: String, count: Int? = nil) throws(ModelStoreError) -> [Int32] {
        guard case .int32(let values) = try array(path).values else { throw typeError(path, "int32") }
        try check(path, values.count, count)
        return values
    }

    /// Dataset `path` as int64, checked to hold `count` values when given.
    func int64s(_ path: String, count: Int? = nil) throws(ModelStoreError) -> [Int64] {
        guard case .int64(let values) = try array(path).values else { throw typeError(path, "int64") }
        try check(path, values.count, count)
        return values
    }

    /// Dataset `path` as uint8, checked to hold `count` values when given.
    func uint8s(_ path: String, count: Int? = nil) throws(ModelStoreError) -> [UInt8] {
        guard case .uint8(let values) = try array(path).values else { throw typeError(path, "uint8") }
        try check(path, values.count, count)
        return values
    }

    /// Dataset `path` as float32, checked to hold `count` values when given.
    func floats(_ path: String, count: Int? = nil) throws(ModelStoreError) -> [Float] {
        guard case .float32(let values) = try array(path).values else { throw typeError(path, "float32") }
        try check(path, values.count, count)
        return values
    }

    /// Dataset `path` as float64, checked to hold `count` values when given.
    func doubles(_ path: String, count: Int? = nil) throws(ModelStoreError) -> [Double] {
        guard case .float64(let values) = try array(path).values else { throw typeError(path, "float64") }
        try check(path, values.count, count)
        return values
    }

    /// Dataset `path` as text, checked to hold `count` values when given.
    func strings(_ path: String, count: Int? = nil) throws(ModelStoreError) -> [String] {
        guard case .text(let values) = try array(path).values else { throw typeError(path, "text") }
        try check(path, values.count, count)
        return values
    }

    /// Text attribute `key` (`/group@name`).
    func text(_ key: String) throws(ModelStoreError) -> String {
        guard case .text(let value)? = attributes[key] else { throw attributeError(key, "text") }
        return value
    }

    /// Integer attribute `key`, checked to lie in `range`.
    func integer(_ key: String, in range: ClosedRange<Int64>) throws(ModelStoreError) -> Int {
        guard case .integer(let value)? = attributes[key] else { throw attributeError(key, "an integer") }
        guard range.contains(value) else {
            throw .corrupted("Model file \(path): attribute \(key) is \(value); expected \(range.lowerBound)…\(range.upperBound).")
        }
        return Int(value)
    }

    /// Float attribute `key`, checked to be finite.
    func float(_ key: String) throws(ModelStoreError) -> Double {
        guard case .float(let value)? = attributes[key] else { throw attributeError(key, "a float") }
        guard value.isFinite else { throw .corrupted("Model file \(path): attribute \(key) is \(value); expected a finite number.") }
        return value
    }

    private func array(_ path: String) throws(ModelStoreError) -> (values: StoredArray, shape: [Int]) {
        guard let array = arrays[path] else {
            throw .corrupted("Model file \(self.path) has no dataset \(path).")
        }
        return array
    }

    private func check(_ path: String, _ actual: Int, _ expected: Int?) throws(ModelStoreError) {
        if let expected, actual != expected {
            throw .corrupted("Model file \(self.path): dataset \(path) has \(actual) values; expected \(expected).")
        }
    }

    private func typeError(_ path: String, _ expected: String) -> ModelStoreError {
        .corrupted("Model file \(self.path): dataset \(path) holds \(arrays[path]?.values.typeName ?? "nothing"); expected \(expected).")
    }

    private func attributeError(_ key: String, _ expected: String) -> ModelStoreError {
        .corrupted("Model file \(path): attribute \(key) is \(attributes[key] == nil ? "missing" : "of another type"); expected \(expected).")
    }
}
