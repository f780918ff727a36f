/// Summary statistics of one column: its kind, missing cells, and for numbers min, mean and max.
public struct ColumnSummary: Sendable, Equatable {
    /// The column name.
    public let name: String
    /// True for a text column.
    public let isText: Bool
    /// Missing cells (NaN or nil).
    public let missingCount: Int
    /// The smallest present value; nil for text or when every cell is missing.
    public let minimum: Double?
    /// The mean of the present values; nil for text or when every cell is missing.
    public let mean: Double?
    /// The largest present value; nil for text or when every cell is missing.
    public let maximum: Double?

    /// The summary of `column`.
    /// - Complexity: O(rows), one pass.
    public init(_ column: Column) {
        name = column.name
        switch column.data {
        case .text(let values):
            isText = true
            missingCount = values.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
            minimum = nil
            mean = nil
            maximum = nil
        case .numeric(let values):
            isText = false
            var low = Double.infinity, high = -Double.infinity, sum = 0.0, present = 0
            for value in values where !value.isNaN {
                low = Swift.min(low, value)
                high = Swift.max(high, value)
                sum += value
                present += 1
            }
            missingCount = values.count - present
            minimum = present > 0 ? low : nil
            mean = present > 0 ? sum / Double(present) : nil
            maximum = present > 0 ? high : nil
        }
    }
}

extension Dataset {
    /// One summary per column, in column order.
    /// - Complexity: O(rows × columns).
    public func summaries() -> [ColumnSummary] {
        columns.map(ColumnSummary.init)
    }
}
