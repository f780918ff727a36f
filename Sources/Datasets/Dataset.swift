import NumericCore

/// A table of named columns, as read from CSV, HDF5 or a database pull.
///
/// Numeric columns hold `Double` (timestamps in epoch seconds need more than
/// float32's 24 bits); `NaN` marks a missing numeric cell. Text columns hold
/// `nil` for a missing cell. Models take their features as `Matrix<Float>`
/// through `featureMatrix(columns:)`.
public struct Dataset: Sendable, Equatable {
    /// The columns, in file order; names are unique.
    public private(set) var columns: [Column]
    /// Number of rows; every column has this many values.
    public let rowCount: Int

    /// A data set from columns of equal length and unique names.
    /// - Throws: `DatasetError.invalid` for unequal lengths or a repeated name.
    public init(columns: [Column]) throws(DatasetError) {
        let rowCount = columns.first?.count ?? 0
        var seen = Set<String>()
        for column in columns {
            guard column.count == rowCount else {
                throw .invalid("Column '\(column.name)' has \(column.count) rows; '\(columns[0].name)' has \(rowCount).")
            }
            guard seen.insert(column.name).inserted else {
                throw .invalid("Column name '\(column.name)' appears more than once.")
            }
        }
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`, if any.
    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// The names of the numeric columns, in order.
    public var numericColumnNames: [String] {
        columns.filter { if case .numeric = $0.data { true } else { false } }.map(\.name)
    }

    /// The named numeric columns as a row-major float32 matrix (NaN stays NaN).
    /// - Throws: `DatasetError.missingColumn` naming the first absent column and
    ///   listing what exists; `DatasetError.invalid` for a text column.
    /// - Complexity: O(rows × columns).
    public func featureMatrix(columns names: [String], source: String = "data set") throws(DatasetError) -> Matrix<Float> {
        var matrix = Matrix<Float>(rows: rowCount, columns: names.count)
        for (j, name) in names.enumerated() {
            guard let column = column(named: name) else {
                throw .missingColumn(name: name, source: source, available: columnNames)
            }
            guard case .numeric(let values) = column.data else {
                throw .invalid("\(source): column '\(name)' holds text; features must be numeric.")
            }
            matrix.withUnsafeMutableBufferPointer { buffer in
                for i in 0 ..< rowCount {
                    buffer[i * names.count + j] = Float(values[i])
                }
            }
        }
        return matrix
    }

    /// Adds `column` at the end.
    /// - Throws: `DatasetError.invalid` for a wrong length or a repeated name.
    public mutating func append(_ column: Column) throws(DatasetError) {
        self = try Dataset(columns: columns + [column])
    }
}

/// One named column of a `Dataset`.
public struct Column: Sendable, Equatable {
    /// The column name from the header.
    public var name: String
    /// The values.
    public var data: ColumnData

    /// A column called `name` holding `data`.
    public init(name: String, data: ColumnData) {
        self.name = name
        self.data = data
    }

    /// Number of values.
    public var count: Int {
        switch data {
        case .numeric(let values): values.count
        case .text(let values): values.count
        }
    }

    /// Number of missing values (`NaN` or `nil`).
    public var missingCount: Int {
        switch data {
        case .numeric(let values): values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .text(let values): values.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }
}

/// The values of a column: numbers (NaN = missing) or text (nil = missing).
public enum ColumnData: Sendable, Equatable {
    /// Numeric values; `NaN` marks a missing cell.
    case numeric([Double])
    /// Text values; `nil` marks a missing cell.
    case text([String?])
}
