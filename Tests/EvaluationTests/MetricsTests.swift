import Testing
@testable import Evaluation

// Expected values were computed once with scikit-learn 1.9.1; each test names the
// python expression that produced them (`from sklearn import metrics as m`).

/// Scores with ties across classes, shared by the ranking and threshold tests.
let rankingTruth = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0]
let rankingScores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.7, 0.2, 0.35, 0.9, 0.55, 0.4, 0.05]

/// Three-class predictions shared by the classification tests.
let classTruth = [0, 1, 2, 2, 1, 0, 1, 2, 0, 2]
let classPredicted = [0, 2, 2, 2, 1, 0, 0, 1, 0, 2]

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

@Suite("Classification metrics against scikit-learn")
struct ClassificationMetricsTests {
    @Test("accuracy and confusion matrix")
    func accuracyAndConfusion() throws {
        // m.accuracy_score(t, p) → 0.7; m.confusion_matrix(t, p).tolist()
        #expect(try Metrics.accuracy(truth: classTruth, predicted: classPredicted) == 0.7)
        let matrix = try ConfusionMatrix(truth: classTruth, predicted: classPredicted)
        #expect(matrix.labels == [0, 1, 2])
        #expect(matrix.counts == [[3, 0, 0], [1, 1, 1], [0, 1, 3]])
        #expect(matrix.accuracy == 0.7 && matrix.total == 10)
        let restricted = try ConfusionMatrix(truth: classTruth, predicted: classPredicted, labels: [2, 0])
        #expect(restricted.counts == [[3, 0], [0, 3]])
    }

    @Test("macro precision, recall and F1")
    func macroScores() throws {
        // m.precision_score(t, p, average='macro'), m.recall_score(...), m.f1_score(...)
        let matrix = try ConfusionMatrix(truth: classTruth, predicted: classPredicted)
        #expect(close(matrix.macroPrecision, 0.6666666666666666))
        #expect(close(matrix.macroRecall, 0.6944444444444443))
        #expect(close(matrix.macroF1, 0.669047619047619))
        // m.f1_score(t, p, labels=[2], average='macro') → 0.75
        #expect(matrix.f1(of: 2) == 0.75 && matrix.precision(of: 2) == 0.75 && matrix.recall(of: 2) == 0.75)
    }

    @Test("binary precision, recall and F1; zero when undefined")
    func binaryScores() throws {
        // yb = [1,0,1,1,0,0,1]; pb = [1,1,1,0,0,0,1]; m.precision_score(yb, pb) etc. → 0.75 each
        let scores = try Metrics.classScores(truth: [1, 0, 1, 1, 0, 0, 1], predicted: [1, 1, 1, 0, 0, 0, 1])
        #expect(scores == Metrics.ClassScores(precision: 0.75, recall: 0.75, f1: 0.75, support: 4))
        // m.precision_score([1,1], [0,0], zero_division=0) → 0.0
        let none = try Metrics.classScores(truth: [1, 1], predicted: [0, 0])
        #expect(none.precision == 0 && none.recall == 0 && none.f1 == 0)
    }

    @Test("binary and multi-class log loss")
    func logLoss() throws {
        // m.log_loss([1,0,1,1,0,0,1], [0.9,0.2,0.6,0.35,0.0,0.1,1.0])
        let binary = try Metrics.logLoss(truth: [1, 0, 1, 1, 0, 0, 1],
                                         positiveProbabilities: [0.9, 0.2, 0.6, 0.35, 0.0, 0.1, 1.0])
        #expect(close(binary, 0.28493033298493303))
        // m.log_loss(t, P) with P the rows below
        let probabilities: [[Double]] = [
            [0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.2, 0.6], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25],
            [0.8, 0.1, 0.1], [0.4, 0.4, 0.2], [0.1, 0.3, 0.6], [0.6, 0.3, 0.1], [0.2, 0.1, 0.7],
        ]
        let multi = try Metrics.logLoss(truth: classTruth, probabilities: probabilities, classes: [0, 1, 2])
        #expect(close(multi, 0.5505524578563892))
    }

    @Test("classification metrics reject bad input with a sentence")
    func classificationErrors() {
        #expect(throws: EvaluationError.invalidInput("Accuracy: truth has 2 values but predicted has 1; they must match.")) {
            _ = try Metrics.accuracy(truth: [1, 0], predicted: [1])
        }
        #expect(throws: EvaluationError.invalidInput("Accuracy needs at least one sample; got none.")) {
            _ = try Metrics.accuracy(truth: [], predicted: [])
        }
        #expect(throws: EvaluationError.invalidInput("Log loss: probabilities must be in [0, 1]; got 1.5.")) {
            _ = try Metrics.logLoss(truth: [1], positiveProbabilities: [1.5])
        }
        #expect(throws: EvaluationError.invalidInput("Log loss: the probabilities of sample 0 sum to 0.9; expected 1.")) {
            _ = try Metrics.logLoss(truth: [0], probabilities: [[0.5, 0.4]], classes: [0, 1])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Log loss: sample 0 has label 7, which is not among the classes [0, 1].")) {
            _ = try Metrics.logLoss(truth: [7], probabilities: [[0.5, 0.5]], classes: [0, 1])
        }
        #expect(throws: EvaluationError.invalidInput("Confusion matrix labels must be distinct; 1 appears twice.")) {
            _ = try ConfusionMatrix(truth: [1], predicted: [1], labels: [1, 1])
        }
    }
}

