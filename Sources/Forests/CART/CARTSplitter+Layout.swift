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
        let stride = workspace.stride
        for index in 0 ..< count { targets[index].update(repeating: 0, count: 256 * stride) }
        if let occupancy {
            occupancy.update(repeating: 0, count: 4 * count)
            var rowCodes = workspace.codes + start * workspace.codeStride
            for _ in 0 ..< rows {
                for slot in 0 ..< count {
                    let code = Int(rowCodes[features[slot]])
                    occupancy[4 * slot + code >> 6] |= 1 << UInt64(code & 63)
                }
                rowCodes += workspace.codeStride
            }
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
            workspace.batchTargets[feature] = base + feature * 256 * workspace.stride
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
        let leftCount = Self.stablePartition(
            rows.baseAddress!, count: count, width: 1, scratch: scratch.baseAddress!, goesLeft: goesLeft)
        _ = Self.stablePartition(workspace.weights + start, count: count, width: 1,
                                 scratch: workspace.weightsScratch, goesLeft: goesLeft)
        _ = Self.stablePartition(workspace.targets + start, count: count, width: 1,
                                 scratch: workspace.targetsScratch, goesLeft: goesLeft)
        if data.bins != nil {
            let words = workspace.codeStride / 8
            let codes = UnsafeMutableRawPointer(workspace.codes + start * workspace.codeStride)
                .assumingMemoryBound(to: UInt64.self)
            let scratch = UnsafeMutableRawPointer(workspace.codesScratch).assumingMemoryBound(to: UInt64.self)
            _ = Self.stablePartition(codes, count: count, width: words, scratch: scratch, goesLeft: goesLeft)
        }
        return leftCount
    }

    /// Moves the `width`-element records of `base` whose `goesLeft` flag is set
    /// to the front, keeping order on both sides; returns how many went left.
    @inline(__always)
    static func stablePartition<Element>(
        _ base: UnsafeMutablePointer<Element>, count: Int, width: Int,
        scratch: UnsafeMutablePointer<Element>, goesLeft: UnsafePointer<UInt8>
    ) -> Int {
        var left = 0, right = 0
        for index in 0 ..< count {
            let source = base + index * width
            // Element loops, not memmove: records are a few words long.
            if goesLeft[index] != 0 {
                let target = base + left * width
                for element in 0 ..< width { target[element] = source[element] }
                left += 1
            } else {
                let target = scratch + right * width
                for element in 0 ..< width { target[element] = source[element] }
                right += 1
            }
        }
        (base + left * width).update(from: scratch, count: right * width)
        return left
    }
}
