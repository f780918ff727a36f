import DurableFiles

/// Reads and writes data sets in the format their file extension names.
public enum DatasetIO {
    /// A data-set file format.
    public enum Format: String, Sendable, CaseIterable {
        /// Comma-separated text (`.csv`): portable, no lineage attributes.
        case csv
        /// HDF5 (`.h5`, `.hdf5`): exact types, missing values and lineage attributes; see docs/dataset-format.md.
        case hdf5

        /// The format named by `path`'s extension, ignoring case.
        /// - Throws: `DatasetError.unsupportedFormat` for any other extension.
        public init(path: String) throws(DatasetError) {
            switch FileFormat(path: path) {
            case .csv: self = .csv
            case .hdf5: self = .hdf5
            case .json, nil:
                let suffix = FileFormat.suffix(of: path)
                throw .unsupportedFormat("\(path): unknown data-set format '\(suffix.isEmpty ? "(no extension)" : "." + suffix)'; expected .csv, .h5 or .hdf5.")
            }
        }
    }

    /// Reads the data set at `path`, as CSV or HDF5 by its extension.
    /// - Parameter csvOptions: how to read a CSV file; default all columns numeric. Unused for HDF5,
    ///   which records each column's type.
    /// - Throws: `DatasetError` from `CSVReader.read(path:options:)` or `Dataset.readHDF5(path:)`;
    ///   `.inputMissing` when the file cannot be opened, whatever its name, else `.unsupportedFormat`
    ///   for an unknown extension.
    public static func read(path: String, csvOptions: CSVReadOptions = CSVReadOptions()) throws(DatasetError) -> Dataset {
        let format: Format
        do {
            format = try Format(path: path)
        } catch {
            // A missing file is reported as missing, whatever its name says.
            _ = try InputFile(path: path)
            throw error
        }
        switch format {
        case .csv: return try CSVReader.read(path: path, options: csvOptions)
        case .hdf5: return try Dataset.readHDF5(path: path)
        }
    }

    /// Writes `dataset` to `path` atomically, as CSV or HDF5 by its extension.
    /// - Parameter attributes: lineage text attributes, stored in HDF5 files; CSV has no place for them
    ///   and leaves them out. Default none.
    /// - Throws: `DatasetError.cannotWrite`, `.unsupportedFormat` for an unknown extension, or `.invalid`
    ///   for a reserved attribute name.
    public static func write(_ dataset: Dataset, to path: String, attributes: [String: String] = [:]) throws(DatasetError) {
        switch try Format(path: path) {
        case .csv: try CSVWriter.write(dataset, to: path)
        case .hdf5: try dataset.writeHDF5(to: path, attributes: attributes)
        }
    }
}
