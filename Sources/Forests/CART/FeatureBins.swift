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
    /// Number of features.
    let featureCount: Int
    /// Code of feature `f` for row `r` at `codes[r * featureCount + f]`: row-major, so
    /// one cache line serves every sampled feature of a row when histograms are built.
    let codes: [UInt8]
    /// Value bins per feature (1 … 255; 1 for a constant or all-NaN feature).
    let binCounts: [Int]
    /// Upper edges: `edges[f][b]` for `b < binCounts[f] − 1`; bin `b` holds the
    /// training values `x` with `edges[f][b − 1] < x <= edges[f][b]`.
    let edges: [[Float]]

    /// Bins every feature of `columns`, using up to `threads` threads.
    /// - Complexity: O(features × rows) (radix sort).
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
                    // Each feature writes only its own bytes of the code matrix.
                    return Self.bin(column: column) { row, code in target[row * featureCount + feature] = code }
                }
            }
        }
        rowCount = rows
        self.featureCount = featureCount
        self.codes = codes
        binCounts = featureEdges.map { $0.count + 1 }
        edges = featureEdges
    }

    /// Sorts one column, chooses its bin edges and reports every row's code;
    /// returns the upper edges (one fewer than bins).
    static func bin(column: UnsafeBufferPointer<Float>, assign: (Int, UInt8) -> Void) -> [Float] {
        var keys: [UInt64] = []
        keys.reserveCapacity(column.count)
        for (row, value) in column.enumerated() {
            if value.isNaN { assign(row, UInt8(missingCode)) } else { keys.append(UInt64(orderedBits(value)) << 32 | UInt64(row)) }
        }
        guard !keys.isEmpty else { return [] }
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var digitCounts = [Int](repeating: 0, count: 4 * 256)
        keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                digitCounts.withUnsafeMutableBufferPointer { digitCounts in
                    KeySort.sortByHighWord(keys.baseAddress!, count: keys.count, scratch: scratch.baseAddress!,
                                           counts: digitCounts.baseAddress!)
                }
            }
        }
        let sorted = keys.map { decodedFloat(UInt32($0 >> 32)) }
        let edges = edges(ofSorted: sorted)
        var bin = 0
        for (index, key) in keys.enumerated() {
            while bin < edges.count && sorted[index] > edges[bin] { bin += 1 }
            assign(Int(UInt32(truncatingIfNeeded: key)), UInt8(bin))
        }
        return edges
    }

    /// The upper bin edges for sorted non-missing values.
    static func edges(ofSorted sorted: [Float]) -> [Float] {
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
