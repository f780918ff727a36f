import ModelStore

/// What kind of model an evaluation measured; the JSON `task` value.
public enum EvaluationTask: String, Sendable, Codable, Equatable {
    /// A Random Forest classifier: class probabilities against class labels.
    case classification
    /// A Random Forest regressor: predictions against a numeric target.
    case regression
    /// An Isolation Forest (or extended): anomaly scores against 0/1 labels.
    case anomaly

    /// The task of `algorithm`.
    public init(_ algorithm: ModelAlgorithm) {
        switch algorithm {
        case .randomForestClassifier: self = .classification
        case .randomForestRegressor: self = .regression
        case .isolationForest, .extendedIsolationForest: self = .anomaly
        }
    }
}
