/// Errors raised while reading, writing or shaping data sets.
///
/// Every message names the file and, where it applies, the line and column,
/// so that a user can open the file at the right place.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input file does not exist or cannot be opened.
    case inputMissing(path: String, reason: String)
    /// The content is malformed: ragged rows, bad numbers, bad headers, bad encoding.
    case malformed(path: String, line: Int?, column: String?, reason: String)
    /// A column the caller asked for is not there.
    case missingColumn(name: String, source: String, available: [String])
    /// The output cannot be written.
    case cannotWrite(path: String, reason: String)
    /// The data set breaks an invariant (lengths, names, types).
    case invalid(String)
    /// A file name's extension names no format this operation reads or writes: a usage error.
    case unsupportedFormat(String)

    public var description: String {
        switch self {
        case .inputMissing(let path, let reason):
            "\(path): cannot open: \(reason)"
        case .malformed(let path, let line, let column, let reason):
            "\(path)" + (line.map { ":\($0)" } ?? "") + (column.map { " column '\($0)'" } ?? "") + ": \(reason)"
        case .missingColumn(let name, let source, let available):
            "\(source) has no column '\(name)'; columns are: \(available.prefix(20).joined(separator: ", "))"
                + (available.count > 20 ? ", … (\(available.count) in all)" : "") + "."
        case .cannotWrite(let path, let reason):
            "\(path): cannot write: \(reason)"
        case .invalid(let message), .unsupportedFormat(let message):
            message
        }
    }
}
