import NumericCore

// K-fold cross-validation splits.
// Goals, in order: deterministic → the same folds as scikit-learn's KFold and
// StratifiedKFold when not shuffled → O(n).

extension Split {
    /// K-fold cross-validation (sklearn's `KFold`): `folds` consecutive test blocks, the
    /// first `n mod folds` of them one sample larger; each sample is tested exactly once.
    /// - Parameters:
    ///   - count: the number of samples.
    ///   - folds: at least 2 and at most `count`; 5 is sklearn's default.
    ///   - seed: when given, the samples are shuffled (stream 0 of the seed) before the blocks
    ///     are cut; default `nil` keeps the order, as sklearn's `shuffle=False`.
    /// - Throws: `EvaluationError.invalidInput` for a fold count outside 2...count.
    /// - Complexity: O(count × folds).
    public static func kFold(count: Int, folds: Int = 5, seed: UInt64? = nil) throws(EvaluationError) -> [Split] {
        try requireFolds(folds, samples: count)
        var order = Array(0 ..< count)
        if let seed {
            var rng = SeededRandom(seed: seed, stream: 0)
            order = shuffle(order, using: &rng)
        }
        var assignment = [Int](repeating: 0, count: count)
        var start = 0
        for fold in 0 ..< folds {
            let size = count / folds + (fold < count % folds ? 1 : 0)
            for position in start ..< start + size { assignment[order[position]] = fold }
            start += size
        }
        return splits(assignment: assignment, folds: folds)
    }

    /// Stratified k-fold cross-validation (sklearn's `StratifiedKFold`): every fold keeps
    /// the class proportions as closely as integers allow.
    ///
    /// Samples sorted by class (in order of first appearance) are dealt round-robin to
    /// decide how many of each class every fold receives; within a class, folds then take
    /// consecutive samples, or a seeded shuffle of them when `seed` is given. Unshuffled,
    /// the folds equal sklearn's.
    /// - Parameters:
    ///   - truth: the class label of each sample.
    ///   - folds: at least 2, at most the number of samples, and at most the largest class size; default 5.
    ///   - seed: shuffle within classes (stream 0 of the seed); default `nil`, no shuffle.
    /// - Throws: `EvaluationError.invalidInput` for a bad fold count.
    /// - Complexity: O(n × folds).
    public static func stratifiedKFold(
        truth: [Int], folds: Int = 5, seed: UInt64? = nil
    ) throws(EvaluationError) -> [Split] {
        try requireFolds(folds, samples: truth.count)
        let members = classMembers(truth)
        let largest = members.map(\.indices.count).max() ?? 0
        guard folds <= largest else {
            throw .invalidInput(
                "Stratified k-fold with \(folds) folds needs a class with at least \(folds) samples; the largest has \(largest).")
        }
        var perFold = [[Int]](repeating: [Int](repeating: 0, count: members.count), count: folds)
        var position = 0
        for (classIndex, member) in members.enumerated() {
            for _ in member.indices {
                perFold[position % folds][classIndex] += 1
                position += 1
            }
        }
        var rng = seed.map { SeededRandom(seed: $0, stream: 0) }
        var assignment = [Int](repeating: 0, count: truth.count)
        for (classIndex, member) in members.enumerated() {
            var foldOfMember = (0 ..< folds).flatMap { Array(repeating: $0, count: perFold[$0][classIndex]) }
            if rng != nil { foldOfMember = shuffle(foldOfMember, using: &rng!) }
            for (sample, fold) in zip(member.indices, foldOfMember) { assignment[sample] = fold }
        }
        return splits(assignment: assignment, folds: folds)
    }

    private static func requireFolds(_ folds: Int, samples: Int) throws(EvaluationError) {
        guard folds >= 2 else {
            throw .invalidInput("K-fold needs at least 2 folds; got \(folds).")
        }
        guard folds <= samples else {
            throw .invalidInput("K-fold with \(folds) folds needs at least \(folds) samples; got \(samples).")
        }
    }

    private static func splits(assignment: [Int], folds: Int) -> [Split] {
        (0 ..< folds).map { fold in
            let test = assignment.indices.filter { assignment[$0] == fold }
            let train = assignment.indices.filter { assignment[$0] != fold }
            return Split(train: train, test: test)
        }
    }
}
