/// Collects one CSV column's values while the file streams past.
///
/// A column starts numeric. A column allowed to hold text turns to text at its
/// first cell that is not a number; numbers already read cannot be turned back
/// into their exact original text, so such a column is marked `needsTextPass`
/// and `CSVReader` reads the file once more with the column as text from the start.
struct CSVColumnBuilder {
    /// How the column treats a cell that is not a number.
    enum Kind: Equatable {
        /// Numbers only; another cell is a data error.
        case numeric
        /// Numbers so far; turns to text at the first cell that is not a number.
        case numericOrText
        /// Text: every cell is kept as written.
        case text
    }

    /// The header name.
    let name: String
    private(set) var kind: Kind
    /// The values while the column is numeric (NaN = missing).
    private(set) var numbers: [Double] = []
    /// The values once the column is text (nil = missing).
    private(set) var texts: [String?] = []
    /// True when a number was read before the column turned to text.
    private(set) var needsTextPass = false
    private var sawNumber = false
    private var interner = CSVTextInterner()

    /// A column called `name` of kind `kind`.
    init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Values stored so far.
    var count: Int { kind == .text ? texts.count : numbers.count }

    /// Makes room for `rows` values, so that a file whose size predicts its
    /// row count grows each array once instead of doubling past it.
    mutating func reserveCapacity(_ rows: Int) {
        if kind == .text { texts.reserveCapacity(rows) } else { numbers.reserveCapacity(rows) }
    }

    /// Appends column `column` of the row-major block `staged`, `width` values a row.
    mutating func appendNumbers(_ staged: UnsafeBufferPointer<Double>, column: Int, width: Int) {
        let rows = staged.count / width
        let old = numbers.count
        numbers.append(contentsOf: repeatElement(0, count: rows))
        var sawNumber = self.sawNumber
        numbers.withUnsafeMutableBufferPointer { values in
            for row in 0 ..< rows {
                let value = staged[row * width + column]
                values[old + row] = value
                sawNumber = sawNumber || !value.isNaN
            }
        }
        self.sawNumber = sawNumber
    }

    /// Appends a cell's text to a text column: nil when it is empty or spells
    /// NaN (`NaN`, `nan`), shared storage when it repeats an earlier cell.
    /// - Returns: false, appending nothing, when the bytes are not valid UTF-8.
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.isEmpty || Self.spellsNaN(bytes) {
            texts.append(nil)
            return true
        }
        guard let value = interner.string(for: bytes, make: CSVParser.makeString) else { return false }
        texts.append(value)
        return true
    }

    /// True for exactly `NaN` or `nan`.
    private static func spellsNaN(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 3 && bytes[1] == UInt8(ascii: "a")
            && ((bytes[0] == UInt8(ascii: "N") && bytes[2] == UInt8(ascii: "N"))
                || (bytes[0] == UInt8(ascii: "n") && bytes[2] == UInt8(ascii: "n")))
    }

    /// Turns a `numericOrText` column into text; earlier missing cells stay missing.
    mutating func switchToText() {
        if sawNumber { needsTextPass = true }
        texts = Array(repeating: nil, count: numbers.count)
        numbers = []
        kind = .text
    }

    /// The finished column.
    func column() -> Column {
        Column(name: name, data: kind == .text ? .text(texts) : .numeric(numbers))
    }
}
