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
    /// Doubles per statistics vector.
    var stride: Int { get }
    /// Values per leaf.
    var valueWidth: Int { get }
    /// Adds row `row` with weight `weight` to `stats`.
    func accumulate(row: Int, weight: Double, into stats: UnsafeMutablePointer<Double>)
    /// The part of the split score contributed by one child; the split with the
    /// largest sum over both children has the smallest weighted child impurity.
    func proxy(_ stats: UnsafePointer<Double>) -> Double
    /// The impurity of rows with statistics `stats`.
    func impurity(_ stats: UnsafePointer<Double>) -> Double
    /// Whether no split of these rows can lower the impurity.
    func isPure(_ stats: UnsafePointer<Double>, rows: UnsafeBufferPointer<Int32>) -> Bool
    /// Appends the leaf values for rows with statistics `stats`.
    func appendLeafValues(_ stats: UnsafePointer<Double>, to values: inout [Double])
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

    @inline(__always)
    func accumulate(row: Int, weight: Double, into stats: UnsafeMutablePointer<Double>) {
        stats[0] += 1
        stats[1] += weight
        stats[2 + Int(labels[row])] += weight
    }

    @inline(__always)
    func proxy(_ stats: UnsafePointer<Double>) -> Double {
        let total = stats[1]
        switch kind {
        case .gini:
            var squares = 0.0
            for k in 0 ..< classCount { squares += stats[2 + k] * stats[2 + k] }
            return squares / total
        case .entropy:
            var sum = -total * log(total)
            for k in 0 ..< classCount where stats[2 + k] > 0 { sum += stats[2 + k] * log(stats[2 + k]) }
            return sum
        }
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

    func isPure(_ stats: UnsafePointer<Double>, rows: UnsafeBufferPointer<Int32>) -> Bool {
        var present = 0
        for k in 0 ..< classCount where stats[2 + k] > 0 { present += 1 }
        return present <= 1
    }

    func appendLeafValues(_ stats: UnsafePointer<Double>, to values: inout [Double]) {
        let total = stats[1]
        for k in 0 ..< classCount { values.append(total > 0 ? stats[2 + k] / total : 0) }
    }
}

/// Squared error (variance) of a numeric target. Statistics: count, weight,
/// Σ w·y, Σ w·y².
struct SquaredErrorCriterion: SplitCriterion {
    /// Target of each training row.
    let targets: [Double]

    var stride: Int { 4 }
    var valueWidth: Int { 1 }

    @inline(__always)
    func accumulate(row: Int, weight: Double, into stats: UnsafeMutablePointer<Double>) {
        let weighted = weight * targets[row]
        stats[0] += 1
        stats[1] += weight
        stats[2] += weighted
        stats[3] += weighted * targets[row]
    }

    @inline(__always)
    func proxy(_ stats: UnsafePointer<Double>) -> Double {
        stats[2] * stats[2] / stats[1]
    }

    func impurity(_ stats: UnsafePointer<Double>) -> Double {
        guard stats[1] > 0 else { return 0 }
        let mean = stats[2] / stats[1]
        return max(stats[3] / stats[1] - mean * mean, 0)
    }

    /// Compares the targets themselves: the variance formula cancels to a tiny
    /// positive number on constant targets.
    func isPure(_ stats: UnsafePointer<Double>, rows: UnsafeBufferPointer<Int32>) -> Bool {
        guard let first = rows.first else { return true }
        let value = targets[Int(first)]
        for row in rows where targets[Int(row)] != value { return false }
        return true
    }

    func appendLeafValues(_ stats: UnsafePointer<Double>, to values: inout [Double]) {
        values.append(stats[1] > 0 ? stats[2] / stats[1] : 0)
    }
}
