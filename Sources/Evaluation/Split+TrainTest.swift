import NumericCore

// Stratified hold-out split.
// Goals, in order: deterministic (seed → split, independent of anything else) →
// class proportions kept as closely as integers allow → O(n log n).

extension Split {
    /// A seeded train/test split that keeps each class's share in both parts
    /// (sklearn's `train_test_split(..., stratify=y)`).
    ///
    /// The test set has `⌈testFraction·n⌉` samples. Class `c` with `n_c` samples gets
    /// `⌊test·n_c/n⌋` of them, and the samples left over go to the classes with the
    /// largest fractional remainders (ties: larger class, then smaller label), never
    /// taking a class's last training sample. Which samples of a class go to test is a
    /// seeded shuffle (stream 0 of `seed`).
    /// - Parameters:
    ///   - truth: the class label of each sample.
    ///   - testFraction: in (0, 1); 0.25 as sklearn's default.
    ///   - seed: the random seed.
    /// - Throws: `EvaluationError.invalidInput` for a fraction outside (0, 1) or too few samples for both parts.
    /// - Complexity: O(n log n).
    public static func stratifiedTrainTest(
        truth: [Int], testFraction: Double = 0.25, seed: UInt64
    ) throws(EvaluationError) -> Split {
        guard testFraction > 0, testFraction < 1 else {
            throw .invalidInput("testFraction must be in (0, 1); got \(testFraction).")
        }
        let n = truth.count
        let testCount = Int((testFraction * Double(n)).rounded(.up))
        guard testCount < n else {
            throw .invalidInput(
                "A train/test split with testFraction \(testFraction) of \(n) samples leaves no training sample; need more samples.")
        }
        let members = classMembers(truth)
        var quotas = members.map { testCount * $0.indices.count / n }
        let remainders = members.indices.map { testCount * members[$0].indices.count % n }
        let order = members.indices.sorted {
            (remainders[$0], members[$0].indices.count, -members[$0].label)
                > (remainders[$1], members[$1].indices.count, -members[$1].label)
        }
        var missing = testCount - quotas.reduce(0, +)
        while missing > 0 {
            var placed = false
            for index in order where missing > 0 && quotas[index] < members[index].indices.count - 1 {
                quotas[index] += 1
                missing -= 1
                placed = true
            }
            if !placed { break }
        }
        var rng = SeededRandom(seed: seed, stream: 0)
        var train: [Int] = [], test: [Int] = []
        for (member, quota) in zip(members, quotas) {
            let shuffled = shuffle(member.indices, using: &rng)
            test.append(contentsOf: shuffled.prefix(quota))
            train.append(contentsOf: shuffled.dropFirst(quota))
        }
        return Split(train: train, test: test)
    }

    /// Each distinct label with the indices that carry it, in order of first appearance.
    static func classMembers(_ truth: [Int]) -> [(label: Int, indices: [Int])] {
        var position: [Int: Int] = [:]
        var members: [(label: Int, indices: [Int])] = []
        for (index, label) in truth.enumerated() {
            if let slot = position[label] {
                members[slot].indices.append(index)
            } else {
                position[label] = members.count
                members.append((label, [index]))
            }
        }
        return members
    }

    /// A Fisher–Yates shuffle driven by `rng`.
    static func shuffle<T>(_ values: [T], using rng: inout SeededRandom) -> [T] {
        var result = values
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, rng.nextIndex(below: index + 1))
        }
        return result
    }
}
