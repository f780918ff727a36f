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

    /// Reads `path` and picks the features: the `include` list when given, else every
    /// numeric column except the target and `exclude`.
    /// - Throws: `DatasetError` naming the file, line or column.
    init(path: String, target: String?, include: [String], exclude: [String]) throws {
        let options = CSVReadOptions(columnTypes: .numeric(allowingTextIn: Set(exclude + [target].compactMap { $0 })))
        let dataset = try DatasetIO.read(path: path, csvOptions: options)
        try self.init(dataset: dataset, source: path, target: target, include: include, exclude: exclude)
    }

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
    /// - Throws: `DatasetError.malformed` naming the first row with a missing target.
    func classLabels() throws -> (labels: [Int], classNames: [String]) {
        guard let target else { throw DatasetError.invalid("A classifier needs --target.") }
        let names: [String]
        switch target.data {
        case .numeric(let values):
            if let row = values.firstIndex(where: \.isNaN) { throw missingTarget(row: row) }
            let distinct = Set(values).sorted()
            names = distinct.map(Self.className)
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            return (values.map { index[$0]! }, names)
        case .text(let values):
            if let row = values.firstIndex(where: { $0 == nil }) { throw missingTarget(row: row) }
            names = Set(values.map { $0! }).sorted()
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            return (values.map { index[$0!]! }, names)
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

    /// Integral class values print without a fraction so `1.0` stays the class `1`.
    private static func className(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Line numbers count the header as line 1, as the CSV reader does.
    private func missingTarget(row: Int) -> DatasetError {
        .malformed(path: source, line: row + 2, column: target?.name, reason: "the target is missing")
    }
}
