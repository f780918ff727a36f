import Testing
@testable import Evaluation

@Suite("Train/test, k-fold and walk-forward splits")
struct SplitTests {
    /// Every index appears in exactly one of train and test.
    func isPartition(_ split: Split, count: Int) -> Bool {
        (split.train + split.test).sorted() == Array(0 ..< count)
    }

    @Test("stratified train/test keeps class shares and is seeded")
    func stratifiedTrainTest() throws {
        let truth = Array(repeating: 0, count: 90) + Array(repeating: 1, count: 10)
        let split = try Split.stratifiedTrainTest(truth: truth, testFraction: 0.2, seed: 42)
        #expect(isPartition(split, count: 100))
        #expect(split.test.count == 20)
        #expect(split.test.count { truth[$0] == 1 } == 2)
        #expect(try Split.stratifiedTrainTest(truth: truth, testFraction: 0.2, seed: 42) == split)
        #expect(try Split.stratifiedTrainTest(truth: truth, testFraction: 0.2, seed: 43) != split)
    }

    @Test("stratified train/test hands leftover test places to the largest remainders")
    func stratifiedRemainders() throws {
        // 7 / 4 / 3 samples, test 5 of 14: ideal 2.5 / 1.43 / 1.07 → 3 / 1 / 1.
        let truth = [0, 0, 1, 1, 0, 1, 0, 2, 2, 0, 1, 0, 2, 0]
        let split = try Split.stratifiedTrainTest(truth: truth, testFraction: 0.35, seed: 1)
        #expect(isPartition(split, count: truth.count))
        #expect([0, 1, 2].map { label in split.test.count { truth[$0] == label } } == [3, 1, 1])
    }

    @Test("k-fold blocks equal sklearn's KFold")
    func kFold() throws {
        // [te.tolist() for _, te in KFold(3).split(np.zeros(10))]
        let splits = try Split.kFold(count: 10, folds: 3)
        #expect(splits.map(\.test) == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(splits.allSatisfy { isPartition($0, count: 10) })
        let shuffled = try Split.kFold(count: 10, folds: 3, seed: 5)
        #expect(shuffled.map(\.test.count) == [4, 3, 3])
        #expect(shuffled.flatMap(\.test).sorted() == Array(0 ..< 10))
        let again = try Split.kFold(count: 10, folds: 3, seed: 5)
        #expect(shuffled != splits && shuffled == again)
    }

    @Test("stratified k-fold equals sklearn's StratifiedKFold")
    func stratifiedKFold() throws {
        // [te.tolist() for _, te in StratifiedKFold(3).split(np.zeros(14), ys)]
        let truth = [0, 0, 1, 1, 0, 1, 0, 2, 2, 0, 1, 0, 2, 0]
        let splits = try Split.stratifiedKFold(truth: truth, folds: 3)
        #expect(splits.map(\.test) == [[0, 1, 2, 4, 7], [3, 5, 6, 8, 9], [10, 11, 12, 13]])
        let shuffled = try Split.stratifiedKFold(truth: truth, folds: 3, seed: 9)
        for (plain, mixed) in zip(splits, shuffled) {
            #expect([0, 1, 2].map { l in plain.test.count { truth[$0] == l } }
                == [0, 1, 2].map { l in mixed.test.count { truth[$0] == l } })
        }
        #expect(shuffled.flatMap(\.test).sorted() == Array(0 ..< truth.count))
    }

    @Test("walk-forward equals sklearn's TimeSeriesSplit, also with gap and a sliding window")
    func walkForward() throws {
        // [(tr.tolist(), te.tolist()) for tr, te in TimeSeriesSplit(3).split(np.zeros(10))]
        let expanding = try Split.walkForward(count: 10, folds: 3)
        #expect(expanding == [
            Split(train: Array(0 ..< 4), test: [4, 5]),
            Split(train: Array(0 ..< 6), test: [6, 7]),
            Split(train: Array(0 ..< 8), test: [8, 9]),
        ])
        // TimeSeriesSplit(3, test_size=2, gap=1, max_train_size=3)
        let sliding = try Split.walkForward(count: 10, folds: 3, testSize: 2, gap: 1, maximumTrainSize: 3)
        #expect(sliding.map(\.train) == [[0, 1, 2], [2, 3, 4], [4, 5, 6]])
        #expect(sliding.map(\.test) == [[4, 5], [6, 7], [8, 9]])
    }

    @Test("split settings out of range are rejected with a sentence")
    func errors() {
        #expect(throws: EvaluationError.invalidInput("testFraction must be in (0, 1); got 1.0.")) {
            _ = try Split.stratifiedTrainTest(truth: [0, 1], testFraction: 1, seed: 1)
        }
        #expect(throws: EvaluationError.invalidInput(
            "A train/test split with testFraction 0.5 of 1 samples leaves no training sample; need more samples.")) {
            _ = try Split.stratifiedTrainTest(truth: [0], testFraction: 0.5, seed: 1)
        }
        #expect(throws: EvaluationError.invalidInput("K-fold needs at least 2 folds; got 1.")) {
            _ = try Split.kFold(count: 10, folds: 1)
        }
        #expect(throws: EvaluationError.invalidInput("K-fold with 5 folds needs at least 5 samples; got 3.")) {
            _ = try Split.kFold(count: 3, folds: 5)
        }
        #expect(throws: EvaluationError.invalidInput(
            "Stratified k-fold with 3 folds needs a class with at least 3 samples; the largest has 2.")) {
            _ = try Split.stratifiedKFold(truth: [0, 0, 1, 1], folds: 3)
        }
        #expect(throws: EvaluationError.invalidInput(
            "Walk-forward with 3 folds of 3 test samples and gap 1 needs more than 10 samples; got 10.")) {
            _ = try Split.walkForward(count: 10, folds: 3, testSize: 3, gap: 1)
        }
    }
}
