/// How `CSVReader` reads a file: which columns may hold text, the separator, the chunk size, threads.
public struct CSVReadOptions: Sendable, Equatable {
    /// Which columns are numeric and which may hold text.
    public enum ColumnTypes: Sendable, Equatable {
        /// Every column must be numeric, except the named ones (typically the
        /// target), which become text when any cell is not a number and stay
        /// numeric otherwise. A non-numeric cell elsewhere is an error naming
        /// the file, line and column. Training data uses this: features must be numbers.
        case numeric(allowingTextIn: Set<String>)
        /// Any column whose cells are not all numbers (or missing) becomes text.
        /// Inspection uses this: it reports what is there instead of rejecting it.
        case inferred
    }

    /// Which columns are numeric; default `.numeric(allowingTextIn: [])`,
    /// because features must be numbers and a stray text cell is a data error.
    public var columnTypes: ColumnTypes
    /// The field separator: an ASCII character that is not a letter, a digit,
    /// `.`, `+`, `-` (they occur in numbers), `"`, CR or LF; default `,` (RFC 4180).
    public var separator: Unicode.Scalar
    /// Bytes read from the file at a time; default 4 MiB, large enough to
    /// amortise system calls, small enough that memory stays bounded by the
    /// parsed columns rather than the text. A record longer than this grows
    /// the buffer to hold it. Minimum 16.
    public var chunkSize: Int
    /// Parse large buffers of plain numbers on two threads; default true, since
    /// loading is the only work running then. Turn it off when other work owns
    /// the cores. Results are identical either way.
    public var parallel: Bool

    /// Options for reading; see each property for its default and why.
    public init(
        columnTypes: ColumnTypes = .numeric(allowingTextIn: []),
        separator: Unicode.Scalar = ",",
        chunkSize: Int = 4 << 20,
        parallel: Bool = true
    ) {
        self.columnTypes = columnTypes
        self.separator = separator
        self.chunkSize = chunkSize
        self.parallel = parallel
    }

    /// Every column numeric unless one of its cells is not a number.
    public static var inferred: CSVReadOptions { CSVReadOptions(columnTypes: .inferred) }

    /// The separator as a byte, after checking the options.
    /// - Throws: `DatasetError.invalid` for a non-ASCII or reserved separator or a chunk size below 16.
    func validatedSeparator() throws(DatasetError) -> UInt8 {
        let reserved: Set<Unicode.Scalar> = ["\"", "\r", "\n", ".", "+", "-"]
        guard separator.isASCII, !reserved.contains(separator),
              !Character(separator).isLetter, !Character(separator).isNumber else {
            throw .invalid("CSV separator must be an ASCII character other than a letter, a digit, '.', '+', '-', '\"', CR and LF; got '\(separator.escaped(asASCII: true))'.")
        }
        guard chunkSize >= 16 else {
            throw .invalid("CSV chunk size must be at least 16 bytes; got \(chunkSize).")
        }
        return UInt8(separator.value)
    }
}
