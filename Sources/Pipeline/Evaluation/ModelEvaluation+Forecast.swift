import Datasets
import ModelStore

extension ModelEvaluation {
    /// Evaluates a forecasting model (`train --horizon`): each row's prediction against the target `horizon` rows
    /// later in its group, through `ForecastHorizon`. Rows are labelled with the forecast instant (the time
    /// column holds the later row's time); the last `horizon` rows of each group, and rows whose later value is
    /// missing, have no actual and are not scored.
    /// - Throws: `PipelineError.invalidRequest` when `--target` is not the forecast column or `against`
    ///   forecasts something else; otherwise as `evaluate`.
    static func evaluateForecast(
        _ record: ForecastRecord, candidate model: (TrainedModel, ModelMetadata, name: String),
        baseline against: (TrainedModel, ModelMetadata, name: String)?, on dataset: Dataset, source: String,
        options: Options
    ) throws -> EvaluationResult {
        guard model.1.forecast == record else {
            throw PipelineError.invalidRequest(
                "\(against?.name ?? "") forecasts '\(record.target)' \(record.horizon) rows ahead; \(model.name) does not "
                + "forecast: compare models of the same horizon.")
        }
        guard options.target == record.target else {
            throw PipelineError.invalidRequest(
                "\(model.name) forecasts '\(record.target)' \(record.horizon) rows ahead; --target is '\(options.target)'.")
        }
        if let against, against.1.forecast != record {
            throw PipelineError.invalidRequest(
                "\(model.name) forecasts '\(record.target)' \(record.horizon) rows ahead; \(against.name) "
                + (against.1.forecast.map { "forecasts \($0.horizon) rows ahead" } ?? "does not forecast")
                + ": compare models of the same horizon.")
        }
        let forecast = try ForecastHorizon(record)
        let paired = try forecast.pairedRows(dataset, source: source)
        var inner = options
        inner.target = forecast.aheadColumn
        inner.time = options.time ?? record.time
        inner.group = options.group ?? record.group
        func plain(_ metadata: ModelMetadata) -> ModelMetadata {
            var copy = metadata
            copy.forecast = nil
            return copy
        }
        var result = try evaluate(
            candidate: (model.0, plain(model.1), model.name), baseline: against.map { ($0.0, plain($0.1), $0.name) },
            on: paired, source: source, options: inner)
        result.measuredOn += "; forecasts of '\(record.target)' \(record.horizon) rows ahead"
            + "\(record.group.map { " within each '\($0)'" } ?? "") against the actual value then "
            + "(\(dataset.rowCount - paired.rowCount) rows without a value \(record.horizon) rows ahead not scored)"
        return result
    }
}
