/// Which features to compute from a table of bucketed metrics, and how rows are ordered.
///
/// Rows belong to a group (`group`, e.g. `tenant_id`; one group when nil) and are ordered by
/// `time` within it. Every transform reads only the current row and earlier rows of the same
/// group, so appending or changing later rows never changes an earlier row's features.
///
/// Read one with `FeatureSpec(yaml:source:)` or `FeatureSpec(json:)`, store one with
/// `canonicalJSON` (the form model files keep), print one with `yaml`, and compute features
/// with `apply(to:excluding:)`. `FeatureSpec.default` is the documented default for
/// collector metrics (docs/features.md).
public struct FeatureSpec: Sendable, Equatable {
    /// The time column: epoch seconds (numeric) or ISO 8601 text (UTC when no offset is given).
    public var time: String
    /// The group column (text or numeric); nil means all rows form one group.
    public var group: String?
    /// Numeric columns never used as inputs by transforms that default to all numeric
    /// columns (labels, targets, identifiers).
    public var exclude: [String]
    /// The transforms, in output order.
    public var transforms: [FeatureTransform]

    /// A specification; see the type's documentation.
    public init(time: String, group: String? = nil, exclude: [String] = [], transforms: [FeatureTransform]) {
        self.time = time
        self.group = group
        self.exclude = exclude
        self.transforms = transforms
    }
}

/// One transform: a family of output columns, one per input column (or one per field).
///
/// `columns` nil means every numeric column of the data set except the time column, the group
/// column, `FeatureSpec.exclude` and the caller's exclusions. Missing history gives NaN.
public enum FeatureTransform: Sendable, Equatable {
    /// The value itself; output name `COLUMN`.
    case raw(columns: [String]?)
    /// The value `rows` rows earlier in the group; output `COLUMN:lag_K`.
    case lag(rows: Int, columns: [String]?)
    /// The value minus the value `rows` rows earlier in the group; output `COLUMN:diff_K`.
    case diff(rows: Int, columns: [String]?)
    /// Statistics over the trailing window (t − window, t] of the group, ignoring NaN; NaN
    /// when fewer than `minCount` values (std needs at least 2); output `COLUMN:rolling_mean_1h`.
    case rolling(statistics: [RollingStatistic], window: FeatureDuration, minCount: Int, columns: [String]?)
    /// The value minus the value at t − period in the group: the latest earlier row with time
    /// in [t − period − tolerance, t − period] (exact time when tolerance is nil); output
    /// `COLUMN:seasonal_residual_1d`.
    case seasonalResidual(period: FeatureDuration, tolerance: FeatureDuration?, columns: [String]?)
    /// (x − median) / max(1.4826 · MAD, epsilon · max(|median|, 1)) over the trailing window
    /// (t − window, t], ignoring NaN; NaN when fewer than `minCount` values; output
    /// `COLUMN:robust_z_1d`.
    case robustZ(window: FeatureDuration, minCount: Int, epsilon: Double, columns: [String]?)
    /// Sine and cosine of the UTC hour of day (fractional) and of the day of week (Monday 0);
    /// output `TIME:hour_of_day_sin`, `TIME:hour_of_day_cos`, `TIME:day_of_week_sin`, ….
    case calendar(fields: [CalendarField])
    /// numerator / denominator on the same row, NaN when the denominator is 0; output
    /// `NUMERATOR:ratio_to:DENOMINATOR`.
    case ratio(numerator: String, denominator: String)

    /// The `kind` key of the text forms.
    public var kind: String {
        switch self {
        case .raw: "raw"
        case .lag: "lag"
        case .diff: "diff"
        case .rolling: "rolling"
        case .seasonalResidual: "seasonal_residual"
        case .robustZ: "robust_z"
        case .calendar: "calendar"
        case .ratio: "ratio"
        }
    }

    /// The input columns the transform names, nil when it defaults to all numeric columns.
    public var columns: [String]? {
        switch self {
        case .raw(let columns), .lag(_, let columns), .diff(_, let columns),
             .rolling(_, _, _, let columns), .seasonalResidual(_, _, let columns),
             .robustZ(_, _, _, let columns):
            columns
        case .calendar: []
        case .ratio(let numerator, let denominator): [numerator, denominator]
        }
    }
}

/// A statistic of a rolling window.
public enum RollingStatistic: String, Sendable, CaseIterable {
    /// Arithmetic mean.
    case mean
    /// Sample standard deviation (divisor n − 1).
    case std
    /// Smallest value.
    case min
    /// Largest value.
    case max
    /// Median (mean of the two middle values for an even count).
    case median
}

/// A calendar feature, encoded as a sine/cosine pair so that 23:00 is close to 00:00.
public enum CalendarField: String, Sendable, CaseIterable {
    /// Fractional UTC hour of day, period 24 h.
    case hourOfDay = "hour_of_day"
    /// UTC day of week (Monday 0 … Sunday 6), period 7 days.
    case dayOfWeek = "day_of_week"
}
