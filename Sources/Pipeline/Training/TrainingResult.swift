import ModelStore
import NumericCore

/// A trained model with everything needed to save, register and report it.
public struct TrainingResult: Sendable {
    /// The fitted model.
    public let model: TrainedModel
    /// The metadata to store with it (hyperparameters, lineage, metrics, threshold levels).
    public internal(set) var metadata: ModelMetadata
    /// The first (at most 8) training rows, for the model file's self-test vectors.
    public let selfTestRows: Matrix<Float>
    /// What `train` prints.
    public let summary: TrainingSummary
    /// What the caller should tell the user (the library never prints): columns that became features
    /// although their names look like a label or a timestamp.
    public let warnings: [String]
}
