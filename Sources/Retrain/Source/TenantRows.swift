import Datasets

/// A source data set cut per tenant and per time: the rows one run trains and is judged on.
public struct TenantRows: Sendable {
    public let dataset: Dataset
    public let groupColumn: String
    public let timeColumn: String
    private let times: [Double]
    /// Row indices of each tenant, ascending: a run finds its rows without scanning every tenant's.
    private let rowsByGroup: [String: [Int]]

    /// Indexes `dataset` by `groupColumn` and `timeColumn` (epoch seconds).
    /// - Throws: `RetrainError.badData` naming a missing column or a non-numeric time column.
    public init(_ dataset: Dataset, group: String, time: String, source: String) throws(RetrainError) {
        guard let groups = dataset.textValues(of: group) else {
            throw .badData("\(source): no group column '\(group)' (columns: \(dataset.columnNames.prefix(8).joined(separator: ", ")))")
        }
        guard let column = dataset.column(named: time) else {
            throw .badData("\(source): no time column '\(time)'")
        }
        guard case .numeric(let times) = column.data else {
            throw .badData("\(source): time column '\(time)' must hold epoch seconds")
        }
        if let row = times.firstIndex(where: { !$0.isFinite }) {
            throw .badData("\(source): time column '\(time)' is empty at data row \(row + 1)")
        }
        self.dataset = dataset
        self.groupColumn = group
        self.timeColumn = time
        self.times = times
        var rowsByGroup: [String: [Int]] = [:]
        for (row, group) in groups.enumerated() {
            if let group { rowsByGroup[group, default: []].append(row) }
        }
        self.rowsByGroup = rowsByGroup
    }

    /// Every tenant id in the group column, sorted.
    public var tenants: [String] {
        rowsByGroup.keys.sorted()
    }

    /// The rows of `tenant` (every row when nil), split at `holdoutSeconds` before the newest row:
    /// rows strictly older train, the rest is the hold-out.
    /// - Throws: `RetrainError.badData` when either part is empty.
    public func split(tenant: String?, holdoutSeconds: Int) throws(RetrainError) -> HoldoutSplit {
        try split(tenants: tenant.map { [$0] }, holdoutSeconds: holdoutSeconds)
    }

    /// The rows of `tenants` (every row when nil) in time order, split at `holdoutSeconds` before the newest of
    /// them: rows strictly older train, the rest is the hold-out. A model shared by several tenants gets one cut.
    /// - Throws: `RetrainError.badData` when either part is empty.
    /// - Complexity: O(n log n) in the rows kept.
    public func split(tenants: [String]?, holdoutSeconds: Int) throws(RetrainError) -> HoldoutSplit {
        let rows = tenants.map { Set($0).flatMap { rowsByGroup[$0] ?? [] } } ?? Array(0 ..< dataset.rowCount)
        let who = tenants.map { $0.count == 1 ? "tenant '\($0[0])'" : "tenants \($0.joined(separator: ", "))" } ?? "the source"
        guard let newest = rows.map({ times[$0] }).max() else {
            throw .badData("No rows for \(who).")
        }
        let cut = newest - Double(holdoutSeconds)
        let ordered = rows.sorted { (times[$0], $0) < (times[$1], $1) }
        let training = ordered.filter { times[$0] <= cut }
        let holdout = ordered.filter { times[$0] > cut }
        guard !training.isEmpty else {
            throw .badData("The hold-out (\(holdoutSeconds / 3600) h) covers all of \(who)'s rows: nothing left to train on.")
        }
        guard !holdout.isEmpty else { throw .badData("The hold-out of \(who) is empty.") }
        return HoldoutSplit(training: dataset.selectingRows(training), holdout: dataset.selectingRows(holdout),
                            trainingEnd: cut, holdoutStart: holdout.first.map { times[$0] } ?? cut,
                            holdoutEnd: newest)
    }
}

/// A tenant's rows in time order: the training window, then the hold-out after it.
public struct HoldoutSplit: Sendable {
    /// Rows with time ≤ `trainingEnd`.
    public let training: Dataset
    /// Rows after `trainingEnd`: never trained on; every candidate is judged here.
    public let holdout: Dataset
    /// Epoch seconds: the last instant of the training window.
    public let trainingEnd: Double
    /// Epoch seconds of the first and last hold-out rows.
    public let holdoutStart: Double
    public let holdoutEnd: Double
}

extension HoldoutSplit {
    /// The same split without the rows whose `column` is missing (a gap in a regression target, an unlabelled
    /// row): they can neither train nor judge a model of that target. Nil `column` keeps every row.
    /// - Throws: `RetrainError.badData` when either part is left empty.
    public func keepingRowsWithValue(in column: String?) throws(RetrainError) -> HoldoutSplit {
        guard let column else { return self }
        func kept(_ dataset: Dataset) -> Dataset {
            guard let data = dataset.column(named: column)?.data else { return dataset }
            let rows: [Int]
            switch data {
            case .numeric(let values): rows = values.indices.filter { !values[$0].isNaN }
            case .text(let values): rows = values.indices.filter { values[$0] != nil }
            }
            return rows.count == dataset.rowCount ? dataset : dataset.selectingRows(rows)
        }
        let training = kept(training), holdout = kept(holdout)
        guard training.rowCount > 0, holdout.rowCount > 0 else {
            throw .badData("The target '\(column)' is missing in every \(training.rowCount == 0 ? "training" : "hold-out") row.")
        }
        return HoldoutSplit(training: training, holdout: holdout, trainingEnd: trainingEnd, holdoutStart: holdoutStart,
                            holdoutEnd: holdoutEnd)
    }
}
