import NumericCore
// Train/test splits of a validation strategy from row times.
// Goals, in order: deterministic → no leakage (time-ordered strategies cut between distinct times, so every
// training row is strictly older than every test row) → every split labelled with what it measured → O(n log n).

/// One train/test split of a ``ValidationStrategy``, with a label that says how its numbers were measured.
public struct ValidationSplit: Sendable, Equatable {
    /// The fold, from 1.
    public let fold: Int
    /// The number of folds of the strategy.
    public let folds: Int
    /// Row indices into the times given, ascending.
    public let split: Split
    /// The oldest and newest training row times, epoch seconds.
    public let trainTimes: ClosedRange<Double>
    /// The oldest and newest test row times, epoch seconds.
    public let testTimes: ClosedRange<Double>
    /// How the split's numbers were measured, e.g. "time-ordered hold-out of the newest 25% of the time span:
    /// tested on 2026-01-10T00:00:00Z … 2026-01-13T23:55:00Z (1152 rows), trained on … (3456 rows)".
    public let measuredOn: String
}

extension ValidationStrategy {
    /// The train/test splits of the strategy for rows with the given times.
    ///
    /// - `time:P%`: test rows are those at or after `newest − P % × (newest − oldest)`; one split.
    /// - `walk-forward:K`: the distinct times, oldest first, are split as ``Split/walkForward(count:folds:testSize:gap:maximumTrainSize:)``
    ///   (K test blocks of `⌊m / (K + 1)⌋` of the `m` distinct times, each trained on all earlier times).
    /// - `kfold:K`: rows in time order (input order among equal times) are cut as ``Split/kFold(count:folds:seed:)``
    ///   unshuffled; folds other than the last train on later rows.
    /// - Parameter times: the time of each row in epoch seconds (any order, several groups may share times); finite.
    /// - Throws: `EvaluationError.invalidInput` for non-finite times or too few rows or distinct times.
    /// - Complexity: O(n log n + n × folds).
    public func splits(times: [Double]) throws(EvaluationError) -> [ValidationSplit] {
        if let row = times.firstIndex(where: { !$0.isFinite }) {
            throw .invalidInput("Validation \(self): row times must be finite; row \(row) is \(times[row]).")
        }
        let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
        var distinct: [Double] = []
        for row in order where distinct.last != times[row] { distinct.append(times[row]) }
        switch self {
        case .timeHoldout(let percent):
            guard distinct.count >= 2 else {
                throw .invalidInput("Validation \(self) needs rows at two or more distinct times; got \(distinct.count).")
            }
            let newest = distinct.last!, oldest = distinct.first!
            let cutoff = newest - percent / 100 * (newest - oldest)
            let test = times.indices.filter { times[$0] >= cutoff }
            let train = times.indices.filter { times[$0] < cutoff }
            return [labelled(Split(train: train, test: test), fold: 1, folds: 1, times: times)]
        case .walkForward(let folds):
            guard distinct.count > folds else {
                throw .invalidInput(
                    "Validation \(self) needs at least \(folds + 1) distinct row times; got \(distinct.count).")
            }
            let blocks = try Split.walkForward(count: distinct.count, folds: folds)
            var timeIndex: [Double: Int] = [:]
            for (index, time) in distinct.enumerated() { timeIndex[time] = index }
            return blocks.enumerated().map { fold, block in
                let trainEnd = block.train.last! + 1, testRange = block.test.first! ... block.test.last!
                let rowsOf = { (range: (Int) -> Bool) in times.indices.filter { range(timeIndex[times[$0]]!) } }
                let split = Split(train: rowsOf { $0 < trainEnd }, test: rowsOf { testRange.contains($0) })
                return labelled(split, fold: fold + 1, folds: folds, times: times)
            }
        case .kFold(let folds):
            let blocks = try Split.kFold(count: times.count, folds: folds)
            return blocks.enumerated().map { fold, block in
                let split = Split(train: block.train.map { order[$0] }, test: block.test.map { order[$0] })
                return labelled(split, fold: fold + 1, folds: folds, times: times)
            }
        }
    }

    private func labelled(_ split: Split, fold: Int, folds: Int, times: [Double]) -> ValidationSplit {
        let range = { (rows: [Int]) in
            rows.map { times[$0] }.min()! ... rows.map { times[$0] }.max()!
        }
        let trainTimes = range(split.train), testTimes = range(split.test)
        let span = { (times: ClosedRange<Double>, rows: Int) in
            "\(UTCCalendar.iso8601(times.lowerBound)) … \(UTCCalendar.iso8601(times.upperBound)) (\(rows) rows)"
        }
        let foldText = folds > 1 ? ", fold \(fold) of \(folds)" : ""
        let measuredOn = "\(summary)\(foldText): tested on \(span(testTimes, split.test.count)), "
            + "trained on \(span(trainTimes, split.train.count))"
        return ValidationSplit(fold: fold, folds: folds, split: split, trainTimes: trainTimes, testTimes: testTimes,
                               measuredOn: measuredOn)
    }
}
