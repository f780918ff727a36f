import NumericCore

// Training an Isolation Forest.
//
// Goals, in order: deterministic (tree t draws its features, its rows and
// every split from stream (seed, t) in that order, so any thread count gives
// the same forest) → exact to the paper and scikit-learn (ψ, height limit
// ⌈log2 ψ⌉, uniform feature and threshold) → bounded memory (a tree copies
// only its ψ rows) → fast.

extension IsolationForest {
    /// Grows an Isolation Forest on the rows of `features`.
    ///
    /// Each tree draws `maxFeatures` features and ψ rows (without replacement
    /// unless `bootstrap`; a bootstrap draw's duplicates are merged, as
    /// scikit-learn turns them into weights that isolation trees ignore), copies
    /// those rows, and grows with `TreeGrower` and `IsolationSplitter` to depth
    /// ⌈log2 ψ⌉. With `contamination = .fraction(c)` the `offset` is then set
    /// so that a fraction `c` of the training rows score above `−offset`.
    /// - Parameters:
    ///   - features: training rows × features; NaN marks a missing value.
    ///   - configuration: validated hyperparameters.
    /// - Throws: `ForestError.invalidData` for an empty matrix or an infinite value;
    ///   `ForestError.invalidParameter` for `maxFeatures` above the number of features.
    /// - Complexity: O(trees × ψ × (d + log ψ)) time, O(ψ × d) extra memory per thread.
    public static func fit(
        _ features: Matrix<Float>, configuration: ValidatedConfiguration
    ) throws(ForestError) -> IsolationForest {
        try IsolationSampling.checkTrainingData(features)
        let featureCount = features.columns
        let perTree = try resolvedFeatureCount(configuration.maxFeatures, features: featureCount)
        let sampleSize = resolvedSampleSize(configuration.maxSamples, rows: features.rows)
        let limits = TreeGrower<IsolationSplitter>.Limits(
            maxDepth: IsolationPathLength.heightLimit(sampleSize: sampleSize), minSamplesSplit: 2, minSamplesLeaf: 1)
        let trees = parallelMap(count: configuration.trees, threads: configuration.threads) { index in
            var random = SeededRandom(seed: configuration.seed, stream: UInt64(index))
            let subset = perTree < featureCount
                ? IsolationSampling.withoutReplacement(perTree, from: featureCount, using: &random).sorted()
                : Array(0 ..< featureCount)
            let drawn = configuration.bootstrap
                ? IsolationSampling.withReplacement(sampleSize, from: features.rows, using: &random)
                : IsolationSampling.withoutReplacement(sampleSize, from: features.rows, using: &random)
            let rows = configuration.bootstrap ? Array(Set(drawn)).sorted() : drawn.sorted()
            let block = IsolationSampling.gather(features, rows: rows, features: Array(0 ..< featureCount))
            let columns = FeatureColumns(try! Matrix(rows: rows.count, columns: featureCount, storage: block))
            var splitter = IsolationSplitter(columns: columns, features: subset)
            let grower = TreeGrower<IsolationSplitter>(columns: columns, limits: limits)
            return grower.grow(rows: (0 ..< Int32(rows.count)).map { $0 }, splitter: &splitter, random: &random)
        }
        var model = try IsolationForest(
            trees: trees, featureCount: featureCount, sampleSize: sampleSize, configuration: configuration)
        if case .fraction = configuration.contamination {
            let trainingScores = try model.scores(features, threads: configuration.threads)
            model.offset = try offset(for: configuration.contamination, trainingScores: trainingScores)
        }
        return model
    }
}
