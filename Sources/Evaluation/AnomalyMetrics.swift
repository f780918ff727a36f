/// Every anomaly-detection metric of one detector on one set of labelled rows, as `workbench evaluate` reports it.
///
/// Encodes to JSON as `{"roc_auc", "average_precision", "precision_at_k", "k"}`; scores are `null` when
/// undefined (no labelled anomaly, or no normal row for ROC AUC), so a quiet test window still reports.
public struct AnomalyMetrics: Codable, Sendable, Equatable {
    /// Area under the ROC curve of the scores (sklearn's `roc_auc_score`); `nil` with one class only.
    public let rocAUC: Double?
    /// Average precision of the scores (sklearn's `average_precision_score`); `nil` without anomalies.
    public let averagePrecision: Double?
    /// Precision among the `k` highest scores, ties at the cut by expectation; `nil` without anomalies.
    public let precisionAtK: Double?
    /// The `k` of `precisionAtK`: the number of labelled anomalies.
    public let k: Int

    enum CodingKeys: String, CodingKey {
        case rocAUC = "roc_auc", averagePrecision = "average_precision", precisionAtK = "precision_at_k", k
    }

    /// Encodes every key, writing `null` for an undefined score rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rocAUC, forKey: .rocAUC)
        try container.encode(averagePrecision, forKey: .averagePrecision)
        try container.encode(precisionAtK, forKey: .precisionAtK)
        try container.encode(k, forKey: .k)
    }

    /// Computes every anomaly metric.
    /// - Parameters:
    ///   - truth: the label of each row; `positive` marks an anomaly.
    ///   - scores: anomaly scores, higher is more anomalous (as Isolation Forest's); finite.
    ///   - positive: the anomaly label; default 1.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input.
    /// - Complexity: O(n log n).
    public static func compute(truth: [Int], scores: [Double], positive: Int = 1) throws(EvaluationError) -> AnomalyMetrics {
        let curve = try ScoreCurve(truth: truth, scores: scores, positiveLabel: positive, metric: "Anomaly metrics")
        let defined = curve.positives > 0
        return AnomalyMetrics(
            rocAUC: defined && curve.negatives > 0 ? curve.rocArea() : nil,
            averagePrecision: defined ? curve.averagePrecision() : nil,
            precisionAtK: defined ? curve.precisionAtPositives() : nil,
            k: curve.positives)
    }
}
