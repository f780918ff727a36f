import Evaluation
import Features
import ModelStore

/// What to train: the algorithm, the columns, the hyperparameters and the limits on the target.
///
/// Built by the CLI from `train`'s options (and later by `evaluate` and the nightly job);
/// new concerns (validation split, feature spec, time and group columns) become new fields
/// with defaults, so existing callers keep compiling.
public struct TrainingRequest: Sendable, Equatable {
    /// The algorithm to fit.
    public var algorithm: ModelAlgorithm
    /// The target column: class labels, regression target, or (detectors, optional) 0/1 labels
    /// used only to measure the detector.
    public var target: String?
    /// Use exactly these feature columns; empty (default) = every numeric column except the
    /// target and `exclude`.
    public var features: [String]
    /// Columns left out of the features (the time and group columns always are); default none.
    public var exclude: [String]
    /// Hyperparameters; default none set (every algorithm's defaults).
    public var hyperparameters: Hyperparameters
    /// Most distinct target values a classifier accepts; default `defaultMaxClasses`.
    public var maxClasses: Int
    /// The time column (epoch seconds or ISO 8601): never a feature; orders time-ordered validation and
    /// records the training window in the lineage; default none.
    public var time: String?
    /// The group column (e.g. `tenant_id`): never a feature; incidents of validation events stay within a
    /// group; default none.
    public var group: String?
    /// Measure the model on rows it did not train on (`validation_…` metrics); default none.
    public var validation: ValidationStrategy?
    /// Compute the features with this spec (stored in the model file, applied again by every scoring path);
    /// default none = the data's numeric columns are the features. `time` and `group`, when given, override
    /// the spec's; when nil, the spec's are used. `features` then selects among the spec's output names.
    public var featureSpec: FeatureSpec?
    /// Forecast the target this many rows ahead in the same group (rows ordered by `time`) instead of the
    /// row's own value; regressors only, needs `time`. Rows with no row that far ahead are not trained on.
    /// Default nil (no forecast).
    public var horizon: Int? = nil

    /// 100: a classification target with more distinct values is almost always a number meant
    /// for the regressor, and memory grows with classes × features × bins.
    public static let defaultMaxClasses = 100

    /// A request; only `algorithm` is required.
    public init(
        algorithm: ModelAlgorithm, target: String? = nil, features: [String] = [], exclude: [String] = [],
        hyperparameters: Hyperparameters = Hyperparameters(), maxClasses: Int = defaultMaxClasses,
        time: String? = nil, group: String? = nil, validation: ValidationStrategy? = nil,
        featureSpec: FeatureSpec? = nil
    ) {
        self.featureSpec = featureSpec
        self.time = time
        self.group = group
        self.validation = validation
        self.algorithm = algorithm
        self.target = target
        self.features = features
        self.exclude = exclude
        self.hyperparameters = hyperparameters
        self.maxClasses = maxClasses
    }

    /// The request with the feature spec's time and group filled in where `time` and `group` are nil, and
    /// the spec's overridden by them where given (so `--time` / `--group` always win); unchanged without a spec.
    public var resolved: TrainingRequest {
        guard var spec = featureSpec else { return self }
        var request = self
        if let time { spec.time = time } else { request.time = spec.time }
        if let group { spec.group = group } else { request.group = spec.group }
        request.featureSpec = spec
        return request
    }

    /// Checks what can be checked without data (call on `resolved`).
    /// - Throws: `PipelineError.invalidRequest` for a missing target of a supervised algorithm, `maxClasses` < 2,
    ///   or the target, time or group column used as a feature (in `features` or named by a transform).
    func check() throws(PipelineError) {
        if !algorithm.isAnomalyDetector && target == nil {
            throw .invalidRequest("--target is required for \(algorithm.rawValue).")
        }
        guard maxClasses >= 2 else {
            throw .invalidRequest("--max-classes must be ≥ 2; got \(maxClasses).")
        }
        if let validation, validation.isTimeOrdered, time == nil {
            throw .invalidRequest("--validation \(validation) is time-ordered and needs --time COLUMN.")
        }
        if validation != nil, target == nil {
            throw .invalidRequest("--validation needs --target: held-out rows are measured against their labels.")
        }
        if let horizon {
            guard algorithm == .randomForestRegressor else {
                throw .invalidRequest("--horizon applies only to random-forest-regressor; got \(algorithm.rawValue).")
            }
            guard horizon >= 1 else { throw .invalidRequest("--horizon must be ≥ 1 row; got \(horizon).") }
            guard time != nil else {
                throw .invalidRequest("--horizon needs --time COLUMN: the value \(horizon) rows ahead is found in time order.")
            }
        }
        if group != nil, time == nil {
            throw .invalidRequest("--group needs --time: rows are ordered by time within each group.")
        }
        for (option, column) in [("--time", time), ("--group", group)] {
            guard let column else { continue }
            if column == target { throw .invalidRequest("\(option) '\(column)' is also the --target; name two columns.") }
            if features.contains(column) {
                throw .invalidRequest("\(option) '\(column)' cannot also be a feature; remove it from --features.")
            }
        }
        guard let spec = featureSpec else { return }
        for (option, column) in [("--target", target), ("--time", time), ("--group", group)] {
            guard let column else { continue }
            if let index = spec.transforms.firstIndex(where: { $0.columns?.contains(column) == true }) {
                throw .invalidRequest(
                    "The feature spec's transforms[\(index)] (\(spec.transforms[index].kind)) reads '\(column)', the \(option) "
                    + "column; the \(option) column cannot be a feature.")
            }
        }
    }
}

extension TrainingRequest {
    /// The forecast this request asks for; nil without `horizon`.
    /// - Throws: `PipelineError.invalidRequest` as `check()`.
    func forecastHorizon() throws(PipelineError) -> ForecastHorizon? {
        guard let horizon else { return nil }
        try check()
        return try ForecastHorizon(ForecastRecord(horizon: horizon, time: time!, group: group, target: target!))
    }
}
