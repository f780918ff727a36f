import NumericCore

extension ExtendedIsolationForest {
    /// Each feature's share in isolating row `row`, summing to 1 (see `FeatureContribution`).
    ///
    /// A hyperplane split's credit, `log2(node rows / child rows)`, is shared by
    /// the features it uses in proportion to `|normal_f|`, their weight in the projection.
    /// - Parameters:
    ///   - features: rows × `featureCount`, as for `scores`.
    ///   - row: the row to explain.
    /// - Throws: `ForestError.invalidData` for a wrong column count or a row out of range.
    /// - Complexity: O(trees × depth × features).
    public func contributions(of features: Matrix<Float>, row: Int) throws(ForestError) -> [Double] {
        guard features.columns == featureCount else {
            throw .invalidData("model expects \(featureCount) features; the data has \(features.columns).")
        }
        guard row >= 0, row < features.rows else {
            throw .invalidData("row \(row) is out of range; the data has \(features.rows) rows.")
        }
        let values = features.storage
        var weights = [Double](repeating: 0, count: featureCount)
        for tree in 0 ..< treeCount {
            var path: [Int] = []
            let leaf = walk(values, rowBase: row * featureCount, tree: tree) { path.append($0) }
            for (position, node) in path.enumerated() {
                let child = position + 1 < path.count ? path[position + 1] : leaf
                let gain = FeatureContribution.isolationGain(parent: nodeSamples[node], child: nodeSamples[child])
                let normal = normals[node * featureCount ..< (node + 1) * featureCount]
                let norm = normal.reduce(0.0) { $0 + Double(abs($1)) }
                guard norm > 0 else { continue }
                for (feature, component) in normal.enumerated() where component != 0 {
                    weights[feature] += gain * Double(abs(component)) / norm
                }
            }
        }
        return FeatureContribution.normalised(weights)
    }

    /// The `count` features that contributed most to isolating `row`, largest first.
    /// - Throws: as `contributions(of:row:)`.
    public func topContributions(of features: Matrix<Float>, row: Int, count: Int = 3) throws(ForestError) -> [FeatureContribution] {
        FeatureContribution.top(try contributions(of: features, row: row), count: count)
    }
}
