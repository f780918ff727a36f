import NumericCore

/// Every classification metric of one model on one set of rows, as `workbench evaluate` reports it.
///
/// Encodes to JSON with sklearn's names as keys (`accuracy`, `balanced_accuracy`, `precision`, `recall`,
/// `f1`, `roc_auc`, `average_precision`, `log_loss`, `brier_score`, `confusion_matrix`, `per_class`)
/// plus `average` (`binary` or `macro`), `positive` and `classes`. Undefined ranking scores are `null`.
public struct ClassificationMetrics: Codable, Sendable, Equatable {
    /// How precision, recall, F1, ROC AUC and average precision combine classes:
    /// `binary` (of the positive class) for two classes, `macro` (unweighted mean over `classes`) for more.
    public let average: String
    /// The positive class of a binary problem; `nil` for more than two classes.
    public let positive: Int?
    /// The class labels, in the order of the probability columns and of the confusion matrix's rows and columns.
    public let classes: [Int]
    /// The fraction of rows predicted correctly (sklearn's `accuracy_score`).
    public let accuracy: Double
    /// The mean recall over classes present in the truth (sklearn's `balanced_accuracy_score`).
    public let balancedAccuracy: Double
    /// Precision of the positive class (binary) or macro precision over `classes`.
    public let precision: Double
    /// Recall of the positive class (binary) or macro recall over `classes`.
    public let recall: Double
    /// F1 of the positive class (binary) or macro F1 over `classes`.
    public let f1: Double
    /// ROC AUC of the positive probability (binary) or one-vs-rest macro (sklearn's `multi_class='ovr'`);
    /// `nil` when a class scored has no positive or no negative row.
    public let rocAUC: Double?
    /// Average precision of the positive probability (binary) or one-vs-rest macro; `nil` when a class scored has no row.
    public let averagePrecision: Double?
    /// The mean negative log-likelihood, probabilities clipped to [ε, 1 − ε] (sklearn's `log_loss`).
    public let logLoss: Double
    /// Binary: `mean((1[y = positive] − p)²)`; more classes: the unhalved sum over classes (sklearn's `brier_score_loss`).
    public let brierScore: Double
    /// `confusionMatrix[i][j]`: rows whose true class is `classes[i]` and predicted class `classes[j]`.
    public let confusionMatrix: [[Int]]
    /// Precision, recall, F1 and support of every class, in `classes` order.
    public let perClass: [ClassReport]

    /// The scores of one class against the rest.
    public struct ClassReport: Codable, Sendable, Equatable {
        /// The class label (JSON key `class`).
        public let label: Int
        /// Of the rows predicted as `label`, the fraction that are; 0 when none is.
        public let precision: Double
        /// Of the rows that are `label`, the fraction predicted as it; 0 when there are none.
        public let recall: Double
        /// The harmonic mean of precision and recall; 0 when both are 0.
        public let f1: Double
        /// The number of rows whose true class is `label`.
        public let support: Int

        enum CodingKeys: String, CodingKey {
            case label = "class", precision, recall, f1, support
        }
    }

    enum CodingKeys: String, CodingKey {
        case average, positive, classes, accuracy, precision, recall, f1
        case balancedAccuracy = "balanced_accuracy", rocAUC = "roc_auc", averagePrecision = "average_precision"
        case logLoss = "log_loss", brierScore = "brier_score", confusionMatrix = "confusion_matrix", perClass = "per_class"
    }

    /// Encodes every key, writing `null` for an undefined score rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(average, forKey: .average)
        try container.encode(positive, forKey: .positive)
        try container.encode(classes, forKey: .classes)
        try container.encode(accuracy, forKey: .accuracy)
        try container.encode(balancedAccuracy, forKey: .balancedAccuracy)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(rocAUC, forKey: .rocAUC)
        try container.encode(averagePrecision, forKey: .averagePrecision)
        try container.encode(logLoss, forKey: .logLoss)
        try container.encode(brierScore, forKey: .brierScore)
        try container.encode(confusionMatrix, forKey: .confusionMatrix)
        try container.encode(perClass, forKey: .perClass)
    }
}
