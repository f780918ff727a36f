import NumericCore

/// A Random Forest classifier (Breiman 2001): bootstrap-sampled CART trees with
/// per-node feature sampling; the predicted probability of a class is the mean
/// over trees of the class fractions in the leaf a row reaches (scikit-learn's
/// `predict_proba` since 1.4).
///
/// Labels are class indices `0 ..< classNames.count`; the caller maps its
/// string or integer labels to indices and keeps the names, which the model
/// carries for reports and files.
public struct RandomForestClassifier: Sendable {
    /// The checked hyperparameters the forest was trained with.
    public let configuration: ForestConfiguration.Validated
    /// The trees; each leaf holds `classNames.count` class fractions.
    public let trees: [Tree]
    /// Class names, indexed by class index.
    public let classNames: [String]
    /// Number of input features.
    public let featureCount: Int
    /// Mean decrease in impurity per feature, summing to 1 (0 everywhere when no tree splits).
    public let featureImportances: [Double]
    /// Accuracy of out-of-bag predictions, or `nil` when not computed (no bootstrap, or disabled).
    public let outOfBagScore: Double?

    /// The number of classes.
    public var classCount: Int { classNames.count }

    /// Trains a forest.
    /// - Parameters:
    ///   - x: training features, one row per sample; NaN marks a missing value.
    ///   - labels: class index of each row, in `0 ..< classNames.count`.
    ///   - classNames: the names of the classes (≥ 1).
    ///   - configuration: checked hyperparameters (`task` must be `.classification`).
    ///   - progress: told each time a tree is finished (from worker threads).
    /// - Throws: `ForestError.invalidData` for shapes or labels that do not fit,
    ///   `ForestError.invalidParameter` for counts that exceed the data.
    /// - Complexity: O(trees × rows × log rows × maxFeatures) for training.
    public init(
        fitting x: Matrix<Float>, labels: [Int], classNames: [String],
        configuration: ForestConfiguration.Validated, progress: TreeProgress? = nil
    ) throws(ForestError) {
        let values = configuration.values
        guard values.task == .classification else {
            throw .invalidParameter("task must be classification for RandomForestClassifier; got \(values.task.rawValue).")
        }
        try ForestTrainer.checkTrainingShape(x: x, targetCount: labels.count)
        guard !classNames.isEmpty else { throw .invalidData("A classifier needs at least 1 class name; got 0.") }
        var classCounts = [Int](repeating: 0, count: classNames.count)
        for (row, label) in labels.enumerated() {
            guard label >= 0, label < classNames.count else {
                throw .invalidData("Label \(label) at row \(row) is not a class index in 0..<\(classNames.count).")
            }
            classCounts[label] += 1
        }
        var rowWeights: [Double] = []
        if values.classWeight == .balanced {
            let present = Double(classCounts.filter { $0 > 0 }.count)
            let classWeights = classCounts.map { $0 > 0 ? Double(x.rows) / (present * Double($0)) : 0 }
            rowWeights = labels.map { classWeights[$0] }
        }
        let criterion = ClassificationCriterion(
            kind: values.criterion == .entropy ? .entropy : .gini, classCount: classNames.count,
            labels: labels.map { Int32($0) })
        let trained = try ForestTrainer.train(
            x: x, criterion: criterion, rowWeights: rowWeights, configuration: configuration, progress: progress)
        self.configuration = configuration
        trees = trained.trees
        self.classNames = classNames
        featureCount = x.columns
        featureImportances = Tree.meanImpurityImportances(trained.trees, featureCount: x.columns)
        if values.bootstrap && values.computesOutOfBagScore {
            outOfBagScore = Self.outOfBagAccuracy(
                trees: trained.trees, inBag: trained.inBag, x: x, labels: labels,
                classCount: classNames.count, threads: configuration.threadCount)
        } else {
            outOfBagScore = nil
        }
    }

