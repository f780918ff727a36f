/// Mean decrease in impurity (MDI), as scikit-learn's `feature_importances_`.
extension Tree {
    /// Per feature, the weighted impurity decrease of its splits divided by the
    /// root's weight, normalised to sum 1; `nil` when the tree has no
    /// impurities or weights stored, all zero when it never splits.
    /// - Complexity: O(nodes).
    public func impurityImportances() -> [Double]? {
        guard impurities.count == nodeCount, weightedSampleCounts.count == nodeCount else { return nil }
        var importances = [Double](repeating: 0, count: featureCount)
        let leaf = leafFlags()
        for index in 0 ..< nodeCount where !leaf[index] {
            let left = index + 1, right = rightChild(of: index)
            importances[layout.feature(packed[index])] += Double(weightedSampleCounts[index]) * Double(impurities[index])
                - Double(weightedSampleCounts[left]) * Double(impurities[left])
                - Double(weightedSampleCounts[right]) * Double(impurities[right])
        }
        let total = importances.reduce(0, +)
        return total > 0 ? importances.map { $0 / total } : importances
    }

    /// The mean of the trees' MDI importances over trees that split at least
    /// once, normalised to sum 1 (scikit-learn's forest `feature_importances_`).
    static func meanImpurityImportances(_ trees: [Tree], featureCount: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: featureCount)
        var counted = 0
        for tree in trees where tree.nodeCount > 1 {
            guard let importances = tree.impurityImportances() else { continue }
            for feature in 0 ..< featureCount { sum[feature] += importances[feature] }
            counted += 1
        }
        let total = sum.reduce(0, +)
        return counted > 0 && total > 0 ? sum.map { $0 / total } : sum
    }
}
