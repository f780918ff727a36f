import Datasets
import NumericCore

/// Reads a time column as epoch seconds: numbers are epoch seconds, text is ISO 8601 as
/// `UTCCalendar.parseISO8601` reads it (`2026-01-05T00:00:00Z`, with optional fractional seconds, a `±hh:mm`
/// offset, or a space for `T`; no zone means UTC).
enum TimeColumn {
    /// The seconds of every row of column `name`.
    /// - Throws: `DatasetError.missingColumn` when `dataset` lacks it; `DatasetError.malformed` naming the
    ///   first missing or unreadable cell (line numbers count the header as line 1).
    static func seconds(_ dataset: Dataset, name: String, source: String) throws -> [Double] {
        guard let column = dataset.column(named: name) else {
            throw DatasetError.missingColumn(name: name, source: source, available: dataset.columnNames)
        }
        switch column.data {
        case .numeric(let values):
            if let row = values.firstIndex(where: { !$0.isFinite }) {
                throw DatasetError.malformed(path: source, line: row + 2, column: name, reason: "the time is missing")
            }
            return values
        case .text(let values):
            return try values.enumerated().map { row, text in
                guard let seconds = UTCCalendar.parseISO8601(text ?? "") else {
                    throw DatasetError.malformed(
                        path: source, line: row + 2, column: name,
                        reason: "'\(text ?? "")' is neither epoch seconds nor an ISO 8601 time such as 2026-01-05T00:00:00Z")
                }
                return seconds
            }
        }
    }

    /// Epoch seconds of ISO 8601 `text` (a space may stand for `T`); nil when it is not one.
    static func parse(_ text: String) -> Double? { UTCCalendar.parseISO8601(text) }

    /// `seconds` as ISO 8601 UTC with whole seconds, e.g. `2026-01-05T00:00:00Z`.
    static func iso(_ seconds: Double) -> String { UTCCalendar.iso8601(seconds) }

    /// The text of every row of column `name` (numbers as `Dataset.numberText` writes them), e.g. groups.
    /// - Throws: `DatasetError.missingColumn` when `dataset` lacks it.
    static func text(_ dataset: Dataset, name: String, source: String) throws -> [String] {
        guard let values = dataset.textValues(of: name) else {
            throw DatasetError.missingColumn(name: name, source: source, available: dataset.columnNames)
        }
        return values.map { $0 ?? "" }
    }
}
