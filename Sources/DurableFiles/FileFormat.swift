/// The file formats Workbench reads and writes, and the one place that maps an extension to a format.
///
/// The extension decides the format everywhere (data sets, predictions, pulls, model files): a file
/// is never written in one format under another format's name.
public enum FileFormat: String, Sendable, CaseIterable {
    /// Comma-separated text, `.csv`.
    case csv
    /// HDF5, `.h5` or `.hdf5`.
    case hdf5
    /// JSON, `.json`.
    case json

    /// The extensions of each format, lowercase and without the dot.
    public var extensions: [String] {
        switch self {
        case .csv: ["csv"]
        case .hdf5: ["h5", "hdf5"]
        case .json: ["json"]
        }
    }

    /// The format `path`'s extension names, ignoring case; nil for any other extension or none.
    public init?(path: String) {
        guard let format = Self.allCases.first(where: { $0.extensions.contains(Self.suffix(of: path)) }) else {
            return nil
        }
        self = format
    }

    /// `path`'s extension, lowercase without the dot; empty when its last component has none.
    public static func suffix(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count > 1, !(parts.count == 2 && parts[0].isEmpty) else { return "" }
        return parts.last!.lowercased()
    }

    /// The format of `path` when it is one of `allowed`.
    /// - Parameters:
    ///   - option: the option that gave the path, e.g. `--output`, for the message.
    ///   - what: what the file holds, e.g. "a model file".
    /// - Throws: `DurableFileError.refused` (a usage error) naming the option, the path and the accepted extensions.
    public static func require(_ path: String, option: String, oneOf allowed: [FileFormat], what: String) throws(DurableFileError) -> FileFormat {
        if let format = FileFormat(path: path), allowed.contains(format) { return format }
        let suffix = suffix(of: path)
        let expected = allowed.flatMap(\.extensions).map { "." + $0 }
        let list = expected.count > 1 ? expected.dropLast().joined(separator: ", ") + " or " + expected.last! : expected.joined()
        throw .refused(path, "\(option) \(path): \(what) must end in \(list); "
            + "got \(suffix.isEmpty ? "no extension" : "'." + suffix + "'") (the extension decides the format).")
    }
}