    /// Rebuilds a trained forest from stored parts (a model file).
    /// - Throws: `ForestError.invalidData` when the trees do not fit the class
    ///   and feature counts or the importances have the wrong length.
    public init(
        trees: [Tree], classNames: [String], featureCount: Int, configuration: ForestConfiguration.Validated,
        featureImportances: [Double], outOfBagScore: Double?
    ) throws(ForestError) {
        guard !trees.isEmpty else { throw .invalidData("A forest needs at least 1 tree; got 0.") }
        guard !classNames.isEmpty else { throw .invalidData("A classifier needs at least 1 class name; got 0.") }
        for (index, tree) in trees.enumerated() {
            guard tree.featureCount == featureCount else {
                throw .invalidData("Tree \(index) has \(tree.featureCount) features; the forest has \(featureCount).")
            }
            guard tree.valueWidth == classNames.count else {
                throw .invalidData("Tree \(index) stores \(tree.valueWidth) values per leaf; the forest has \(classNames.count) classes.")
            }
        }
        guard featureImportances.count == featureCount else {
            throw .invalidData("featureImportances has \(featureImportances.count) entries; the forest has \(featureCount) features.")
        }
        self.configuration = configuration
        self.trees = trees
        self.classNames = classNames
        self.featureCount = featureCount
        self.featureImportances = featureImportances
        self.outOfBagScore = outOfBagScore
    }

    /// Class probabilities: the mean over trees of the leaf class fractions, rows × classes.
    /// - Parameter threads: worker threads; default the configuration's.
    /// - Throws: `ForestError.invalidData` when `x` has another number of features;
    ///   `.invalidParameter` for `threads` outside 1 … `ForestLimits.maximumThreads`.
    /// - Complexity: O(rows × trees × depth).
    public func predictProbabilities(_ x: Matrix<Float>, threads: Int? = nil) throws(ForestError) -> Matrix<Double> {
        try ForestPrediction.checkFeatures(x, expected: featureCount)
        let probabilities = ForestPrediction.meanLeafValues(
            trees: trees, x: x, width: classCount, threads: try configuration.predictionThreads(threads))
        // Weighted leaf fractions (class_weight: balanced) can be a rounding error below 0 (-6e-18 seen);
        // probabilities leave here inside [0, 1], as log loss and every reader expect.
        return try! Matrix(rows: x.rows, columns: classCount, storage: probabilities.map { min(max($0, 0), 1) })
    }

    /// The most probable class index of each row (the lowest index on ties, like numpy's `argmax`).
    /// - Throws: as `predictProbabilities`.
    public func predict(_ x: Matrix<Float>, threads: Int? = nil) throws(ForestError) -> [Int] {
        Self.argmax(try predictProbabilities(x, threads: threads).storage, width: classCount)
    }

    static func argmax(_ values: [Double], width: Int) -> [Int] {
        stride(from: 0, to: values.count, by: width).map { start in
            var best = 0
            for k in 1 ..< width where values[start + k] > values[start + best] { best = k }
            return best
        }
    }

    static func outOfBagAccuracy(
        trees: [Tree], inBag: [[UInt64]], x: Matrix<Float>, labels: [Int], classCount: Int, threads: Int
    ) -> Double? {
        var counts = [Int32](repeating: 0, count: x.rows)
        let probabilities = counts.withUnsafeMutableBufferPointer { counts in
            ForestPrediction.meanLeafValues(
                trees: trees, x: x, width: classCount, threads: threads,
                include: { tree, row in inBag[tree][row >> 6] & (1 << UInt64(row & 63)) == 0 }, counts: counts)
        }
        let predicted = argmax(probabilities, width: classCount)
        var scored = 0, correct = 0
        for row in 0 ..< x.rows where counts[row] > 0 {
            scored += 1
            if predicted[row] == labels[row] { correct += 1 }
        }
        return scored > 0 ? Double(correct) / Double(scored) : nil
    }
}
