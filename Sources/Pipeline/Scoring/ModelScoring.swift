import Datasets
import ModelStore

/// Scores data with a trained model: the one prediction path of `predict`, `evaluate` and the nightly job.
public enum ModelScoring {
    /// How to score.
    public struct Options: Sendable, Equatable {
        /// Features listed per flagged row (detectors), ≥ 0; default 3 (enough to point at a cause,
        /// few enough to read).
        public var topFeatures: Int
        /// Worker threads, ≥ 1; default nil = every core. Never changes the outputs.
        public var threads: Int?
        /// Input columns copied, in this order, before the outputs (e.g. `timestamp`, `tenant_id`),
        /// so each prediction row can be joined back to its input; default none.
        public var keepColumns: [String]
        /// Regressors: the central share of the trees' predictions reported as `prediction_low` and
        /// `prediction_high` (0.8 → the 10th and 90th percentiles), in (0, 1); default nil (no interval).
        public var interval: Double? = nil
        /// Score only these rows of the data set (indices in input order), after the feature spec read every
        /// row as history: hold-out rows whose rolling and seasonal features need the training window before
        /// them. Default nil = every row.
        public var rows: [Int]? = nil

        /// Options with the defaults above unless given.
        public init(topFeatures: Int = 3, threads: Int? = nil, keepColumns: [String] = []) {
            self.topFeatures = topFeatures
            self.threads = threads
            self.keepColumns = keepColumns
        }
    }

    /// Scores every row of `dataset` with `model`, matching features by name (extra columns
    /// in any order are ignored). A model trained with a feature spec has it applied to `dataset`
    /// first (the stored spec, as `ModelTraining` applied it), so `dataset` holds raw rows.
    /// - Parameters:
    ///   - model: the model and its metadata (feature names, threshold levels).
    ///   - dataset: the rows to score, in memory.
    ///   - source: where the rows came from, for messages.
    ///   - options: top features and threads.
    /// - Returns: the output columns, one row per input row (per `options.rows` entry when given) in order.
    /// - Throws: `PipelineError.invalidRequest` for a negative `topFeatures`, threads < 1, a row index out of
    ///   range, or a kept column named like an output column or kept twice; `DatasetError.missingColumn` naming a feature
    ///   or kept column the data lacks; `FeatureError` when the stored spec does not fit the data;
    ///   `ForestError` when the data does not fit.
    /// - Complexity: O(rows × features) for the feature spec, O(scored rows × trees × depth) to score.
    public static func predict(
        _ model: TrainedModel, metadata: ModelMetadata, on dataset: Dataset, source: String,
        options: Options = Options()
    ) throws -> Predictions {
        try predict(model, metadata: metadata, on: dataset, features: nil, source: source, options: options)
    }

    /// `predict` with the model's feature columns of `dataset` already computed (`features`, from
    /// `ModelFeatures.inputs` with this model's spec), so models sharing a spec compute it once.
    static func predict(
        _ model: TrainedModel, metadata: ModelMetadata, on dataset: Dataset, features: Dataset?, source: String,
        options: Options
    ) throws -> Predictions {
        guard options.topFeatures >= 0 else {
            throw PipelineError.invalidRequest("--top-features must be ≥ 0; got \(options.topFeatures).")
        }
        if let threads = options.threads, threads < 1 {
            throw PipelineError.invalidRequest("--threads must be ≥ 1; got \(threads).")
        }
        if let rows = options.rows, let bad = rows.first(where: { !(0 ..< dataset.rowCount).contains($0) }) {
            throw PipelineError.invalidRequest("Row \(bad) is not a row of \(source) (\(dataset.rowCount) rows).")
        }
        func scored(_ data: Dataset) -> Dataset { options.rows.map { data.selectingRows($0) } ?? data }
        let kept = try options.keepColumns.map { name in
            guard let column = scored(dataset).column(named: name) else {
                throw DatasetError.missingColumn(name: name, source: source, available: dataset.columnNames)
            }
            return column
        }
        if let repeated = Dictionary(grouping: options.keepColumns, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw PipelineError.invalidRequest("--keep-columns names '\(repeated)' twice; name each column once.")
        }
        if let interval = options.interval {
            guard model.algorithm == .randomForestRegressor else {
                throw PipelineError.invalidRequest("--interval applies only to regressors; the model is \(model.algorithm.rawValue).")
            }
            guard interval > 0, interval < 1 else {
                throw PipelineError.invalidRequest("--interval must be in (0, 1), e.g. 0.8; got \(interval).")
            }
        }
        let matrix = try scored(features ?? ModelFeatures.inputs(of: metadata, from: dataset))
            .featureMatrix(columns: metadata.features, source: source)
        var outputs = try Predictions(
            model: model, matrix: matrix, features: metadata.features, levels: metadata.thresholds,
            topFeatures: options.topFeatures, threads: options.threads, interval: options.interval)
        if let record = metadata.forecast {
            let instants = try ForecastHorizon(record).forecastInstants(dataset, source: source)
            outputs = try outputs.appending(Column(name: "forecast_for", data: .text(options.rows.map { $0.map { instants[$0] } } ?? instants)))
        }
        return try outputs.keeping(kept)
    }

    /// Scores with a loaded model file or registry version; see `predict(_:metadata:on:source:options:)`.
    public static func predict(
        _ loaded: LoadedModel, on dataset: Dataset, source: String, options: Options = Options()
    ) throws -> Predictions {
        try predict(loaded.model, metadata: loaded.metadata, on: dataset, source: source, options: options)
    }
}
