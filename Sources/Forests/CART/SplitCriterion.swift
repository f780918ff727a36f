#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How CART scores a node: the sufficient statistics it accumulates per row,
/// the impurity of a set of rows, and the leaf values.
///
/// Statistics are `stride` doubles: `[0]` the number of distinct rows,
/// `[1]` the total weight, then criterion-specific sums. Sums of statistics
/// are statistics of the union, so histograms add and subtract them.
protocol SplitCriterion: Sendable {
    /// What the criterion needs of a row: its class index or its target value.
    associatedtype Target: BitwiseCopyable
    /// Doubles per statistics vector.
    var stride: Int { get }
    /// Values per leaf.
    var valueWidth: Int { get }
    /// The target of training row `row`.
    func target(ofRow row: Int) -> Target
    /// Adds a row with target `target` and weight `weight` to `stats`.
    func accumulate(_ target: Target, weight: Double, into stats: UnsafeMutablePointer<Double>)
    /// A score of the split of rows `total` into `left` and `total − left`
    /// that is larger exactly when the weighted child impurity is smaller
    /// (scikit-learn's "proxy improvement"); the right side is never materialised.
    func score(left: UnsafePointer<Double>, total: UnsafePointer<Double>) -> Double
    /// The impurity of a node's rows: statistics `stats`, and (for criteria
    /// that need more than the statistics) the node's targets and weights.
    func impurity(
        _ stats: UnsafePointer<Double>, targets: UnsafeBufferPointer<Target>, weights: UnsafeBufferPointer<Double>
    ) -> Double
    /// `W·impurity(total) − W_L·impurity(left) − W_R·impurity(right)` for a
    /// split of rows `total` into `left` and `right` (W: weights).
    func weightedDecrease(
        total: UnsafePointer<Double>, left: UnsafePointer<Double>, right: UnsafePointer<Double>
    ) -> Double
    /// Whether no split of rows with statistics `stats` and targets `targets` can lower the impurity.
    func isPure(_ stats: UnsafePointer<Double>, targets: UnsafeBufferPointer<Target>) -> Bool
    /// Appends the leaf values for rows with statistics `stats`.
    func appendLeafValues(_ stats: UnsafePointer<Double>, to values: inout [Double])
    /// Whether the best cut always lies where the class changes, so that a cut
    /// between two runs of one class need not be scored. True for impurities
    /// that are concave in the class fractions (Gini, entropy): along a run of
    /// one class the weighted child impurity is concave, so its minimum is at
    /// the run's ends (Fayyad & Irani 1992).
    var cutsAtClassBoundaries: Bool { get }
    /// The only class present in rows with statistics `stats`, or -1.
    func soleClass(_ stats: UnsafePointer<Double>) -> Int
    /// The class of a row with target `target`, or -1 without classes.
    func soleClass(of target: Target) -> Int
}

/// Gini impurity or Shannon entropy (bits, as scikit-learn) over weighted class counts.
/// Statistics: count, weight, then the weight of each class.
struct ClassificationCriterion: SplitCriterion {
    /// Which impurity.
    enum Kind: Sendable { case gini, entropy }

    let kind: Kind
    let classCount: Int
    /// Class index of each training row.
    let labels: [Int32]

    var stride: Int { classCount + 2 }
    var valueWidth: Int { classCount }

    func target(ofRow row: Int) -> Int32 { labels[row] }

    @inline(__always)
    func accumulate(_ target: Int32, weight: Double, into stats: UnsafeMutablePointer<Double>) {
        stats[0] += 1
        stats[1] += weight
        stats[2 + Int(target)] += weight
    }

    @inline(__always)
    func score(left: UnsafePointer<Double>, total: UnsafePointer<Double>) -> Double {
        let leftWeight = left[1], rightWeight = total[1] - left[1]
        switch kind {
        case .gini:
            if classCount == 2 {
                // The common binary case, unrolled; one division for both children.
                let right0 = total[2] - left[2], right1 = total[3] - left[3]
                let leftSquares = left[2] * left[2] + left[3] * left[3]
                let rightSquares = right0 * right0 + right1 * right1
                return (leftSquares * rightWeight + rightSquares * leftWeight) / (leftWeight * rightWeight)
            }
            var leftSquares = 0.0, rightSquares = 0.0
            for k in 2 ..< classCount + 2 {
                let right = total[k] - left[k]
                leftSquares += left[k] * left[k]
                rightSquares += right * right
            }
            return leftSquares / leftWeight + rightSquares / rightWeight
        case .entropy:
            var sum = -leftWeight * log(leftWeight) - rightWeight * log(rightWeight)
            for k in 2 ..< classCount + 2 {
                let right = total[k] - left[k]
                if left[k] > 0 { sum += left[k] * log(left[k]) }
                if right > 0 { sum += right * log(right) }
            }
            return sum
        }
    }

