import NumericCore

// Growing hyperplane isolation trees.
//
// Goals, in order: deterministic (every draw from the tree's own stream, in a
// fixed order per node) → exact to Hariri et al. (normal components N(0, 1),
// intercept point uniform in the node's bounding box, height limit ⌈log2 ψ⌉)
// → bounded memory (one ψ × d block per tree) → fast.

extension ExtendedIsolationForest {
    /// Grows an Extended Isolation Forest on the rows of `features`.
    ///
    /// Each tree draws ψ rows (without replacement unless `bootstrap`) from
    /// stream `(seed, tree index)` and splits them by random hyperplanes until a
    /// node holds one row, its rows are identical, or it reaches ⌈log2 ψ⌉.
    /// Normals are drawn only over features that vary in the node, so constant
    /// columns never waste a split (an extension level above the number of
    /// varying features uses them all). NaN is allowed and is ignored when the
    /// bounding box is measured; see the type's documentation for how it is routed.
    /// - Parameters:
    ///   - features: training rows × features; NaN marks a missing value.
    ///   - configuration: validated hyperparameters.
    /// - Throws: `ForestError.invalidData` for an empty matrix or an infinite value;
    ///   `ForestError.invalidParameter` for an extension level ≥ the number of features.
    /// - Complexity: O(trees × ψ × d × log ψ) time, O(ψ × d) extra memory per thread.
    public static func fit(
        _ features: Matrix<Float>, configuration: ValidatedConfiguration
    ) throws(ForestError) -> ExtendedIsolationForest {
        try IsolationSampling.checkTrainingData(features)
        let shared = configuration.shared
        let level = try configuration.extensionLevel.resolved(features: features.columns)
        let sampleSize = IsolationForest.resolvedSampleSize(shared.maxSamples, rows: features.rows)
        let heightLimit = IsolationPathLength.heightLimit(sampleSize: sampleSize)
        let grown = parallelMap(count: shared.trees, threads: shared.threads) { tree in
            var random = SeededRandom(seed: shared.seed, stream: UInt64(tree))
            let rows = shared.bootstrap
                ? IsolationSampling.withReplacement(sampleSize, from: features.rows, using: &random)
                : IsolationSampling.withoutReplacement(sampleSize, from: features.rows, using: &random)
            let block = IsolationSampling.gather(features, rows: rows, features: Array(0 ..< features.columns))
            var grower = HyperplaneTreeGrower(
                block: block, rows: sampleSize, features: features.columns,
                extensionLevel: level, heightLimit: heightLimit)
            return grower.grow(using: &random)
        }
        var offsets = [0]
        var left: [Int32] = [], right: [Int32] = [], normals: [Float] = []
        var intercepts: [Double] = [], missing: [Bool] = [], samples: [Int32] = []
        for tree in grown {
            left += tree.left
            right += tree.right
            normals += tree.normals
            intercepts += tree.intercepts
            missing += tree.missingGoesLeft
            samples += tree.samples
            offsets.append(left.count)
        }
        var model = try ExtendedIsolationForest(
            featureCount: features.columns, sampleSize: sampleSize, extensionLevel: level,
            treeOffsets: offsets, leftChildren: left, rightChildren: right, normals: normals,
            intercepts: intercepts, missingGoesLeft: missing, nodeSamples: samples,
            configuration: configuration)
        if case .fraction = shared.contamination {
            let trainingScores = try model.scores(features, threads: shared.threads)
            model.offset = try IsolationForest.offset(for: shared.contamination, trainingScores: trainingScores)
        }
        return model
    }
}
