// Walk-forward (expanding window) splits for time-ordered samples.

extension Split {
    /// Walk-forward validation for samples in time order (sklearn's `TimeSeriesSplit`):
    /// each split trains on everything before its test block, so no test sample
    /// precedes a training sample. The test blocks are the last `folds × testSize` samples.
    ///
    /// - Parameters:
    ///   - count: the number of samples, oldest first.
    ///   - folds: the number of splits, at least 1; 5 as sklearn's default.
    ///   - testSize: samples per test block; default `nil` means `count / (folds + 1)`.
    ///   - gap: samples dropped between the end of training and the test block, at least 0;
    ///     use the feature window length so lagged features do not leak; default 0.
    ///   - maximumTrainSize: keep only the latest this-many training samples (sliding
    ///     window); default `nil`, an expanding window.
    /// - Throws: `EvaluationError.invalidInput` when the settings leave no training sample or are out of range.
    /// - Complexity: O(count × folds).
    public static func walkForward(
        count: Int, folds: Int = 5, testSize: Int? = nil, gap: Int = 0, maximumTrainSize: Int? = nil
    ) throws(EvaluationError) -> [Split] {
        guard folds >= 1 else {
            throw .invalidInput("Walk-forward needs at least 1 fold; got \(folds).")
        }
        guard gap >= 0 else {
            throw .invalidInput("Walk-forward gap must be at least 0; got \(gap).")
        }
        if let maximumTrainSize, maximumTrainSize < 1 {
            throw .invalidInput("Walk-forward maximumTrainSize must be at least 1; got \(maximumTrainSize).")
        }
        let size = testSize ?? count / (folds + 1)
        guard size >= 1 else {
            throw .invalidInput("Walk-forward test blocks must hold at least 1 sample; got \(size) (\(count) samples, \(folds) folds).")
        }
        let firstTest = count - folds * size
        guard firstTest - gap > 0 else {
            throw .invalidInput(
                "Walk-forward with \(folds) folds of \(size) test samples and gap \(gap) needs more than \(folds * size + gap) samples; got \(count).")
        }
        return (0 ..< folds).map { fold in
            let testStart = firstTest + fold * size
            let trainEnd = testStart - gap
            let trainStart = maximumTrainSize.map { max(0, trainEnd - $0) } ?? 0
            return Split(train: Array(trainStart ..< trainEnd), test: Array(testStart ..< testStart + size))
        }
    }
}
