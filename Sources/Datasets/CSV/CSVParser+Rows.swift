extension CSVParser {
    /// Reads consecutive records of plain decimals and empty cells straight into
    /// the row-major block `rows`, at most `capacity` of them; returns where the
    /// next record starts and how many rows were written.
    ///
    /// It stops before the first record it does not decide itself (quotes,
    /// spaces, text, NaN spellings, a record cut by the buffer's end, a blank
    /// line, a wrong field count, errors), so the slow path reads that one and
    /// reports it exactly. Static and free of `self`, so the loop holds only
    /// locals and does no reference counting.
    static func readPlainRecords(
        _ base: UnsafePointer<UInt8>, from start: Int, count: Int, separator: UInt8, width: Int,
        into rows: UnsafeMutablePointer<Double>, capacity: Int
    ) -> (next: Int, rows: Int) {
        let newline = UInt8(ascii: "\n")
        var recordStart = start
        for rowIndex in 0 ..< capacity {
            let row = rows + rowIndex * width
            var position = recordStart
            for index in 0 ..< width {
                let scan = CSVNumberParser.scanDecimal(base, from: position, limit: count)
                let stop = scan.stop
                guard stop < count else { return (recordStart, rowIndex) }
                let byte = base[stop]
                var next = stop + 1
                if index + 1 < width {
                    guard byte == separator else { return (recordStart, rowIndex) }
                } else if byte != newline {
                    guard byte == UInt8(ascii: "\r"), next < count, base[next] == newline else { return (recordStart, rowIndex) }
                    next += 1
                }
                if let value = scan.exactValue {
                    row[index] = value
                } else if scan.hasDigits {
                    guard case .number(let value) = CSVNumberParser.parseWithStrtod(base, from: position, to: stop) else {
                        return (recordStart, rowIndex)
                    }
                    row[index] = value
                } else {
                    // An empty cell is missing, except that a lone empty cell is a blank line.
                    guard stop == position, width > 1 else { return (recordStart, rowIndex) }
                    row[index] = .nan
                }
                position = next
            }
            recordStart = position
        }
        return (recordStart, capacity)
    }

    /// Reads one record through the scanner; returns where the next record
    /// starts, or nil when the buffer ends inside it.
    /// - Throws: `DatasetError.malformed` for every kind of bad record.
    mutating func slowRecord(
        _ base: UnsafePointer<UInt8>, from start: Int, count: Int, isFinal: Bool, staging rows: UnsafeMutableBufferPointer<Double>
    ) throws(DatasetError) -> Int? {
        guard case .record(let next, let newlines) = try scan(base, from: start, count: count, isFinal: isFinal) else {
            return nil
        }
        if !scanner.isBlankRecord { try appendScannedRow(base, staging: rows) }
        line += newlines
        return next
    }

    /// Adds the record the scanner just found: numbers to the staging block, text to its columns.
    private mutating func appendScannedRow(_ base: UnsafePointer<UInt8>, staging rows: UnsafeMutableBufferPointer<Double>) throws(DatasetError) {
        let fields = scanner.fields
        let width = columns.count
        guard fields.count == width else {
            throw .malformed(path: path, line: line, column: nil,
                             reason: "row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(width).")
        }
        for index in 0 ..< width {
            let field = fields[index]
            if columns[index].kind != .text, !field.hasEscapedQuotes {
                switch CSVNumberParser.parse(base, from: field.start, to: field.end) {
                case .number(let value):
                    pendingRow[index] = value
                    continue
                case .missing:
                    pendingRow[index] = .nan
                    continue
                case .notANumber:
                    break
                case .refused(let refusal):
                    throw refusedNumber(base, field, column: index, reason: refusal.message)
                }
            }
            try appendText(base, field, column: index, staging: rows)
        }
        for index in 0 ..< width { rows[stagedRows * width + index] = pendingRow[index] }
        stagedRows += 1
        rowCount += 1
    }

    /// Adds a cell that is not a number: text in a text column, an error in a numeric one.
    private mutating func appendText(
        _ base: UnsafePointer<UInt8>, _ field: CSVFieldSpan, column index: Int, staging rows: UnsafeMutableBufferPointer<Double>
    ) throws(DatasetError) {
        switch columns[index].kind {
        case .numeric:
            guard let value = Self.text(base, field) else { throw invalidText(field, column: index) }
            let excerpt = value.count <= 40 ? value : value.prefix(40) + "…"
            throw .malformed(path: path, line: line + field.lineOffset, column: columns[index].name,
                             reason: "expected a number or an empty cell; got '\(excerpt)'.")
        case .numericOrText:
            // Staged rows belong to the numeric past of the column: move them first.
            flush(rows)
            columns[index].switchToText()
            textColumnCount += 1
        case .text:
            break
        }
        let appended = Self.withContent(base, field) { columns[index].appendText($0) }
        guard appended else { throw invalidText(field, column: index) }
    }

    /// The error for a number the policy refuses (infinite, hexadecimal, too long), naming the cell.
    private func refusedNumber(_ base: UnsafePointer<UInt8>, _ field: CSVFieldSpan, column index: Int, reason: String) -> DatasetError {
        let value = Self.text(base, field) ?? ""
        let excerpt = value.count <= 40 ? value : value.prefix(40) + "…"
        return .malformed(path: path, line: line + field.lineOffset, column: columns[index].name,
                          reason: "'\(excerpt)' is not accepted: \(reason)")
    }

    /// The error for a cell that is not valid UTF-8.
    private func invalidText(_ field: CSVFieldSpan, column index: Int) -> DatasetError {
        .malformed(path: path, line: line + field.lineOffset, column: columns[index].name, reason: "the cell is not valid UTF-8.")
    }
}
