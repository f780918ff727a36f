import Datasets
import ModelStore

/// What `predict --json` reports about a scoring run: counts, not rows.
public struct PredictionSummary: Sendable, Equatable, Encodable {
    /// The model as the user named it (file path or registry reference).
    public let model: String
    /// The model's algorithm.
    public let algorithm: ModelAlgorithm
    /// The scored data.
    public let data: String
    /// Where the predictions went (`-` = standard output).
    public let output: String
    /// Rows scored.
    public let rows: Int
    /// The output column names, in order.
    public let columns: [String]
    /// Detectors: rows with `is_anomaly` = 1.
    public let flagged: Int?
    /// Detectors: rows per highest alert level reached (rows reaching none are not counted).
    public let levels: [String: Int]?
    /// Classifiers: rows per predicted class.
    public let predictedClasses: [String: Int]?

    enum CodingKeys: String, CodingKey {
        case model, algorithm, data, output, rows, columns, flagged, levels
        case predictedClasses = "predicted_classes"
    }

    /// Counts `predictions`.
    public init(predictions: Predictions, model: String, data: String, output: String) {
        let dataset = predictions.dataset
        self.model = model
        self.algorithm = predictions.algorithm
        self.data = data
        self.output = output
        rows = dataset.rowCount
        columns = dataset.columnNames
        if predictions.algorithm.isAnomalyDetector, case .numeric(let flags)? = dataset.column(named: "is_anomaly")?.data,
           case .text(let reached)? = dataset.column(named: "level")?.data {
            flagged = flags.count { $0 == 1 }
            levels = Dictionary(reached.compactMap { $0 }.map { ($0, 1) }, uniquingKeysWith: +)
        } else {
            flagged = nil
            levels = nil
        }
        if predictions.algorithm == .randomForestClassifier, case .text(let predicted)? = dataset.column(named: "prediction")?.data {
            predictedClasses = Dictionary(predicted.compactMap { $0 }.map { ($0, 1) }, uniquingKeysWith: +)
        } else {
            predictedClasses = nil
        }
    }
}
