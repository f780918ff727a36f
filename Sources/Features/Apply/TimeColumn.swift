import Datasets
import NumericCore

/// Reads a time column as seconds since 1970-01-01T00:00:00Z.
///
/// A numeric column holds epoch seconds. A text column holds ISO 8601:
/// any form `UTCCalendar.parseISO8601` reads; no zone means UTC.
enum TimeColumn {
    /// The times of `column`, one per row.
    /// - Throws: `FeatureError.invalidData` naming the first empty or unreadable row (1-based).
    static func seconds(_ column: Column) throws(FeatureError) -> [Double] {
        switch column.data {
        case .numeric(let values):
            if let row = values.firstIndex(where: { !$0.isFinite }) {
                throw .invalidData("Time column '\(column.name)' is empty at row \(row + 1); every row needs a time.")
            }
            return values
        case .text(let values):
            var result = [Double](repeating: 0, count: values.count)
            for (row, text) in values.enumerated() {
                guard let text, let seconds = UTCCalendar.parseISO8601(text) else {
                    let shown = values[row].map { "'\($0)'" } ?? "empty"
                    throw .invalidData("Time column '\(column.name)' row \(row + 1) is \(shown); expected epoch seconds "
                        + "or ISO 8601 such as 2026-01-05T14:30:00Z.")
                }
                result[row] = seconds
            }
            return result
        }
    }
}
