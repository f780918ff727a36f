/// The split search kernels: histogram build and scan, exact sort and scan,
/// and the evaluation of one candidate with NaN sent either way.
extension CARTSplitter {
    /// Scans the bins of one feature for the best split; returns whether the
    /// feature is constant in the node (at most one occupied bin and no NaN).
    /// With `occupancy` (a bit per occupied bin) only occupied bins are visited.
    mutating func scanHistogram(
        feature: Int, bins: UnsafeMutablePointer<Double>, totals: UnsafePointer<Double>,
        occupancy: UnsafePointer<UInt64>? = nil
    ) -> Bool {
        let stride = self.stride
        let left = workspace.left
        clearStats(left, stride)
        let missing = UnsafePointer(bins + FeatureBins.missingCode * stride)
        let binCount = data.bins!.binCounts[feature]
        var scan = HistogramScan(skipsRuns: skipsRunsOfOneClass)
        if let occupancy {
            for word in 0 ..< 4 {
                var bits = occupancy[word]
                if word == 3 { bits &= ~(1 << 63) }
                while bits != 0 {
                    let bin = word * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    visit(bin: bin, of: feature, bins: bins, left: left, missing: missing, totals: totals, scan: &scan)
                }
            }
        } else {
            for bin in 0 ..< binCount where bins[bin * stride] != 0 {
                visit(bin: bin, of: feature, bins: bins, left: left, missing: missing, totals: totals, scan: &scan)
            }
        }
        if missing[0] > 0 && scan.occupied > 0 {
            consider(feature: feature, threshold: .infinity, bin: FeatureBins.missingCode - 1,
                     left: left, missing: missing, totals: totals)
        }
        return missing[0] == 0 ? scan.occupied <= 1 : scan.occupied == 0
    }

    /// Scores the cut below occupied bin `bin` (after the previous occupied
    /// bin) and adds the bin to the left side.
    @inline(__always)
    private mutating func visit(
        bin: Int, of feature: Int, bins: UnsafeMutablePointer<Double>, left: UnsafeMutablePointer<Double>,
        missing: UnsafePointer<Double>, totals: UnsafePointer<Double>, scan: inout HistogramScan
    ) {
        let stride = self.stride
        let stats = bins + bin * stride
        let binClass = scan.skipsRuns ? data.criterion.soleClass(stats) : -1
        if scan.last >= 0 && (binClass < 0 || binClass != scan.lastClass) {
            // Any edge between the two occupied bins gives the same partition; take the middle one.
            let edge = (scan.last + bin - 1) / 2
            consider(feature: feature, threshold: data.bins!.edges[feature][edge], bin: edge,
                     left: left, missing: missing, totals: totals)
        }
        for index in 0 ..< stride { left[index] += stats[index] }
        scan.last = bin
        scan.lastClass = binClass
        scan.occupied += 1
    }

    /// Sorts the node's values of one feature and scans every boundary between
    /// distinct values; returns whether the feature is constant in the node.
    mutating func scanExact(
        feature: Int, rows: UnsafeBufferPointer<Int32>, start: Int, totals: UnsafePointer<Double>
    ) -> Bool {
        let stride = self.stride
        let keys = workspace.sortKeys
        let missing = workspace.missing
        clearStats(missing, stride)
        let criterion = data.criterion
        let weights = workspace.weights, targets = workspace.targets
        var present = 0
        let featureCount = self.featureCount
        data.x.withUnsafeBufferPointer { x in
            let column = x.baseAddress! + feature
            for (offset, row) in rows.enumerated() {
                let value = column[Int(row) * featureCount]
                let position = start + offset
                if value.isNaN {
                    criterion.accumulate(targets[position], weight: weights[position], into: missing)
                } else {
                    keys[present] = UInt64(orderedBits(value)) << 32 | UInt64(UInt32(position))
                    present += 1
                }
            }
        }
        guard present > 0 else { return true }
        KeySort.sortByHighWord(keys, count: present, scratch: workspace.sortScratch, counts: workspace.radixCounts)
        let left = workspace.left
        clearStats(left, stride)
        let skipsRuns = skipsRunsOfOneClass
        var groupClass = skipsRuns ? soleClass(ofGroupAt: 0, count: present) : -1
        for index in 0 ..< present {
            let position = Int(UInt32(truncatingIfNeeded: keys[index]))
            criterion.accumulate(targets[position], weight: weights[position], into: left)
            guard index + 1 < present else { break }
            let below = decodedFloat(UInt32(keys[index] >> 32))
            let above = decodedFloat(UInt32(keys[index + 1] >> 32))
            if above > below {
                let nextClass = skipsRuns ? soleClass(ofGroupAt: index + 1, count: present) : -1
                if nextClass < 0 || nextClass != groupClass {
                    consider(feature: feature, threshold: splitThreshold(below: below, above: above), bin: -1,
                             left: left, missing: missing, totals: totals)
                }
                groupClass = nextClass
            }
        }
        if missing[0] > 0 {
            consider(feature: feature, threshold: .infinity, bin: -1, left: left, missing: missing, totals: totals)
        }
        let constant = decodedFloat(UInt32(keys[0] >> 32))
            == decodedFloat(UInt32(keys[present - 1] >> 32))
        return constant && missing[0] == 0
    }

