/// A tree's packed nodes and leaf values, valid inside `Tree.withKernel`: the walk of one row
/// and the reading of a leaf's values. `TreeKernel+Batch.swift` walks many rows at once.
@usableFromInline
struct TreeKernel {
    @usableFromInline let nodes: UnsafeBufferPointer<UInt64>
    @usableFromInline let layout: PackedNodeLayout
    @usableFromInline let farRightChildren: [Int32: Int32]
    @usableFromInline let separateLeafValues: UnsafeBufferPointer<Double>
    @usableFromInline let valueWidth: Int

    @inlinable
    init(
        nodes: UnsafeBufferPointer<UInt64>, layout: PackedNodeLayout, farRightChildren: [Int32: Int32],
        separateLeafValues: UnsafeBufferPointer<Double>, valueWidth: Int
    ) {
        self.nodes = nodes
        self.layout = layout
        self.farRightChildren = farRightChildren
        self.separateLeafValues = separateLeafValues
        self.valueWidth = valueWidth
    }

    /// The leaf node a row whose feature values start at `row` reaches.
    @inlinable
    func leafNode(row: UnsafePointer<Float>) -> Int {
        walk(row: row) { _, _ in }
    }

    /// Walks a row from the root, calling `visit(node, feature)` at each split it passes, root
    /// first; returns the leaf node reached.
    @inlinable
    func walk(row: UnsafePointer<Float>, visit: (_ node: Int, _ feature: Int) -> Void) -> Int {
        guard nodes.count > 1 else { return 0 }
        var node = 0
        while true {
            let word = nodes[node], high = PackedNodeLayout.high(word)
            let feature = Int(high & layout.featureMask)
            visit(node, feature)
            let value = row[feature]
            if value <= PackedNodeLayout.threshold(word) || (value.isNaN && high & layout.missingLeftBit != 0) {
                node += 1
                if high & layout.leftLeafBit != 0 { return node }
            } else {
                let distance = Int(high >> layout.distanceShift)
                node = distance != 0 ? node + distance : Int(farRightChildren[Int32(node)]!)
                if high & layout.rightLeafBit != 0 { return node }
            }
        }
    }

    /// The one value of leaf node `node` (trees with `valueWidth == 1`).
    @inlinable
    func value(atLeaf node: Int) -> Double { Double(bitPattern: nodes[node]) }

    /// Adds the `valueWidth` values of leaf node `node` to `target[0 ..< valueWidth]`.
    @inlinable
    func addValues(atLeaf node: Int, to target: UnsafeMutablePointer<Double>) {
        if valueWidth == 1 {
            target.pointee += Double(bitPattern: nodes[node])
            return
        }
        guard valueWidth > 0 else { return }
        let source = separateLeafValues.baseAddress! + Int(UInt32(truncatingIfNeeded: nodes[node])) * valueWidth
        for k in 0 ..< valueWidth { target[k] += source[k] }
    }
}
