import Datasets
import Features

/// What training reads after the feature spec (if any) has run: the data set, the columns to use and
/// the spec to store.
///
/// Without a spec the data set and request pass through. With one, the spec is applied once to all the
/// rows (every feature reads only its row and earlier rows of its group, so the rows of a time-ordered
/// validation split see their history exactly as scoring later does), and the request becomes a plain
/// one over the output columns.
struct TrainingInputs {
    /// Feature columns, then the target, time and group columns (spec), or the data as given.
    let dataset: Dataset
    /// The request over `dataset`; with a spec: no spec, `features` the chosen outputs, no `exclude`.
    let request: TrainingRequest
    /// The spec to store with the model: time and group as used, the target and `--exclude` added to its `exclude`.
    let spec: FeatureSpec?
    /// Columns that became features although named like a label or a timestamp.
    let warnings: [String]

    /// Applies `request.featureSpec` (already resolved) to `dataset`.
    /// - Throws: `DatasetError.missingColumn` for an `--exclude` column the data lacks;
    ///   `PipelineError.invalidRequest` for a `--features` name the spec does not produce; `FeatureError`
    ///   when the spec does not fit the data.
    init(_ request: TrainingRequest, dataset: Dataset, source: String) throws {
        guard var spec = request.featureSpec else {
            self.dataset = dataset
            self.request = request
            self.spec = nil
            warnings = []
            return
        }
        for name in request.exclude where dataset.column(named: name) == nil {
            throw DatasetError.missingColumn(name: name, source: source, available: dataset.columnNames)
        }
        let roles = Set([spec.time] + [spec.group].compactMap { $0 })
        for name in [request.target].compactMap({ $0 }) + request.exclude
        where !roles.contains(name) && !spec.exclude.contains(name) {
            spec.exclude.append(name)
        }
        let outputs = try spec.apply(to: dataset)
        let produced = outputs.columnNames
        for name in request.features where !produced.contains(name) {
            throw PipelineError.invalidRequest(
                "--features names '\(name)', which the feature spec does not produce; its outputs are "
                + produced.prefix(12).joined(separator: ", ") + (produced.count > 12 ? ", …" : "") + ".")
        }
        var table = outputs
        for name in [request.target, request.time, request.group].compactMap({ $0 })
        where table.column(named: name) == nil {
            guard let column = dataset.column(named: name) else {
                throw DatasetError.missingColumn(name: name, source: source, available: dataset.columnNames)
            }
            try table.append(column)
        }
        let named = Set(spec.transforms.flatMap { $0.columns ?? [] })
        warnings = ModelFeatures.warnings(for: try spec.inputColumns(for: dataset).filter { !named.contains($0) })
        var plain = request
        plain.featureSpec = nil
        plain.features = request.features.isEmpty ? produced : request.features
        plain.exclude = []
        self.dataset = table
        self.request = plain
        self.spec = spec
    }
}