    func impurity(
        _ stats: UnsafePointer<Double>, targets: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Double>
    ) -> Double {
        impurity(stats)
    }

    func weightedDecrease(
        total: UnsafePointer<Double>, left: UnsafePointer<Double>, right: UnsafePointer<Double>
    ) -> Double {
        total[1] * impurity(total) - left[1] * impurity(left) - right[1] * impurity(right)
    }

    func impurity(_ stats: UnsafePointer<Double>) -> Double {
        let total = stats[1]
        guard total > 0 else { return 0 }
        var result = kind == .gini ? 1.0 : 0.0
        for k in 0 ..< classCount {
            let fraction = stats[2 + k] / total
            switch kind {
            case .gini: result -= fraction * fraction
            case .entropy: if fraction > 0 { result -= fraction * log2(fraction) }
            }
        }
        return max(result, 0)
    }

    /// Classes whose weight is below 1e-9 of the node's count as absent: weights
    /// derived by histogram subtraction may keep a rounding residue.
    func isPure(_ stats: UnsafePointer<Double>, targets: UnsafeBufferPointer<Int32>) -> Bool {
        var present = 0
        let tolerance = 1e-9 * stats[1]
        for k in 0 ..< classCount where stats[2 + k] > tolerance { present += 1 }
        return present <= 1
    }

    var cutsAtClassBoundaries: Bool { true }

    @inline(__always)
    func soleClass(_ stats: UnsafePointer<Double>) -> Int {
        if classCount == 2 { return stats[2] == 0 ? 1 : (stats[3] == 0 ? 0 : -1) }
        var found = -1
        for k in 0 ..< classCount where stats[2 + k] > 0 {
            if found >= 0 { return -1 }
            found = k
        }
        return found
    }

    @inline(__always)
    func soleClass(of target: Int32) -> Int { Int(target) }

    func appendLeafValues(_ stats: UnsafePointer<Double>, to values: inout [Double]) {
        let total = stats[1]
        for k in 0 ..< classCount { values.append(total > 0 ? stats[2 + k] / total : 0) }
    }
}

/// Squared error (variance) of a numeric target. Statistics: count, weight,
/// Σ w·y. No Σ w·y² is kept: split scores and impurity decreases need only
/// these (`weightedDecrease`), and a node's variance is computed from its
/// targets in two passes, which also avoids the cancellation of Σ w·y².
struct SquaredErrorCriterion: SplitCriterion {
    /// Target of each training row.
    let targets: [Double]

    var stride: Int { 3 }
    var valueWidth: Int { 1 }

    func target(ofRow row: Int) -> Double { targets[row] }

    @inline(__always)
    func accumulate(_ target: Double, weight: Double, into stats: UnsafeMutablePointer<Double>) {
        let weighted = weight * target
        stats[0] += 1
        stats[1] += weight
        stats[2] += weighted
    }

    @inline(__always)
    func score(left: UnsafePointer<Double>, total: UnsafePointer<Double>) -> Double {
        let right = total[2] - left[2], leftWeight = left[1], rightWeight = total[1] - left[1]
        return (left[2] * left[2] * rightWeight + right * right * leftWeight) / (leftWeight * rightWeight)
    }

    func impurity(
        _ stats: UnsafePointer<Double>, targets: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>
    ) -> Double {
        guard stats[1] > 0 else { return 0 }
        let mean = stats[2] / stats[1]
        var sum = 0.0
        for (target, weight) in zip(targets, weights) { sum += weight * (target - mean) * (target - mean) }
        return sum / stats[1]
    }

    /// `Σ_L²/W_L + Σ_R²/W_R − Σ²/W` (Σ: weighted target sums), equal to the
    /// decrease of the weighted sum of squared deviations.
    func weightedDecrease(
        total: UnsafePointer<Double>, left: UnsafePointer<Double>, right: UnsafePointer<Double>
    ) -> Double {
        left[2] * left[2] / left[1] + right[2] * right[2] / right[1] - total[2] * total[2] / total[1]
    }

    /// Compares the targets themselves: the variance formula cancels to a tiny
    /// positive number on constant targets.
    func isPure(_ stats: UnsafePointer<Double>, targets: UnsafeBufferPointer<Double>) -> Bool {
        guard let first = targets.first else { return true }
        for target in targets where target != first { return false }
        return true
    }

    func appendLeafValues(_ stats: UnsafePointer<Double>, to values: inout [Double]) {
        values.append(stats[1] > 0 ? stats[2] / stats[1] : 0)
    }

    var cutsAtClassBoundaries: Bool { false }
    func soleClass(_ stats: UnsafePointer<Double>) -> Int { -1 }
    func soleClass(of target: Double) -> Int { -1 }
}
