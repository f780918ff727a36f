/// The split search kernels: histogram build and scan, exact sort and scan,
/// and the evaluation of one candidate with NaN sent either way.
extension CARTSplitter {
    /// Fills `bins` (256 × stride, zeroed here) with the statistics of `rows` per bin of `feature`.
    func buildHistogram(feature: Int, rows: UnsafeBufferPointer<Int32>, into bins: UnsafeMutablePointer<Double>) {
        let stride = workspace.stride
        bins.update(repeating: 0, count: 256 * stride)
        let criterion = data.criterion
        data.bins!.codes.withUnsafeBufferPointer { codes in
            weights.withUnsafeBufferPointer { weights in
                let column = codes.baseAddress! + feature * data.columns.rowCount
                for row in rows {
                    let index = Int(row)
                    criterion.accumulate(row: index, weight: weights[index], into: bins + Int(column[index]) * stride)
                }
            }
        }
    }

    /// Scans the bins of one feature for the best split; returns whether the
    /// feature is constant in the node (at most one occupied bin and no NaN).
    mutating func scanHistogram(feature: Int, bins: UnsafeMutablePointer<Double>, totals: UnsafePointer<Double>) -> Bool {
        let stride = workspace.stride
        let left = workspace.left
        left.update(repeating: 0, count: stride)
        let missing = UnsafePointer(bins + FeatureBins.missingCode * stride)
        let edges = data.bins!.edges[feature]
        var last = -1
        var occupied = 0
        for bin in 0 ..< data.bins!.binCounts[feature] {
            let stats = bins + bin * stride
            if stats[0] == 0 { continue }
            if last >= 0 {
                // Any edge between the two occupied bins gives the same partition; take the middle one.
                consider(feature: feature, threshold: edges[(last + bin - 1) / 2], left: left,
                         missing: missing, totals: totals)
            }
            for index in 0 ..< stride { left[index] += stats[index] }
            last = bin
            occupied += 1
        }
        if missing[0] > 0 && occupied > 0 {
            consider(feature: feature, threshold: .infinity, left: left, missing: missing, totals: totals)
        }
        return missing[0] == 0 ? occupied <= 1 : occupied == 0
    }

    /// Sorts the node's values of one feature and scans every boundary between
    /// distinct values; returns whether the feature is constant in the node.
    mutating func scanExact(feature: Int, rows: UnsafeBufferPointer<Int32>, totals: UnsafePointer<Double>) -> Bool {
        let stride = workspace.stride
        let keys = workspace.sortKeys
        let missing = workspace.missing
        missing.update(repeating: 0, count: stride)
        let criterion = data.criterion
        var count = 0
        data.columns.values.withUnsafeBufferPointer { values in
            weights.withUnsafeBufferPointer { weights in
                let column = values.baseAddress! + feature * data.columns.rowCount
                for row in rows {
                    let value = column[Int(row)]
                    if value.isNaN {
                        criterion.accumulate(row: Int(row), weight: weights[Int(row)], into: missing)
                    } else {
                        keys[count] = UInt64(orderedBits(value)) << 32 | UInt64(UInt32(row))
                        count += 1
                    }
                }
            }
        }
        guard count > 0 else { return true }
        var sorted = UnsafeMutableBufferPointer(start: keys, count: count)
        sorted.sort()
        let left = workspace.left
        left.update(repeating: 0, count: stride)
        weights.withUnsafeBufferPointer { weights in
            for index in 0 ..< count {
                let row = Int(UInt32(truncatingIfNeeded: sorted[index]))
                criterion.accumulate(row: row, weight: weights[row], into: left)
                guard index + 1 < count else { break }
                let below = value(ofOrderedBits: UInt32(sorted[index] >> 32))
                let above = value(ofOrderedBits: UInt32(sorted[index + 1] >> 32))
                if above > below {
                    consider(feature: feature, threshold: splitThreshold(below: below, above: above),
                             left: left, missing: missing, totals: totals)
                }
            }
        }
        if missing[0] > 0 {
            consider(feature: feature, threshold: .infinity, left: left, missing: missing, totals: totals)
        }
        let constant = value(ofOrderedBits: UInt32(sorted[0] >> 32))
            == value(ofOrderedBits: UInt32(sorted[count - 1] >> 32))
        return constant && missing[0] == 0
    }

    /// Evaluates the split whose non-missing left side has statistics `left`,
    /// sending NaN right and, when the node has NaN, also left. Without NaN in
    /// the node, NaN at prediction goes to the child with more rows (as
    /// scikit-learn). A threshold of +∞ means "every value left, NaN right".
    @inline(__always)
    mutating func consider(
        feature: Int, threshold: Float, left: UnsafePointer<Double>, missing: UnsafePointer<Double>,
        totals: UnsafePointer<Double>
    ) {
        let stride = workspace.stride
        let minLeaf = Double(settings.minSamplesLeaf)
        let candidateLeft = workspace.candidateLeft, candidateRight = workspace.candidateRight
        let hasMissing = missing[0] > 0
        let directions = hasMissing && threshold != .infinity ? 2 : 1
        for direction in 0 ..< directions {
            let missingLeft = direction == 1
            for index in 0 ..< stride {
                let leftValue = missingLeft ? left[index] + missing[index] : left[index]
                candidateLeft[index] = leftValue
                candidateRight[index] = totals[index] - leftValue
            }
            guard candidateLeft[0] >= minLeaf, candidateRight[0] >= minLeaf,
                  candidateLeft[1] > 0, candidateRight[1] > 0 else { continue }
            let score = data.criterion.proxy(candidateLeft) + data.criterion.proxy(candidateRight)
            guard score > best.score else { continue }
            best.score = score
            best.feature = feature
            best.threshold = threshold
            best.missingGoesLeft = hasMissing ? missingLeft : candidateLeft[0] > candidateRight[0]
            workspace.bestLeft.update(from: candidateLeft, count: stride)
            workspace.bestRight.update(from: candidateRight, count: stride)
        }
    }
}

/// `Float` bits mapped to `UInt32` so that unsigned order is numeric order (NaN excluded).
@inline(__always)
func orderedBits(_ value: Float) -> UInt32 {
    let bits = value.bitPattern
    return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
}

/// The inverse of `orderedBits`.
@inline(__always)
func value(ofOrderedBits key: UInt32) -> Float {
    Float(bitPattern: key & 0x8000_0000 != 0 ? key & 0x7FFF_FFFF : ~key)
}