@Suite("Ranking metrics against scikit-learn")
struct RankingMetricsTests {
    @Test("ROC AUC with tied scores")
    func rocAUC() throws {
        // m.roc_auc_score(y, s) → 0.7777777777777778
        #expect(close(try Metrics.rocAUC(truth: rankingTruth, scores: rankingScores), 0.7777777777777778))
        // m.roc_auc_score([1,0,1,0,1], [0.5,0.5,0.5,0.2,0.9]) → 0.8333333333333333
        #expect(close(try Metrics.rocAUC(truth: [1, 0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.2, 0.9]), 0.8333333333333333))
        // m.roc_auc_score([0,1,0,1], [0.5]*4) → 0.5
        #expect(try Metrics.rocAUC(truth: [0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.5]) == 0.5)
        #expect(try Metrics.rocAUC(truth: [3, 4], scores: [0.1, 0.2], positiveLabel: 4) == 1)
    }

    @Test("average precision with tied scores and another positive label")
    func averagePrecision() throws {
        // m.average_precision_score(y, s) → 0.8174603174603174
        #expect(close(try Metrics.averagePrecision(truth: rankingTruth, scores: rankingScores), 0.8174603174603174))
        // m.average_precision_score(y, s, pos_label=0) → 0.4102813852813853
        #expect(close(try Metrics.averagePrecision(truth: rankingTruth, scores: rankingScores, positiveLabel: 0),
                      0.4102813852813853))
        // m.average_precision_score([1,0,1,0,1], [0.5,0.5,0.5,0.2,0.9]) → 0.8333333333333333
        #expect(close(try Metrics.averagePrecision(truth: [1, 0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.2, 0.9]),
                      0.8333333333333333))
    }

    @Test("ranking metrics reject one-class truth and non-finite scores")
    func rankingErrors() {
        #expect(throws: EvaluationError.invalidInput(
            "ROC AUC is undefined when only one class is present; got 2 positive and 0 negative samples.")) {
            _ = try Metrics.rocAUC(truth: [1, 1], scores: [0.1, 0.2])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Average precision is undefined without positive samples; no label equals the positive label 1.")) {
            _ = try Metrics.averagePrecision(truth: [0, 0], scores: [0.1, 0.2])
        }
        #expect(throws: EvaluationError.invalidInput("ROC AUC: scores must be finite; value 1 is nan.")) {
            _ = try Metrics.rocAUC(truth: [0, 1], scores: [0.1, .nan])
        }
    }
}

@Suite("Regression metrics against scikit-learn")
struct RegressionMetricsTests {
    let truth = [3, -0.5, 2, 7, 4.2]
    let predicted = [2.5, 0.0, 2, 8, 3.9]

    @Test("R², MAE and RMSE")
    func values() throws {
        // m.r2_score(rt, rp), m.mean_absolute_error(rt, rp), m.root_mean_squared_error(rt, rp)
        #expect(close(try Metrics.r2(truth: truth, predicted: predicted), 0.9480256276150627))
        #expect(close(try Metrics.meanAbsoluteError(truth: truth, predicted: predicted), 0.4600000000000001))
        #expect(close(try Metrics.rootMeanSquaredError(truth: truth, predicted: predicted), 0.5639148871948674))
    }

    @Test("R² of constant truth is 1 when perfect and 0 otherwise")
    func constantTruth() throws {
        // m.r2_score([1,1,1], [1,1,1]) → 1.0; m.r2_score([1,1,1], [1,2,1]) → 0.0
        #expect(try Metrics.r2(truth: [1, 1, 1], predicted: [1, 1, 1]) == 1)
        #expect(try Metrics.r2(truth: [1, 1, 1], predicted: [1, 2, 1]) == 0)
    }

    @Test("regression metrics reject non-finite values")
    func errors() {
        #expect(throws: EvaluationError.invalidInput("R²: predicted must be finite; value 0 is inf.")) {
            _ = try Metrics.r2(truth: [1], predicted: [.infinity])
        }
    }
}
