import NumericCore

// Explaining many rows at once.
//
// Goals, in order: the same shares as `contributions(of:row:)` bit for bit
// (each feature's credits are added in tree order, then path order, and the
// per-step credit is computed by the same expression) → fast. The per-row
// functions walk each tree through closures, allocate per tree and take a
// logarithm per step (~38 µs a row for 100 trees); here each step's credit is
// looked up from a per-edge table built once per call, a block of rows walks
// one tree at a time so that tree stays in cache (axis-parallel trees: eight rows
// in lockstep, `AxisExplanationLayout`), and blocks run in parallel.

extension IsolationForest {
    /// Rows explained per job: small enough that their credit table stays in L1/L2.
    static let explanationBlock = 256

    /// The `count` features that contributed most to isolating each row of `rows`, largest first;
    /// element `i` equals `topContributions(of: features, row: rows[i], count: count)`.
    /// - Parameters:
    ///   - features: rows × `featureCount`, as for `scores`.
    ///   - rows: the rows to explain, in any order (typically the flagged ones).
    ///   - count: features to keep per row (at most `featureCount`).
    ///   - threads: worker threads; default nil = every active core.
    /// - Throws: `ForestError.invalidData` for a wrong column count or a row out of range;
    ///   `ForestError.invalidParameter` for threads < 1.
    /// - Complexity: O(rows × trees × depth + nodes).
    public func topContributions(
        of features: Matrix<Float>, rows: [Int], count: Int, threads: Int? = nil
    ) throws(ForestError) -> [[FeatureContribution]] {
        try ExplanationBatch.check(features, rows: rows, featureCount: featureCount)
        let threadCount = try IsolationForest.resolveThreads(threads)
        // Rows in one cell share their path, so their explanations: each cell is explained once.
        if let grouped = cells?.groups(features, rows: rows, threads: threadCount) {
            let distinct = explainingEveryRow(
                features, rows: grouped.representatives.map { rows[$0] }, count: count, threads: threadCount)
            return grouped.groupOfRow.map { distinct[Int($0)] }
        }
        return explainingEveryRow(features, rows: rows, count: count, threads: threadCount)
    }

    /// `topContributions(of:rows:count:threads:)`, walking every row.
    private func explainingEveryRow(
        _ features: Matrix<Float>, rows: [Int], count: Int, threads threadCount: Int
    ) -> [[FeatureContribution]] {
        let layout = AxisExplanationLayout(trees: trees)
        let width = featureCount
        return ExplanationBatch.run(rows: rows, width: width, count: count, threads: threadCount) { block, weights in
            features.withUnsafeBufferPointer { values in
                layout.addCredits(values.baseAddress!, width: width, rows: block, into: weights)
            }
        }
    }
}

extension ExtendedIsolationForest {
    /// The `count` features that contributed most to isolating each row of `rows`, largest first;
    /// element `i` equals `topContributions(of: features, row: rows[i], count: count)`.
    /// - Parameters: as `IsolationForest.topContributions(of:rows:count:threads:)`.
    /// - Throws: as `IsolationForest.topContributions(of:rows:count:threads:)`.
    /// - Complexity: O(rows × trees × depth × (extensionLevel + 1) + nodes × features).
    public func topContributions(
        of features: Matrix<Float>, rows: [Int], count: Int, threads: Int? = nil
    ) throws(ForestError) -> [[FeatureContribution]] {
        try ExplanationBatch.check(features, rows: rows, featureCount: featureCount)
        let threadCount = try IsolationForest.resolveThreads(threads)
        let width = featureCount
        let table = HyperplaneCredits(self)
        return ExplanationBatch.run(rows: rows, width: width, count: count, threads: threadCount) { block, weights in
            features.withUnsafeBufferPointer { values in
                table.withPointers { t in
                    for tree in 0 ..< treeCount {
                        let base = treeOffsets[tree]
                        for (position, row) in block.enumerated() {
                            let x = values.baseAddress! + row * width
                            let credits = weights + position * width
                            var node = base
                            while t.left[node] >= 0 {
                                let terms = Int(t.termStarts[node]) ..< Int(t.termStarts[node + 1])
                                // The projection exactly as `HyperplaneProjection.dot`: non-zero terms, ascending.
                                var projection = 0.0
                                for term in terms {
                                    projection += Double(x[Int(t.termFeatures[term])]) * Double(t.termComponents[term])
                                }
                                let goLeft = projection.isNaN ? t.missingGoesLeft[node] : projection <= t.intercepts[node]
                                let child = base + Int(goLeft ? t.left[node] : t.right[node])
                                let norm = t.norms[node]
                                if norm > 0 {
                                    let gain = t.gains[child]
                                    for term in terms {
                                        credits[Int(t.termFeatures[term])] +=
                                            gain * Double(abs(t.termComponents[term])) / norm
                                    }
                                }
                                node = child
                            }
                        }
                    }
                }
            }
        }
    }
}

/// An extended forest's nodes as explanation walks them: non-zero normal
/// components listed per node, each node's `Σ |normal_f|`, and the credit of
/// stepping into each node from its parent.
private struct HyperplaneCredits {
    let left: [Int32]
    let right: [Int32]
    let intercepts: [Double]
    let missingGoesLeft: [Bool]
    /// Node `k`'s terms are `termStarts[k] ..< termStarts[k + 1]`.
    let termStarts: [Int32]
    let termFeatures: [Int32]
    let termComponents: [Float]
    let norms: [Double]
    /// Global node index → `log2(parent rows / rows)`; 0 at roots.
    let gains: [Double]

