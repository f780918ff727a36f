import Foundation
import NumericCore
import Testing
@testable import Evaluation

// Toy cases with answers from scikit-learn 1.9.1 (`from sklearn import metrics as m`).

/// t = [1,0,1,1,0,0,1,0]; p = positive-class probabilities; predictions are p > 0.5 (the tie at 0.5 goes to 0).
let toyTruth = [1, 0, 1, 1, 0, 0, 1, 0]
let toyPositive = [0.9, 0.4, 0.6, 0.3, 0.5, 0.1, 0.8, 0.7]

func twoColumns(_ positive: [Double]) throws -> Matrix<Double> {
    try Matrix(positive.map { [1 - $0, $0] })
}

func jsonObject(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Suite("Metric sets for workbench evaluate")
struct MetricSetTests {
    @Test("binary classification metrics equal sklearn's on a toy case")
    func binaryToy() throws {
        let metrics = try ClassificationMetrics.compute(
            truth: toyTruth, probabilities: try twoColumns(toyPositive), classes: [0, 1])
        #expect(metrics.average == "binary" && metrics.positive == 1)
        #expect(metrics.accuracy == 0.75 && metrics.balancedAccuracy == 0.75)
        #expect(metrics.precision == 0.75 && metrics.recall == 0.75 && metrics.f1 == 0.75)
        #expect(metrics.rocAUC == 0.75)
        #expect(close(metrics.averagePrecision!, 0.8303571428571428))
        #expect(close(metrics.logLoss, 0.5695760774217076))
        #expect(close(metrics.brierScore, 0.20124999999999998))
        #expect(metrics.confusionMatrix == [[3, 1], [1, 3]])
        #expect(metrics.perClass.map(\.support) == [4, 4])
    }

    @Test("multiclass metrics are macro averages over the given classes")
    func multiclassToy() throws {
        let probabilities: [[Double]] = [
            [0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.2, 0.6], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25],
            [0.8, 0.1, 0.1], [0.4, 0.4, 0.2], [0.1, 0.3, 0.6], [0.6, 0.3, 0.1], [0.2, 0.1, 0.7],
        ]
        let metrics = try ClassificationMetrics.compute(
            truth: classTruth, probabilities: try Matrix(probabilities), classes: [0, 1, 2])
        #expect(metrics.average == "macro" && metrics.positive == nil)
        // argmax, first on ties: [0,1,2,2,1,0,0,2,0,2]
        #expect(metrics.confusionMatrix == [[3, 0, 0], [1, 2, 0], [0, 0, 4]])
        #expect(close(metrics.logLoss, 0.5505524578563892))
        #expect(metrics.perClass.map(\.label) == [0, 1, 2])
        #expect(close(metrics.recall, (1 + 2.0 / 3 + 1) / 3))
    }

    @Test("a tuned decision replaces argmax, and undefined ranking scores are null in JSON")
    func predictedAndNull() throws {
        let metrics = try ClassificationMetrics.compute(
            truth: [0, 0, 0], probabilities: try twoColumns([0.2, 0.6, 0.4]), classes: [0, 1], predicted: [0, 0, 1])
        #expect(metrics.confusionMatrix == [[2, 1], [0, 0]])
        #expect(metrics.rocAUC == nil && metrics.averagePrecision == nil)
        let json = try jsonObject(metrics)
        #expect(json["roc_auc"] is NSNull && json["average_precision"] is NSNull)
        #expect(Set(json.keys) == [
            "average", "positive", "classes", "accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc",
            "average_precision", "log_loss", "brier_score", "confusion_matrix", "per_class",
        ])
        let decoded = try JSONDecoder().decode(ClassificationMetrics.self, from: JSONEncoder().encode(metrics))
        #expect(decoded == metrics)
    }

    @Test("classification input errors are sentences naming the value")
    func classificationErrors() throws {
        let two = try twoColumns([0.5])
        #expect(throws: EvaluationError.invalidInput(
            "Classification metrics: row 0 has label 4, which is not among the classes [0, 1].")) {
            _ = try ClassificationMetrics.compute(truth: [4], probabilities: two, classes: [0, 1])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Classification metrics: the positive class 2 is not among the classes [0, 1].")) {
            _ = try ClassificationMetrics.compute(truth: [0], probabilities: two, classes: [0, 1], positive: 2)
        }
        #expect(throws: EvaluationError.invalidInput(
            "Classification metrics: probabilities have 2 columns but there are 3 classes; they must match.")) {
            _ = try ClassificationMetrics.compute(truth: [0], probabilities: two, classes: [0, 1, 2])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Classification metrics: classes must be distinct; 1 appears twice in [1, 1].")) {
            _ = try ClassificationMetrics.compute(truth: [1], probabilities: two, classes: [1, 1])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Classification metrics: row 0 is predicted as 9, which is not among the classes [0, 1].")) {
            _ = try ClassificationMetrics.compute(truth: [0], probabilities: two, classes: [0, 1], predicted: [9])
        }
        #expect(throws: EvaluationError.invalidInput("Classification metrics need at least 2 classes; got [0].")) {
            _ = try ClassificationMetrics.compute(truth: [0], probabilities: try Matrix([[1.0]]), classes: [0])
        }
    }

    @Test("regression metrics, with MAPE dividing zero targets by machine epsilon")
    func regression() throws {
        // m.mean_absolute_percentage_error([0,2,4],[1,2,3]) → 1501199875790165.2
        let metrics = try RegressionMetrics.compute(truth: [0, 2, 4], predictions: [1, 2, 3])
        #expect(close(metrics.mape, 1501199875790165.2, 1))
        #expect(close(metrics.mae, 2.0 / 3) && metrics.r2 == 1 - 2.0 / 8)
        #expect(Set(try jsonObject(metrics).keys) == ["mae", "rmse", "r2", "mape"])
    }

    @Test("anomaly precision at k resolves tied scores by expectation")
    func precisionAtK() throws {
        // k = 2 positives; the top score is positive, then a tie of three rows holding one positive for one place.
        let metrics = try AnomalyMetrics.compute(truth: [1, 0, 1, 0, 0], scores: [0.9, 0.5, 0.5, 0.5, 0.1])
        #expect(metrics.k == 2)
        #expect(close(metrics.precisionAtK!, (1 + 1.0 / 3) / 2))
        // Pairs: the 0.9 positive beats 3 negatives; the 0.5 positive ties two and beats one: (3 + 1 + 1) / 6.
        #expect(close(metrics.rocAUC!, 5.0 / 6))
        let quiet = try AnomalyMetrics.compute(truth: [0, 0], scores: [0.2, 0.3])
        #expect(quiet.rocAUC == nil && quiet.averagePrecision == nil && quiet.precisionAtK == nil && quiet.k == 0)
        let json = try jsonObject(quiet)
        #expect(json["precision_at_k"] is NSNull && Set(json.keys) == ["roc_auc", "average_precision", "precision_at_k", "k"])
    }
}
