import Datasets
import DurableFiles
import Foundation

/// Writes a pulled data set and its lineage, atomically.
///
/// - `.h5` / `.hdf5`: the Workbench HDF5 data-set layout
///   (docs/dataset-format.md) with the lineage as root attributes: one per
///   lineage field (snake_case name; text as is, other values as JSON), the
///   format's own `row_count` standing for the lineage's.
/// - `.csv`: the data through `CSVWriter` (header of column names, empty cell
///   for missing) and the lineage as `FILE.lineage.json` beside it.
///
/// Nothing appears at the destination unless everything was written: the
/// sidecar is published just before the data file, and removed again if the
/// data file cannot be published.
public enum PullOutput {
    /// The file formats a pull can write, chosen by extension.
    public enum Format: String, Sendable, CaseIterable {
        /// Comma-separated values with a `.lineage.json` sidecar.
        case csv
        /// HDF5 with lineage attributes.
        case hdf5

        /// The format for `path`'s extension.
        /// - Throws: `MetricsSourceError.invalidRequest` for another extension.
        public init(path: String) throws(MetricsSourceError) {
            switch FileFormat(path: path) {
            case .csv: self = .csv
            case .hdf5: self = .hdf5
            case .json, nil:
                throw .invalidRequest("The output '\(path.truncatedForMessage(120))' must end in .h5, .hdf5 or .csv.")
            }
        }
    }

    /// The sidecar path of a CSV output: `FILE.lineage.json`.
    public static func lineagePath(for path: String) -> String { path + ".lineage.json" }

    /// Writes `result` to `path` in the format its extension names.
    /// - Throws: `MetricsSourceError.invalidRequest` for an unknown extension,
    ///   `.cannotWrite` naming the path and the reason.
    public static func write(_ result: PullResult, to path: String) throws(MetricsSourceError) {
        switch try Format(path: path) {
        case .csv: try writeCSV(result, to: path)
        case .hdf5: try writeHDF5(result, to: path)
        }
    }

    /// The lineage as HDF5 root attributes: snake_case field names, text as is,
    /// other values as JSON; `row_count` is left to the data-set format.
    public static func lineageAttributes(_ lineage: PullLineage) throws(MetricsSourceError) -> [String: String] {
        let json = try lineageJSON(lineage)
        guard let fields = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw .cannotWrite(path: "lineage", reason: "the lineage JSON does not read back as an object.")
        }
        var attributes: [String: String] = [:]
        for (key, value) in fields where !Dataset.reservedHDF5AttributeNames.contains(key) {
            if let text = value as? String {
                attributes[key] = text
            } else if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) {
                attributes[key] = String(decoding: data, as: UTF8.self)
            }
        }
        return attributes
    }

    private static func writeHDF5(_ result: PullResult, to path: String) throws(MetricsSourceError) {
        let attributes = try lineageAttributes(result.lineage)
        do {
            try result.dataset.writeHDF5(to: path, attributes: attributes)
        } catch {
            if case .cannotWrite(let path, let reason) = error { throw .cannotWrite(path: path, reason: reason) }
            throw .cannotWrite(path: path, reason: error.description)
        }
    }

    /// The lineage as pretty, key-sorted JSON with snake_case keys.
    public static func lineageJSON(_ lineage: PullLineage) throws(MetricsSourceError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return Array(try encoder.encode(lineage)) + [0x0A]
        } catch {
            throw .cannotWrite(path: "lineage", reason: "the lineage cannot be encoded as JSON: \(error)")
        }
    }

    private static func writeCSV(_ result: PullResult, to path: String) throws(MetricsSourceError) {
        let sidecar = lineagePath(for: path)
        do {
            let writer = try CSVWriter(path: path, header: result.dataset.columnNames)
            try writer.writeRows(of: result.dataset)
            try publish(lineageJSON(result.lineage), to: sidecar)
            do {
                try writer.commit()
            } catch {
                unlink(sidecar)
                throw error
            }
        } catch let error as DatasetError {
            if case .cannotWrite(let path, let reason) = error { throw .cannotWrite(path: path, reason: reason) }
            throw .cannotWrite(path: path, reason: error.description)
        } catch let error as MetricsSourceError {
            throw error
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    private static func publish(_ bytes: [UInt8], to path: String) throws(MetricsSourceError) {
        do {
            try AtomicFile.write(bytes: bytes, to: path)
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
    }
}