    /// Whether cuts inside a run of one class can be skipped: the criterion
    /// allows it and no `minSamplesLeaf` bound can make such a cut the best
    /// feasible one.
    var skipsRunsOfOneClass: Bool {
        data.criterion.cutsAtClassBoundaries && settings.minSamplesLeaf == 1
    }

    /// The only class among the sorted keys from `index` that share its value, or -1.
    func soleClass(ofGroupAt index: Int, count: Int) -> Int {
        let keys = workspace.sortKeys
        let value = decodedFloat(UInt32(keys[index] >> 32))
        let found = data.criterion.soleClass(of: workspace.targets[Int(UInt32(truncatingIfNeeded: keys[index]))])
        var next = index + 1
        while next < count && decodedFloat(UInt32(keys[next] >> 32)) == value {
            if data.criterion.soleClass(of: workspace.targets[Int(UInt32(truncatingIfNeeded: keys[next]))]) != found {
                return -1
            }
            next += 1
        }
        return found
    }

    /// Evaluates the split whose non-missing left side has statistics `left`,
    /// sending NaN right and, when the node has NaN, also left. Without NaN in
    /// the node, NaN at prediction goes to the child with more rows (as
    /// scikit-learn). A threshold of +∞ means "every value left, NaN right".
    @inline(__always)
    mutating func consider(
        feature: Int, threshold: Float, bin: Int, left: UnsafePointer<Double>, missing: UnsafePointer<Double>,
        totals: UnsafePointer<Double>
    ) {
        let minLeaf = Double(settings.minSamplesLeaf)
        let hasMissing = missing[0] > 0
        if left[0] >= minLeaf && totals[0] - left[0] >= minLeaf && left[1] > 0 && totals[1] - left[1] > 0 {
            let score = data.criterion.score(left: left, total: totals)
            if score > best.score {
                record(feature: feature, threshold: threshold, bin: bin, score: score,
                       missingGoesLeft: hasMissing ? false : left[0] > totals[0] - left[0], left: left)
            }
        }
        guard hasMissing && threshold != .infinity else { return }
        let stride = self.stride
        let withMissing = workspace.candidateLeft
        for index in 0 ..< stride { withMissing[index] = left[index] + missing[index] }
        if withMissing[0] >= minLeaf && totals[0] - withMissing[0] >= minLeaf
            && withMissing[1] > 0 && totals[1] - withMissing[1] > 0 {
            let score = data.criterion.score(left: withMissing, total: totals)
            if score > best.score {
                record(feature: feature, threshold: threshold, bin: bin, score: score, missingGoesLeft: true,
                       left: withMissing)
            }
        }
    }

    private mutating func record(
        feature: Int, threshold: Float, bin: Int, score: Double, missingGoesLeft: Bool, left: UnsafePointer<Double>
    ) {
        best.score = score
        best.bin = bin
        best.feature = feature
        best.threshold = threshold
        best.missingGoesLeft = missingGoesLeft
        copyStats(left, to: workspace.bestLeft, stride)
    }
}

/// Progress of one histogram scan.
struct HistogramScan {
    let skipsRuns: Bool
    var last = -1
    var lastClass = -1
    var occupied = 0
}

/// `Float` bits mapped to `UInt32` so that unsigned order is numeric order (NaN excluded).
@inline(__always)
func orderedBits(_ value: Float) -> UInt32 {
    let bits = value.bitPattern
    return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
}

/// The inverse of `orderedBits`.
@inline(__always)
func decodedFloat(_ key: UInt32) -> Float {
    Float(bitPattern: key & 0x8000_0000 != 0 ? key & 0x7FFF_FFFF : ~key)
}
