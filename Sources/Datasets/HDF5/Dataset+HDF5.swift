#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DurableFiles
import HDF5Kit

// The HDF5 layout of a data set (docs/dataset-format.md), chosen so that h5py
// and numpy alone read it back:
//
//   /                   attributes: workbench_format = "dataset",
//                       workbench_format_version = 1 (int64), row_count (int64),
//                       and free-form text attributes (lineage: source, query, sha256…)
//   /column_names       variable-length UTF-8 strings, one per column, in order
//   /column_kinds       "numeric" or "text", one per column
//   /columns/<i>        column i: float64 (NaN = missing) or variable-length UTF-8
//   /missing/<i>        uint8, for text column i only: 1 = missing (its string is "")
//
// Columns are stored under their index, not their name: names may hold '/'
// or '.', which HDF5 link names cannot.

extension Dataset {
    /// Root attributes that the format itself uses; free-form attributes may not take these names.
    public static let reservedHDF5AttributeNames: Set<String> = ["workbench_format", "workbench_format_version", "row_count"]

    /// The format version written, and the only one read.
    static let hdf5FormatVersion: Int64 = 1

    /// Writes the data set to `path` as HDF5, atomically (temporary file, fsync, rename, directory fsync).
    ///
    /// - Parameters:
    ///   - path: The destination; replaced whole or left as it was.
    ///   - attributes: Free-form text attributes stored on the root group, for
    ///     lineage such as `source`, `query`, `sha256`; default none.
    /// - Throws: `DatasetError.invalid` for an attribute name in
    ///   `reservedHDF5AttributeNames`; `DatasetError.cannotWrite` when the
    ///   directory is missing or not writable, or HDF5 fails (a text value
    ///   holding NUL, a full disk).
    /// - Complexity: O(rows × columns).
    public func writeHDF5(to path: String, attributes: [String: String] = [:]) throws(DatasetError) {
        if let reserved = attributes.keys.sorted().first(where: Self.reservedHDF5AttributeNames.contains) {
            throw .invalid("Attribute name '\(reserved)' is reserved by the HDF5 data-set format; choose another name.")
        }
        do {
            try OutputPaths.checkWritable(path)
            let file = try HDF5File.create(at: path)
            try writeLayout(into: file.root, attributes: attributes)
            try file.close()
        } catch let error as HDF5Error {
            throw .cannotWrite(path: path, reason: error.message)
        } catch let error as DurableFileError {
            throw .cannotWrite(path: error.path, reason: error.reason)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    /// Reads a data set written by `writeHDF5(to:attributes:)` (or by any tool following docs/dataset-format.md).
    /// - Throws: `DatasetError.inputMissing` when the file cannot be opened;
    ///   `DatasetError.malformed` when it is not HDF5, not a Workbench data set,
    ///   of another format version, inconsistent (lengths, kinds, names), or holds an
    ///   infinite number (refused as the CSV reader refuses `inf`), naming the column and row.
    /// - Complexity: O(rows × columns).
    public static func readHDF5(path: String) throws(DatasetError) -> Dataset {
        try withDatasetFile(path) { (root) throws(DatasetError) -> Dataset in
            try readLayout(from: root, path: path)
        }
    }

    /// The free-form text attributes of the data set at `path` (lineage), without reading its columns.
    /// Attributes that are not text are left out.
    /// - Throws: as `readHDF5(path:)`.
    public static func readHDF5Attributes(path: String) throws(DatasetError) -> [String: String] {
        try withDatasetFile(path) { (root) throws(DatasetError) -> [String: String] in
            do throws(HDF5Error) {
                var attributes: [String: String] = [:]
                for name in try root.attributeNames() where !reservedHDF5AttributeNames.contains(name) {
                    if let value = try? root.stringAttribute(name) { attributes[name] = value }
                }
                return attributes
            } catch {
                throw .malformed(path: path, line: nil, column: nil, reason: error.message)
            }
        }
    }

    private func writeLayout(into root: HDF5Group, attributes: [String: String]) throws(HDF5Error) {
        try root.setAttribute("workbench_format", "dataset")
        try root.setAttribute("workbench_format_version", Self.hdf5FormatVersion)
        try root.setAttribute("row_count", Int64(rowCount))
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            try root.setAttribute(name, value)
        }
        try root.writeStrings(columnNames, to: "column_names")
        try root.writeStrings(columns.map { if case .text = $0.data { "text" } else { "numeric" } }, to: "column_kinds")
        let values = try root.createGroup("columns")
        let missing = try root.createGroup("missing")
        for (index, column) in columns.enumerated() {
            switch column.data {
            case .numeric(let numbers):
                try values.write(numbers, to: String(index))
            case .text(let texts):
                try values.writeStrings(texts.map { $0 ?? "" }, to: String(index))
                try missing.write(texts.map { $0 == nil ? UInt8(1) : 0 }, to: String(index))
            }
        }
    }

    private static func readLayout(from root: HDF5Group, path: String) throws(DatasetError) -> Dataset {
        func malformed(_ reason: String) -> DatasetError {
            .malformed(path: path, line: nil, column: nil, reason: reason)
        }
        do {
            guard let rowCount = try root.numericAttribute("row_count", as: Int64.self), rowCount >= 0 else {
                throw malformed("the root attribute 'row_count' is missing or negative.")
            }
            let names = try root.readStrings("column_names")
            let kinds = try root.readStrings("column_kinds")
            guard kinds.count == names.count else {
                throw malformed("'column_kinds' has \(kinds.count) entries; 'column_names' has \(names.count).")
            }
            let values = try root.group("columns")
            var columns: [Column] = []
            for (index, name) in names.enumerated() {
                let data: ColumnData
                switch kinds[index] {
                case "numeric":
                    let numbers = try values.read(String(index), as: Double.self).values
                    if let row = numbers.firstIndex(where: \.isInfinite) {
                        throw DatasetError.malformed(
                            path: path, line: nil, column: name,
                            reason: "row \(row + 1) (/columns/\(index)[\(row)]) is \(numbers[row] < 0 ? "-inf" : "inf"); "
                                + "values must be finite (store NaN when missing).")
                    }
                    data = .numeric(numbers)
                case "text":
                    let texts = try values.readStrings(String(index))
                    let mask = try root.group("missing").read(String(index), as: UInt8.self).values
                    guard mask.count == texts.count else {
                        throw malformed("column '\(name)' has \(texts.count) values but \(mask.count) missing flags.")
                    }
                    data = .text(zip(texts, mask).map { $1 == 0 ? $0 : nil })
                default:
                    throw malformed("column '\(name)' has kind '\(kinds[index])'; expected 'numeric' or 'text'.")
                }
                let column = Column(name: name, data: data)
                guard column.count == rowCount else {
                    throw malformed("column '\(name)' has \(column.count) values; 'row_count' says \(rowCount).")
                }
                columns.append(column)
            }
            do {
                return try Dataset(columns: columns)
            } catch {
                throw malformed(error.description)
            }
        } catch let error as DatasetError {
            throw error
        } catch let error as HDF5Error {
            throw malformed(error.message)
        } catch {
            throw malformed("\(error)")
        }
    }

    /// Opens `path` as a Workbench HDF5 data set of a known version and calls `body` with its root group.
    private static func withDatasetFile<R>(
        _ path: String, _ body: (HDF5Group) throws(DatasetError) -> R
    ) throws(DatasetError) -> R {
        // Opening it ourselves first turns a missing file into the system's own reason.
        _ = try InputFile(path: path)
        let file: HDF5File
        do {
            file = try HDF5File.open(at: path)
        } catch {
            throw .malformed(path: path, line: nil, column: nil, reason: "not an HDF5 file.")
        }
        let format = try? file.root.stringAttribute("workbench_format")
        guard format == "dataset" else {
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "not a Workbench data set: the root attribute 'workbench_format' is not 'dataset'.")
        }
        let version = try? file.root.numericAttribute("workbench_format_version", as: Int64.self)
        guard version == hdf5FormatVersion else {
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "data-set format version \(version.map(String.init) ?? "(none)") is not supported; this Workbench reads version \(hdf5FormatVersion).")
        }
        return try body(file.root)
    }
}
