/// How a model's `validation_…` metrics were measured: on rows the measuring models did not train on.
///
/// Stored in the metadata's `validation` object. The stored model is trained on all rows; the validation
/// figures come from models trained with the same request on each split's training rows and scored on its
/// test rows, averaged over the splits (`train --validation`).
public struct ValidationRecord: Sendable, Equatable, Codable {
    /// The strategy's text form, e.g. `time:25%`, `walk-forward:3`, `kfold:5`.
    public var strategy: String
    /// The strategy in words, e.g. "time-ordered hold-out of the newest 25% of the time span".
    public var summary: String
    /// Whether every split trained only on rows older than the rows it tested (false for `kfold`).
    public var timeOrdered: Bool
    /// One label per split: what it tested and trained on (time ranges and row counts).
    public var measuredOn: [String]
    /// Test rows over all splits.
    public var testRows: Int
    /// How the per-split figures were combined, e.g. "mean over 3 splits".
    public var aggregation: String

    /// A record; see the properties.
    public init(strategy: String, summary: String, timeOrdered: Bool, measuredOn: [String], testRows: Int,
                aggregation: String) {
        self.strategy = strategy
        self.summary = summary
        self.timeOrdered = timeOrdered
        self.measuredOn = measuredOn
        self.testRows = testRows
        self.aggregation = aggregation
    }

    enum CodingKeys: String, CodingKey {
        case strategy, summary, aggregation
        case timeOrdered = "time_ordered", measuredOn = "measured_on", testRows = "test_rows"
    }
}
