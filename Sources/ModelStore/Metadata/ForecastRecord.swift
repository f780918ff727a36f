/// What a forecasting model predicts: the target `horizon` rows ahead within its group, rows ordered by time.
///
/// Stored in the metadata's `forecast` object (`train --horizon K`), so `predict` names the instant each
/// row forecasts and `evaluate` compares each prediction with the value `horizon` rows later.
public struct ForecastRecord: Sendable, Equatable, Codable {
    /// Rows ahead (≥ 1) in the same group, rows ordered by time.
    public var horizon: Int
    /// The time column ordering the rows (epoch seconds or ISO 8601).
    public var time: String
    /// The group column (e.g. `tenant_id`); nil = all rows form one series.
    public var group: String?
    /// The forecast column, as it was named in the data.
    public var target: String

    /// A record; see the properties.
    public init(horizon: Int, time: String, group: String?, target: String) {
        self.horizon = horizon
        self.time = time
        self.group = group
        self.target = target
    }
}
