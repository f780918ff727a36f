/// The node-ordered data of a CART tree: histogram builds over it and the
/// partition that keeps it aligned with the grower's row array.
extension CARTSplitter {
    /// Fills histogram `targets[i]` (256 bins × stride, zeroed here) with the
    /// statistics per bin of feature `features[i]`, for `i < count`, of the
    /// `rows` rows from position `start`, in one streaming pass; and, when
    /// given, `occupancy[4 i ..< 4 i + 4]` with a bit set per occupied bin, so
    /// that scans of small nodes skip empty bins.
    func buildHistograms(
        count: Int, features: UnsafePointer<Int>, targets: UnsafePointer<UnsafeMutablePointer<Double>>,
        start: Int, rows: Int, occupancy: UnsafeMutablePointer<UInt64>? = nil
    ) {
        let stride = self.stride
        if let occupancy {
            // Mark occupied bins first and zero only those: a small node touches
            // a few bins, and zeroing all 256 would cost more than the rows.
            for word in 0 ..< 4 * count { occupancy[word] = 0 }
            var rowCodes = workspace.codes + start * workspace.codeStride
            for _ in 0 ..< rows {
                for slot in 0 ..< count {
                    let code = Int(rowCodes[features[slot]])
                    occupancy[4 * slot + code >> 6] |= 1 << UInt64(code & 63)
                }
                rowCodes += workspace.codeStride
            }
            for slot in 0 ..< count {
                for word in 0 ..< 4 {
                    var bits = occupancy[4 * slot + word]
                    while bits != 0 {
                        let bin = word * 64 + bits.trailingZeroBitCount
                        bits &= bits - 1
                        clearStats(targets[slot] + bin * stride, stride)
                    }
                }
                // The missing bin is read even when empty.
                clearStats(targets[slot] + FeatureBins.missingCode * stride, stride)
            }
        } else {
            for index in 0 ..< count { targets[index].update(repeating: 0, count: 256 * stride) }
        }
        let criterion = data.criterion
        let weights = workspace.weights, rowTargets = workspace.targets
        let codeStride = workspace.codeStride
        var rowCodes = workspace.codes + start * codeStride
        for position in start ..< start + rows {
            let weight = weights[position], target = rowTargets[position]
            for slot in 0 ..< count {
                criterion.accumulate(target, weight: weight, into: targets[slot] + Int(rowCodes[features[slot]]) * stride)
            }
            rowCodes += codeStride
        }
    }

    /// Builds the histograms of all features of `count` rows from `start` into
    /// full histogram `slot`, or into the scratch histogram when `slot` is -1.
    func buildFullHistogram(start: Int, count: Int, into slot: Int32) {
        let base = slot >= 0 ? workspace.histogramPointer(slot) : workspace.scratchHistogram
        for feature in 0 ..< featureCount {
            workspace.batchFeatures[feature] = feature
            workspace.batchTargets[feature] = base + feature * 256 * stride
        }
        buildHistograms(count: featureCount, features: workspace.batchFeatures, targets: workspace.batchTargets,
                        start: start, rows: count)
    }

    /// Partitions the node's rows and every node-ordered array stably by the
    /// split: by bin code for a histogram split, by raw value otherwise.
    mutating func partition(
        _ rows: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<Int32>,
        split: NodeSplit, state: NodeState
    ) -> Int? {
        let count = rows.count, start = state.start, featureCount = self.featureCount
        let goesLeft = workspace.goesLeft
        if state.splitBin >= 0 {
            let bin = state.splitBin, missingCode = UInt8(FeatureBins.missingCode)
            let codeStride = workspace.codeStride
            var code = workspace.codes + start * codeStride + split.feature
            for offset in 0 ..< count {
                goesLeft[offset] = code.pointee == missingCode
                    ? (split.missingGoesLeft ? 1 : 0) : (Int(code.pointee) <= bin ? 1 : 0)
                code += codeStride
            }
        } else {
            let node = TreeNode(feature: split.feature, threshold: split.threshold,
                                missingGoesLeft: split.missingGoesLeft, left: 0, right: 0)
            data.x.withUnsafeBufferPointer { x in
                let column = x.baseAddress! + split.feature
                for offset in 0 ..< count {
                    goesLeft[offset] = node.sendsLeft(column[Int(rows[offset]) * featureCount]) ? 1 : 0
                }
            }
        }
        return movePartition(rows: rows.baseAddress!, rowsScratch: scratch.baseAddress!, start: start, count: count)
    }

    /// Stably moves the rows and their node-ordered data whose `goesLeft` flag
    /// is set to the front of the node's range; returns how many went left.
    /// Every record is written both to its left slot and to the scratch
    /// (right) slot and only the counters advance by the flag: no branch to
    /// mispredict. A left write at `left ≤ index` only overwrites a record
    /// already read.
    private func movePartition(
        rows: UnsafeMutablePointer<Int32>, rowsScratch: UnsafeMutablePointer<Int32>, start: Int, count: Int
    ) -> Int {
        let goesLeft = workspace.goesLeft
        let weights = workspace.weights + start, targets = workspace.targets + start
        let weightsScratch = workspace.weightsScratch, targetsScratch = workspace.targetsScratch
        let words = data.bins == nil ? 0 : workspace.codeStride / 8
        let codes = UnsafeMutableRawPointer(workspace.codes + start * workspace.codeStride)
            .assumingMemoryBound(to: UInt64.self)
        let codesScratch = UnsafeMutableRawPointer(workspace.codesScratch).assumingMemoryBound(to: UInt64.self)
        var left = 0, right = 0
        for index in 0 ..< count {
            let row = rows[index], weight = weights[index], target = targets[index]
            rows[left] = row
            rowsScratch[right] = row
            weights[left] = weight
            weightsScratch[right] = weight
            targets[left] = target
            targetsScratch[right] = target
            for word in 0 ..< words {
                let value = codes[index * words + word]
                codes[left * words + word] = value
                codesScratch[right * words + word] = value
            }
            let step = Int(goesLeft[index])
            left += step
            right += 1 - step
        }
        for index in 0 ..< right {
            rows[left + index] = rowsScratch[index]
            weights[left + index] = weightsScratch[index]
            targets[left + index] = targetsScratch[index]
        }
        (codes + left * words).update(from: codesScratch, count: right * words)
        return left
    }
}
