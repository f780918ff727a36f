import NumericCore

/// The row and feature draws both isolation forests make for each tree.
///
/// Goals, in order: deterministic → O(ψ) work per tree → simple. Every draw
/// comes from the tree's own stream, so a tree depends only on (seed, tree index).
enum IsolationSampling {
    /// `count` distinct indices from `0 ..< population`, in a seed-determined order.
    ///
    /// Robert Floyd's algorithm: O(count) draws and memory however large the
    /// population, so a 1,000,000-row table costs a 256-row tree nothing extra.
    /// - Precondition: `0 ≤ count ≤ population`.
    static func withoutReplacement(
        _ count: Int, from population: Int, using random: inout SeededRandom
    ) -> [Int] {
        precondition(count >= 0 && count <= population, "cannot draw \(count) of \(population) without replacement.")
        if count == population {
            var all = Array(0 ..< population)
            shuffle(&all, using: &random)
            return all
        }
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        var seen = Set<Int>(minimumCapacity: count)
        for upper in (population - count) ..< population {
            let candidate = random.nextIndex(below: upper + 1)
            let pick = seen.contains(candidate) ? upper : candidate
            seen.insert(pick)
            chosen.append(pick)
        }
        return chosen
    }

    /// `count` indices from `0 ..< population`, drawn with replacement.
    static func withReplacement(
        _ count: Int, from population: Int, using random: inout SeededRandom
    ) -> [Int] {
        (0 ..< count).map { _ in random.nextIndex(below: population) }
    }

    /// Fisher–Yates shuffle driven by `random`, so the permutation depends only on the stream.
    static func shuffle(_ values: inout [Int], using random: inout SeededRandom) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            let other = random.nextIndex(below: index + 1)
            values.swapAt(index, other)
        }
    }

    /// The rows of `matrix` at `rows`, restricted to `features`, as a new contiguous block.
    ///
    /// Each tree grows on its own copy of ψ rows, which stays in cache however
    /// large the training table is.
    static func gather(_ matrix: Matrix<Float>, rows: [Int], features: [Int]) -> [Float] {
        var block: [Float] = []
        block.reserveCapacity(rows.count * features.count)
        let width = matrix.columns
        matrix.withUnsafeBufferPointer { elements in
            for row in rows {
                let base = row * width
                for feature in features { block.append(elements[base + feature]) }
            }
        }
        return block
    }

    /// Checks that a training matrix has rows and columns and no infinite value.
    ///
    /// NaN is allowed (a missing value); ±∞ is not, because a split point is
    /// drawn uniformly between a feature's minimum and maximum.
    /// - Complexity: O(rows × columns).
    static func checkTrainingData(_ matrix: Matrix<Float>) throws(ForestError) {
        guard matrix.rows >= 1, matrix.columns >= 1 else {
            throw .invalidData("training data has \(matrix.rows) rows × \(matrix.columns) features; expected at least 1 × 1.")
        }
        let position = matrix.withUnsafeBufferPointer { $0.firstIndex { $0.isInfinite } }
        if let position {
            throw .invalidData(
                "training value at row \(position / matrix.columns), feature \(position % matrix.columns) is infinite; expected a finite number or NaN.")
        }
    }
}
