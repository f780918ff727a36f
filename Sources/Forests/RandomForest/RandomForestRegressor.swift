import NumericCore

/// A Random Forest regressor (Breiman 2001): the prediction is the mean over
/// trees of the mean target in the leaf a row reaches; the spread of the
/// trees' predictions (their standard deviation) is a simple interval.
public struct RandomForestRegressor: Sendable {
    /// The checked hyperparameters the forest was trained with.
    public let configuration: ForestConfiguration.Validated
    /// The trees; each leaf holds one value, the weighted mean target of its rows.
    public let trees: [Tree]
    /// Number of input features.
    public let featureCount: Int
    /// Mean decrease in impurity per feature, summing to 1 (0 everywhere when no tree splits).
    public let featureImportances: [Double]
    /// R² of out-of-bag predictions, or `nil` when not computed (no bootstrap, or disabled).
    public let outOfBagScore: Double?

    /// Trains a forest.
    /// - Parameters:
    ///   - x: training features, one row per sample; NaN marks a missing value.
    ///   - targets: the finite target of each row.
    ///   - configuration: checked hyperparameters (`task` must be `.regression`).
    ///   - progress: told each time a tree is finished (from worker threads).
    /// - Throws: `ForestError.invalidData` for shapes or targets that do not fit,
    ///   `ForestError.invalidParameter` for counts that exceed the data.
    /// - Complexity: O(trees × rows × log rows × maxFeatures) for training.
    public init(
        fitting x: Matrix<Float>, targets: [Double], configuration: ForestConfiguration.Validated,
        progress: TreeProgress? = nil
    ) throws(ForestError) {
        let values = configuration.values
        guard values.task == .regression else {
            throw .invalidParameter("task must be regression for RandomForestRegressor; got \(values.task.rawValue).")
        }
        try ForestTrainer.checkTrainingShape(x: x, targetCount: targets.count)
        if let row = targets.firstIndex(where: { !$0.isFinite }) {
            throw .invalidData("Target at row \(row) is \(targets[row]); targets must be finite numbers.")
        }
        let trained = try ForestTrainer.train(
            x: x, criterion: SquaredErrorCriterion(targets: targets), rowWeights: [], configuration: configuration, progress: progress)
        self.configuration = configuration
        trees = trained.trees
        featureCount = x.columns
        featureImportances = Tree.meanImpurityImportances(trained.trees, featureCount: x.columns)
        if values.bootstrap && values.computesOutOfBagScore {
            var counts = [Int32](repeating: 0, count: x.rows)
            let inBag = trained.inBag
            let predictions = counts.withUnsafeMutableBufferPointer { counts in
                ForestPrediction.meanLeafValues(
                    trees: trained.trees, x: x, width: 1, threads: configuration.threadCount,
                    include: { tree, row in inBag[tree][row >> 6] & (1 << UInt64(row & 63)) == 0 }, counts: counts)
            }
            let scored = (0 ..< x.rows).filter { counts[$0] > 0 }
            outOfBagScore = scored.isEmpty ? nil
                : Self.rSquared(predictions: scored.map { predictions[$0] }, targets: scored.map { targets[$0] })
        } else {
            outOfBagScore = nil
        }
    }

    /// Rebuilds a trained forest from stored parts (a model file).
    /// - Throws: `ForestError.invalidData` when the trees do not fit the feature
    ///   count, store other than one value per leaf, or the importances have the wrong length.
    public init(
        trees: [Tree], featureCount: Int, configuration: ForestConfiguration.Validated,
        featureImportances: [Double], outOfBagScore: Double?
    ) throws(ForestError) {
        guard !trees.isEmpty else { throw .invalidData("A forest needs at least 1 tree; got 0.") }
        for (index, tree) in trees.enumerated() {
            guard tree.featureCount == featureCount else {
                throw .invalidData("Tree \(index) has \(tree.featureCount) features; the forest has \(featureCount).")
            }
            guard tree.valueWidth == 1 else {
                throw .invalidData("Tree \(index) stores \(tree.valueWidth) values per leaf; a regressor stores 1.")
            }
        }
        guard featureImportances.count == featureCount else {
            throw .invalidData("featureImportances has \(featureImportances.count) entries; the forest has \(featureCount) features.")
        }
        self.configuration = configuration
        self.trees = trees
        self.featureCount = featureCount
        self.featureImportances = featureImportances
        self.outOfBagScore = outOfBagScore
    }

    /// The mean over trees of each row's leaf value.
    /// - Throws: `ForestError.invalidData` when `x` has another number of features;
    ///   `.invalidParameter` for `threads` outside 1 … `ForestLimits.maximumThreads`.
    /// - Complexity: O(rows × trees × depth).
    public func predict(_ x: Matrix<Float>, threads: Int? = nil) throws(ForestError) -> [Double] {
        try ForestPrediction.checkFeatures(x, expected: featureCount)
        return ForestPrediction.meanLeafValues(trees: trees, x: x, width: 1, threads: try configuration.predictionThreads(threads))
    }

    /// The mean and the standard deviation over trees (population, ddof 0) of each row's leaf value.
    /// - Throws: `ForestError.invalidData` when `x` has another number of features;
    ///   `.invalidParameter` for `threads` outside 1 … `ForestLimits.maximumThreads`.
    public func predictWithSpread(_ x: Matrix<Float>, threads: Int? = nil) throws(ForestError) -> (mean: [Double], standardDeviation: [Double]) {
        try ForestPrediction.checkFeatures(x, expected: featureCount)
        let result = ForestPrediction.meanAndSpread(trees: trees, x: x, threads: try configuration.predictionThreads(threads))
        return (result.mean, result.spread)
    }

    /// The coefficient of determination 1 − SS_res / SS_tot (1 when the targets are constant and matched).
    static func rSquared(predictions: [Double], targets: [Double]) -> Double {
        let mean = targets.reduce(0, +) / Double(targets.count)
        var residual = 0.0, total = 0.0
        for (prediction, target) in zip(predictions, targets) {
            residual += (target - prediction) * (target - prediction)
            total += (target - mean) * (target - mean)
        }
        return total > 0 ? 1 - residual / total : (residual == 0 ? 1 : 0)
    }
}
