import Datasets

extension FeatureSpec {
    /// The names of the feature columns `apply(to:excluding:)` produces for `dataset`, in order.
    /// - Throws: as `apply(to:excluding:)`, without computing anything.
    public func featureNames(for dataset: Dataset, excluding: Set<String> = []) throws(FeatureError) -> [String] {
        try plan(for: dataset, excluding: excluding).map(\.name)
    }

    /// The numeric columns the transforms read (besides time and group), in first-use order.
    /// - Throws: as `apply(to:excluding:)`.
    public func inputColumns(for dataset: Dataset, excluding: Set<String> = []) throws(FeatureError) -> [String] {
        var seen: [String] = []
        for output in try plan(for: dataset, excluding: excluding) {
            for name in output.inputs where !seen.contains(name) { seen.append(name) }
        }
        return seen
    }

    /// Computes the feature columns of `dataset`, one row per input row, in input order.
    ///
    /// Rows are ordered by time within each group (a stable sort: rows with equal times keep
    /// their input order) and every transform reads only its own row and rows before it in
    /// that order, never another group. Missing history, missing inputs and empty windows
    /// give NaN.
    /// - Parameters:
    ///   - dataset: the table; must hold the time column, the group column (if any) and every
    ///     column the transforms name.
    ///   - excluding: columns that default column lists skip and that no transform may read
    ///     (pass the training target, so it can never leak into a feature).
    /// - Returns: a data set of numeric feature columns named as `featureNames(for:excluding:)`.
    /// - Throws: `FeatureError.missingColumn` for an absent column; `FeatureError.invalidData`
    ///   for a text input, an unreadable time, an excluded input or a repeated output name.
    /// Outputs are computed in parallel on every core (the same values for any thread count).
    /// - Complexity: O(n log n) to order unsorted groups (O(n) when sorted); per output O(n)
    ///   (rolling std amortised), except rolling median / robust z: O(n log w) comparisons
    ///   plus O(n·w) bytes moved, w the rows per window.
    public func apply(to dataset: Dataset, excluding: Set<String> = []) throws(FeatureError) -> Dataset {
        let outputs = try plan(for: dataset, excluding: excluding)
        let timeColumn = try required(time, role: "time", in: dataset)
        let groupColumn = try group.map { name throws(FeatureError) in try required(name, role: "group", in: dataset) }
        let times = try TimeColumn.seconds(timeColumn)
        let order = RowOrder(times: times, groupColumn: groupColumn)
        let operations = outputs.map(\.operation)
        let evaluator = Evaluator(dataset: dataset, inputTimes: times, order: order, operations: operations)
        let columns = zip(outputs, evaluator.evaluateAll(operations)).map { Column(name: $0.name, data: .numeric($1)) }
        do {
            return try Dataset(columns: columns)
        } catch {
            throw .invalidData(error.description)
        }
    }

    private func required(_ name: String, role: String, in dataset: Dataset) throws(FeatureError) -> Column {
        guard let column = dataset.column(named: name) else {
            throw .missingColumn(name: name, role: role, available: dataset.columnNames)
        }
        return column
    }

    /// The outputs with their names and operations, checked against `dataset`.
    func plan(for dataset: Dataset, excluding: Set<String>) throws(FeatureError) -> [PlannedOutput] {
        _ = try required(time, role: "time", in: dataset)
        if let group { _ = try required(group, role: "group", in: dataset) }
        let skipped = excluding.union(exclude).union([time] + (group.map { [$0] } ?? []))
        let defaults = dataset.numericColumnNames.filter { !skipped.contains($0) }
        var outputs: [PlannedOutput] = []
        for (index, transform) in transforms.enumerated() {
            let path = "transforms[\(index)]"
            var columns: [String] = []
            if case .calendar = transform {} else {
                columns = transform.columns ?? defaults
                if columns.isEmpty {
                    throw .invalidData("\(path) (\(transform.kind)) has no numeric columns to read: every numeric "
                        + "column is the time, the group or excluded.")
                }
                for name in columns {
                    let column = try required(name, role: "input", in: dataset)
                    guard case .numeric = column.data else {
                        throw .invalidData("\(path) (\(transform.kind)) reads column '\(name)', which holds text; inputs must be numeric.")
                    }
                    guard !skipped.contains(name) else {
                        throw .invalidData("\(path) (\(transform.kind)) reads column '\(name)', which is the time, the group "
                            + "or excluded (a target must never become a feature).")
                    }
                }
            }
            outputs += PlannedOutput.outputs(of: transform, columns: columns, time: time)
        }
        var names = Set<String>()
        for output in outputs where !names.insert(output.name).inserted {
            throw .invalidData("Two transforms produce feature '\(output.name)'; remove one of them.")
        }
        return outputs
    }
}
