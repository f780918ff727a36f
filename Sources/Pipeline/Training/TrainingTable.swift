import Datasets
import NumericCore

/// A data set split into what a model learns from: the feature matrix, its
/// column names and, when a target column is named, that column's values.
struct TrainingTable {
    /// Feature names in matrix column order.
    let features: [String]
    /// Rows × features, float32, NaN = missing.
    let matrix: Matrix<Float>
    /// The target column, when one was named.
    let target: Column?
    /// Where the data came from, for messages and lineage.
    let source: String

    /// Picks features and target from an in-memory `dataset`.
    init(dataset: Dataset, source: String, target: String?, include: [String], exclude: [String]) throws {
        self.source = source
        if let target {
            guard let column = dataset.column(named: target) else {
                throw DatasetError.missingColumn(name: target, source: source, available: dataset.columnNames)
            }
            self.target = column
        } else {
            self.target = nil
        }
        for name in exclude where dataset.column(named: name) == nil {
            throw DatasetError.missingColumn(name: name, source: source, available: dataset.columnNames)
        }
        let excluded = Set(exclude + [target].compactMap { $0 })
        let chosen = include.isEmpty
            ? dataset.numericColumnNames.filter { !excluded.contains($0) }
            : include.filter { !excluded.contains($0) }
        guard !chosen.isEmpty else {
            throw DatasetError.invalid("\(source) has no numeric feature column left after removing the target and --exclude.")
        }
        guard dataset.rowCount > 0 else {
            throw DatasetError.invalid("\(source) has a header but no data rows.")
        }
        features = chosen
        matrix = try dataset.featureMatrix(columns: chosen, source: source)
    }

    /// The target as class indices and sorted class names (numbers sort numerically, text lexically).
    /// - Parameter maxClasses: most distinct values accepted (≥ 2).
    /// - Throws: `DatasetError.malformed` naming the first row with a missing target;
    ///   `PipelineError.unsuitableData` for a single class or more than `maxClasses` classes
    ///   (checked before any per-class memory is allocated).
    func classLabels(maxClasses: Int) throws -> (labels: [Int], classNames: [String]) {
        guard let target else { throw DatasetError.invalid("A classifier needs --target.") }
        switch target.data {
        case .numeric(let values):
            if let row = values.firstIndex(where: \.isNaN) { throw missingTarget(row: row) }
            let distinct = Set(values).sorted()
            try checkClassCount(distinct.count, maxClasses: maxClasses, example: distinct.first.map(Dataset.numberText))
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            return (values.map { index[$0]! }, distinct.map(Dataset.numberText))
        case .text(let values):
            if let row = values.firstIndex(where: { $0 == nil }) { throw missingTarget(row: row) }
            let names = Set(values.map { $0! }).sorted()
            try checkClassCount(names.count, maxClasses: maxClasses, example: names.first)
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            return (values.map { index[$0!]! }, names)
        }
    }

    /// Refuses a target a classifier cannot learn from: one class, or more than `maxClasses`.
    private func checkClassCount(_ count: Int, maxClasses: Int, example: String?) throws(PipelineError) {
        let name = target?.name ?? "target"
        if count < 2 {
            throw .unsuitableData(
                "\(source): target column '\(name)' has a single class ('\(example ?? "")'); a classifier needs at least 2.")
        }
        if count > maxClasses {
            throw .unsuitableData(
                "\(source): target column '\(name)' has \(count) distinct values; a classifier accepts at most \(maxClasses) "
                + "(raise it with --max-classes, or use random-forest-regressor for a numeric target).")
        }
    }

    /// The target as numbers, for regression.
    /// - Throws: `DatasetError` for a text target or a missing value.
    func numericTarget() throws -> [Double] {
        guard let target else { throw DatasetError.invalid("A regressor needs --target.") }
        guard case .numeric(let values) = target.data else {
            throw DatasetError.invalid("\(source): target column '\(target.name)' holds text; a regressor needs numbers.")
        }
        if let row = values.firstIndex(where: \.isNaN) { throw missingTarget(row: row) }
        return values
    }

    /// The target as anomaly labels (non-zero = anomaly), for evaluating a detector.
    func anomalyLabels() throws -> [Bool]? {
        guard let target else { return nil }
        guard case .numeric(let values) = target.data else {
            throw DatasetError.invalid("\(source): label column '\(target.name)' must be 0/1 numbers to evaluate a detector.")
        }
        if let row = values.firstIndex(where: \.isNaN) { throw missingTarget(row: row) }
        return values.map { $0 != 0 }
    }


    /// Line numbers count the header as line 1, as the CSV reader does.
    private func missingTarget(row: Int) -> DatasetError {
        .malformed(path: source, line: row + 2, column: target?.name, reason: "the target is missing")
    }
}
