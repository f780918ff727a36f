/// The algorithms a model file can hold; the raw value is the CLI's `--algorithm` spelling
/// and the file's `algorithm` attribute.
public enum ModelAlgorithm: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Random Forest classifier (Breiman 2001): class probabilities = mean of leaf class fractions.
    case randomForestClassifier = "random-forest-classifier"
    /// Random Forest regressor (Breiman 2001): prediction = mean of leaf means.
    case randomForestRegressor = "random-forest-regressor"
    /// Isolation Forest (Liu, Ting & Zhou 2008): axis-parallel random splits.
    case isolationForest = "isolation-forest"
    /// Extended Isolation Forest (Hariri, Carrasco Kind & Brunner 2021): random hyperplane splits.
    case extendedIsolationForest = "extended-isolation-forest"

    public var description: String { rawValue }

    /// True for the anomaly detectors, whose output is an anomaly score rather than a label.
    public var isAnomalyDetector: Bool {
        self == .isolationForest || self == .extendedIsolationForest
    }
}
