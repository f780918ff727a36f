import Datasets
import ModelStore

/// Forecasting `rows` rows ahead: which row each row forecasts, in one place for training, scoring and evaluation.
///
/// Rows are ordered by (group, time, input order); the row a row forecasts is the one `rows` positions later
/// in that order within the same group. The last `rows` rows of each group forecast no row: they are left out
/// of training and of evaluation, and `predict` leaves their `forecast_for` empty.
public struct ForecastHorizon: Sendable, Equatable {
    /// What is forecast: horizon, time, group and target columns.
    public let record: ForecastRecord

    /// The horizon of `record`.
    /// - Throws: `PipelineError.invalidRequest` for a horizon < 1.
    public init(_ record: ForecastRecord) throws(PipelineError) {
        guard record.horizon >= 1 else {
            throw .invalidRequest("--horizon must be ≥ 1 row; got \(record.horizon).")
        }
        self.record = record
    }

    /// The column holding the value `horizon` rows ahead while training and evaluating, e.g.
    /// `api_gateway/requests_per_second+6`; the target column itself stays, as a feature known at the row's time.
    public var aheadColumn: String { "\(record.target)+\(record.horizon)" }

    /// For each row of `dataset`, the index of the row `horizon` rows later in its group; nil for the last
    /// `horizon` rows of each group.
    /// - Throws: `DatasetError` when the time or group column is missing or a time cannot be read.
    /// - Complexity: O(rows × log rows).
    public func rowsAhead(in dataset: Dataset, source: String) throws -> [Int?] {
        let times = try TimeColumn.seconds(dataset, name: record.time, source: source)
        let groups = try record.group.map { try TimeColumn.text(dataset, name: $0, source: source) }
        let order = ModelEvaluation.rowOrder(count: times.count, times: times, groups: groups)
        var ahead = [Int?](repeating: nil, count: times.count)
        for position in order.indices where position + record.horizon < order.count {
            let row = order[position], later = order[position + record.horizon]
            if let groups, groups[row] != groups[later] { continue }
            ahead[row] = later
        }
        return ahead
    }

    /// The rows that have a row `horizon` ahead with a target value (a gap there is no actual), in input order: every column from the row itself, except the
    /// time column, which holds the forecast instant (the later row's time), and a new column `aheadColumn`
    /// with the later row's target.
    /// - Throws: `DatasetError` for a missing time, group or target column or an unreadable time;
    ///   `DatasetError.invalid` when no row has a target value `horizon` rows ahead or the target holds text.
    public func pairedRows(_ dataset: Dataset, source: String) throws -> Dataset {
        guard let target = dataset.column(named: record.target) else {
            throw DatasetError.missingColumn(name: record.target, source: source, available: dataset.columnNames)
        }
        guard case .numeric(let values) = target.data else {
            throw DatasetError.invalid("\(source): target column '\(record.target)' holds text; a forecast needs numbers.")
        }
        if dataset.column(named: aheadColumn) != nil {
            throw DatasetError.invalid("\(source) already has a column '\(aheadColumn)'; rename it to forecast \(record.target).")
        }
        let ahead = try rowsAhead(in: dataset, source: source)
        let rows = ahead.indices.filter { ahead[$0].map { !values[$0].isNaN } ?? false }
        guard !rows.isEmpty else {
            throw DatasetError.invalid(
                "\(source): no row has a '\(record.target)' value \(record.horizon) rows ahead in its group"
                + "\(record.group.map { " ('\($0)')" } ?? ""); the data is shorter than the horizon.")
        }
        let later = rows.map { ahead[$0]! }
        let instants = dataset.selectingRows(later)
        var columns = dataset.selectingRows(rows).columns.map { column in
            column.name == record.time ? instants.column(named: record.time)! : column
        }
        columns.append(Column(name: aheadColumn, data: .numeric(later.map { values[$0] })))
        return try Dataset(columns: columns)
    }

    /// Per row, the forecast instant as the time column writes it (the time of the row `horizon` ahead);
    /// nil for the last `horizon` rows of each group.
    /// - Throws: as `rowsAhead(in:source:)`.
    public func forecastInstants(_ dataset: Dataset, source: String) throws -> [String?] {
        let ahead = try rowsAhead(in: dataset, source: source)
        let times = try TimeColumn.text(dataset, name: record.time, source: source)
        return ahead.map { $0.map { times[$0] } }
    }
}
