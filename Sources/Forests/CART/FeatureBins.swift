/// Per-feature quantile bins and the `UInt8` bin code of every training value,
/// computed once per forest for histogram split finding.
///
/// Goals, in order: deterministic → exact (a split "bins ≤ b go left" is
/// the same partition as `Float(x) <= edges[b]`, because every edge is the
/// largest `Float` not above the midpoint of two adjacent *training* values)
/// → small (one byte per value) → fast.
///
/// A feature with at most `maxBins` distinct values gets one bin per value;
/// otherwise bins hold about equal numbers of training values, and a value is
/// never split across bins. Code `missingCode` (255) marks NaN.
struct FeatureBins: Sendable {
    /// The code of a missing value.
    static let missingCode = 255
    /// At most this many value bins per feature; 255 leaves code 255 for NaN.
    static let maxBins = 255

    /// Number of rows.
    let rowCount: Int
    /// Code of feature `f` for row `r` at `codes[f * rowCount + r]`.
    let codes: [UInt8]
    /// Value bins per feature (1 … 255; 1 for a constant or all-NaN feature).
    let binCounts: [Int]
    /// Upper edges: `edges[f][b]` for `b < binCounts[f] − 1`; bin `b` holds the
    /// training values `x` with `edges[f][b − 1] < x <= edges[f][b]`.
    let edges: [[Float]]

    /// Bins every feature of `columns`, using up to `threads` threads.
    /// - Complexity: O(features × rows × log rows).
    init(columns: FeatureColumns, threads: Int) {
        let rows = columns.rowCount
        let featureCount = columns.featureCount
        var codes = [UInt8](repeating: 0, count: rows * featureCount)
        var featureEdges = [[Float]](repeating: [], count: featureCount)
        codes.withUnsafeMutableBufferPointer { codes in
            let target = SharedBuffer(codes)
            columns.values.withUnsafeBufferPointer { values in
                featureEdges = parallelMap(count: featureCount, threads: threads) { feature in
                    let column = UnsafeBufferPointer(rebasing: values[feature * rows ..< (feature + 1) * rows])
                    let edges = Self.edges(of: column)
                    // Each feature writes only its own column of codes.
                    for row in 0 ..< rows { target[feature * rows + row] = Self.code(column[row], edges: edges) }
                    return edges
                }
            }
        }
        rowCount = rows
        self.codes = codes
        binCounts = featureEdges.map { $0.count + 1 }
        edges = featureEdges
    }

    /// The bin of `value` given a feature's upper edges.
    @inline(__always)
    static func code(_ value: Float, edges: [Float]) -> UInt8 {
        if value.isNaN { return UInt8(missingCode) }
        var low = 0, high = edges.count
        while low < high {
            let middle = (low + high) / 2
            if value <= edges[middle] { high = middle } else { low = middle + 1 }
        }
        return UInt8(low)
    }

    /// The upper edges of the bins of one column (one fewer than bins).
    static func edges(of column: UnsafeBufferPointer<Float>) -> [Float] {
        var sorted = column.filter { !$0.isNaN }
        guard !sorted.isEmpty else { return [] }
        sorted.sort()
        var distinct: [Float] = []
        var counts: [Int] = []
        for value in sorted {
            if let last = distinct.last, last == value { counts[counts.count - 1] += 1 } else {
                distinct.append(value)
                counts.append(1)
            }
        }
        var result: [Float] = []
        if distinct.count <= maxBins {
            for index in 0 ..< distinct.count - 1 {
                result.append(splitThreshold(below: distinct[index], above: distinct[index + 1]))
            }
            return result
        }
        // Close a bin once it reaches its share of the remaining values, so a
        // heavy value does not starve the bins after it.
        var remainingValues = sorted.count
        var remainingBins = maxBins
        var inBin = 0
        for index in 0 ..< distinct.count - 1 {
            inBin += counts[index]
            let share = Double(remainingValues) / Double(remainingBins)
            if Double(inBin) >= share && remainingBins > 1 {
                result.append(splitThreshold(below: distinct[index], above: distinct[index + 1]))
                remainingValues -= inBin
                remainingBins -= 1
                inBin = 0
            }
        }
        return result
    }
}

/// The threshold separating training values `below < above`: the largest
/// `Float` not above their midpoint (scikit-learn's threshold, rounded so that
/// `Float(x) <= threshold` gives the same answer as its float64 comparison),
/// or `below` when the midpoint overflows to infinity.
@inline(__always)
func splitThreshold(below: Float, above: Float) -> Float {
    let threshold = Float.roundedDown((Double(below) + Double(above)) / 2)
    return threshold.isInfinite && threshold > 0 ? below : threshold
}
