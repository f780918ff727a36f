import Foundation
import TestSupport
@testable import Datasets

/// Temporary CSV files for the CSV tests: write text or bytes, read it back.
enum CSVTestFiles {
    /// Writes `bytes` to a new file named `name` in a fresh temporary directory; returns its path.
    static func write(_ bytes: [UInt8], name: String = "data.csv") throws -> String {
        let directory = try TestSupport.makeTemporaryDirectory("csv-test")
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `text` as UTF-8; returns its path.
    static func write(_ text: String, name: String = "data.csv") throws -> String {
        try write(Array(text.utf8), name: name)
    }

    /// Writes `text` and reads it back with `options`.
    static func read(_ text: String, options: CSVReadOptions = CSVReadOptions()) throws -> Dataset {
        try CSVReader.read(path: write(text), options: options)
    }

    /// The error that reading `bytes` with `options` throws, with the path replaced by "data.csv".
    static func error(reading bytes: [UInt8], options: CSVReadOptions = CSVReadOptions()) throws -> DatasetError? {
        let path = try write(bytes)
        do {
            _ = try CSVReader.read(path: path, options: options)
            return nil
        } catch {
            return error.replacingPath(path, with: "data.csv")
        }
    }

    /// The error that reading `text` throws, with the path replaced by "data.csv".
    static func error(reading text: String, options: CSVReadOptions = CSVReadOptions()) throws -> DatasetError? {
        try error(reading: Array(text.utf8), options: options)
    }
}

extension DatasetError {
    /// The same error with `path` shown as `name`, so expected messages need no temporary path.
    func replacingPath(_ path: String, with name: String) -> DatasetError {
        switch self {
        case .inputMissing(let found, let reason):
            .inputMissing(path: found == path ? name : found, reason: reason)
        case .malformed(let found, let line, let column, let reason):
            .malformed(path: found == path ? name : found, line: line, column: column, reason: reason)
        case .cannotWrite(let found, let reason):
            .cannotWrite(path: found == path ? name : found, reason: reason)
        case .missingColumn, .invalid, .unsupportedFormat:
            self
        }
    }
}

extension Column {
    /// The numeric values, or nil for a text column.
    var numbers: [Double]? {
        if case .numeric(let values) = data { values } else { nil }
    }

    /// The text values, or nil for a numeric column.
    var texts: [String?]? {
        if case .text(let values) = data { values } else { nil }
    }
}