    init(_ forest: ExtendedIsolationForest) {
        let nodes = forest.nodeCount
        let width = forest.featureCount
        var termStarts: [Int32] = [0]
        var termFeatures: [Int32] = []
        var termComponents: [Float] = []
        var norms = [Double](repeating: 0, count: nodes)
        var gains = [Double](repeating: 0, count: nodes)
        termStarts.reserveCapacity(nodes + 1)
        for tree in 0 ..< forest.treeCount {
            let base = forest.treeOffsets[tree]
            for node in base ..< forest.treeOffsets[tree + 1] {
                let normal = forest.normals[node * width ..< (node + 1) * width]
                norms[node] = normal.reduce(0.0) { $0 + Double(abs($1)) }
                for (feature, component) in normal.enumerated() where component != 0 {
                    termFeatures.append(Int32(feature))
                    termComponents.append(component)
                }
                termStarts.append(Int32(termFeatures.count))
                guard forest.leftChildren[node] >= 0 else { continue }
                for child in [base + Int(forest.leftChildren[node]), base + Int(forest.rightChildren[node])] {
                    gains[child] = FeatureContribution.isolationGain(
                        parent: forest.nodeSamples[node], child: forest.nodeSamples[child])
                }
            }
        }
        left = forest.leftChildren
        right = forest.rightChildren
        intercepts = forest.intercepts
        missingGoesLeft = forest.missingGoesLeft
        self.termStarts = termStarts
        self.termFeatures = termFeatures
        self.termComponents = termComponents
        self.norms = norms
        self.gains = gains
    }

    /// The arrays as pointers, valid inside `body`.
    struct Pointers {
        let left, right: UnsafePointer<Int32>
        let intercepts: UnsafePointer<Double>
        let missingGoesLeft: UnsafePointer<Bool>
        let termStarts, termFeatures: UnsafePointer<Int32>
        let termComponents: UnsafePointer<Float>
        let norms, gains: UnsafePointer<Double>
    }

    func withPointers<R>(_ body: (Pointers) -> R) -> R {
        left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                intercepts.withUnsafeBufferPointer { intercepts in
                    missingGoesLeft.withUnsafeBufferPointer { missing in
                        termStarts.withUnsafeBufferPointer { starts in
                            termFeatures.withUnsafeBufferPointer { termFeatures in
                                termComponents.withUnsafeBufferPointer { termComponents in
                                    norms.withUnsafeBufferPointer { norms in
                                        gains.withUnsafeBufferPointer { gains in
                                            body(Pointers(
                                                left: left.baseAddress!, right: right.baseAddress!,
                                                intercepts: intercepts.baseAddress!, missingGoesLeft: missing.baseAddress!,
                                                termStarts: starts.baseAddress!, termFeatures: termFeatures.baseAddress!,
                                                termComponents: termComponents.baseAddress!, norms: norms.baseAddress!,
                                                gains: gains.baseAddress!))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The parts both forests' batch explanations share: argument checks, blocks and top-k.
enum ExplanationBatch {
    static func check(_ features: Matrix<Float>, rows: [Int], featureCount: Int) throws(ForestError) {
        guard features.columns == featureCount else {
            throw .invalidData("model expects \(featureCount) features; the data has \(features.columns).")
        }
        if let bad = rows.first(where: { $0 < 0 || $0 >= features.rows }) {
            throw .invalidData("row \(bad) is out of range; the data has \(features.rows) rows.")
        }
    }

    /// Splits `rows` into blocks, lets `credit` add each block's credits into a zeroed
    /// `block.count × width` table (with room for whole groups of `AxisExplanationLayout.lanes` rows), then keeps each row's `count` largest shares.
    static func run(
        rows: [Int], width: Int, count: Int, threads: Int,
        credit: (_ block: ArraySlice<Int>, _ weights: UnsafeMutablePointer<Double>) -> Void
    ) -> [[FeatureContribution]] {
        let size = IsolationForest.explanationBlock
        let blocks = (rows.count + size - 1) / size
        let keep = min(max(0, count), width)
        let perBlock = parallelMap(count: blocks, threads: threads) { index in
            let block = rows[index * size ..< min(rows.count, (index + 1) * size)]
            // Rounded up to whole lane groups: lockstep walks write their padding lanes there.
            let padded = (block.count + AxisExplanationLayout.lanes - 1) / AxisExplanationLayout.lanes
                * AxisExplanationLayout.lanes
            var weights = [Double](repeating: 0, count: padded * width)
            return weights.withUnsafeMutableBufferPointer { weights in
                credit(block, weights.baseAddress!)
                return (0 ..< block.count).map { position in
                    FeatureContribution.top(
                        UnsafeMutableBufferPointer(rebasing: weights[position * width ..< (position + 1) * width]),
                        count: keep)
                }
            }
        }
        return perBlock.flatMap { $0 }
    }
}

extension FeatureContribution {
    /// `top(normalised(weights), count:)` without the intermediate arrays: the same
    /// shares (each weight divided by the sum taken in index order) and the same order.
    /// Normalises `weights` in place.
    static func top(_ weights: UnsafeMutableBufferPointer<Double>, count: Int) -> [FeatureContribution] {
        var total = 0.0
        for weight in weights { total += weight }
        if total > 0 {
            for index in weights.indices { weights[index] /= total }
        }
        var chosen: [FeatureContribution] = []
        chosen.reserveCapacity(count)
        // Selection: `count` is a handful; ties keep the lower feature index, as `top` does.
        var taken = [Bool](repeating: false, count: weights.count)
        for _ in 0 ..< min(count, weights.count) {
            var best = -1
            for index in weights.indices where !taken[index] {
                if best < 0 || weights[index] > weights[best] { best = index }
            }
            taken[best] = true
            chosen.append(FeatureContribution(feature: best, share: weights[best]))
        }
        return chosen
    }
}
