/// Scores of predictions against the truth, computed as scikit-learn does so numbers can be compared.
///
/// Classification labels are integers (class indices or codes); binary metrics
/// take a `positiveLabel` (default 1, sklearn's `pos_label`) and treat every other
/// label as negative. Scores and probabilities are `Double`. Every metric throws
/// ``EvaluationError/invalidInput(_:)`` for empty or mismatched inputs instead of returning NaN.
public enum Metrics {
    /// Throws unless both collections are non-empty and equally long.
    static func requireMatching(
        _ first: Int, _ firstName: String, _ second: Int, _ secondName: String, metric: String
    ) throws(EvaluationError) {
        guard first == second else {
            throw .invalidInput("\(metric): \(firstName) has \(first) values but \(secondName) has \(second); they must match.")
        }
        guard first > 0 else {
            throw .invalidInput("\(metric) needs at least one sample; got none.")
        }
    }

    /// Throws unless every value is finite.
    static func requireFinite(_ values: [Double], _ name: String, metric: String) throws(EvaluationError) {
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidInput("\(metric): \(name) must be finite; value \(index) is \(values[index]).")
        }
    }
}
