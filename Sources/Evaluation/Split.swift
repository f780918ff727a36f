/// A division of sample indices into training and test sets.
///
/// Splits are index arrays (ascending), so callers pick rows with
/// `Matrix.selectingRows(_:)` in memory order. Randomised splits take an explicit
/// seed and draw from `SeededRandom(seed:stream:)`, so they are reproducible.
public struct Split: Sendable, Equatable {
    /// Indices of the training samples, ascending.
    public let train: [Int]
    /// Indices of the test samples, ascending.
    public let test: [Int]

    /// A split from two disjoint index sets; both are sorted.
    public init(train: [Int], test: [Int]) {
        self.train = train.sorted()
        self.test = test.sorted()
    }
}
