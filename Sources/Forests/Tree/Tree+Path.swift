/// The nodes a row passes on its way to a leaf, for explanations.
extension Tree {
    /// Walks `row` from the root and calls `visit` with each internal node it
    /// passes and that node's split feature, root first; returns the leaf node reached.
    /// The pointer is only read during the call.
    /// - Complexity: O(depth).
    func walk(row: UnsafePointer<Float>, visit: (_ node: Int, _ feature: Int) -> Void) -> Int {
        var index = 0
        while true {
            let node = nodes[index]
            if node.left < 0 { return index }
            visit(index, node.feature)
            index = Int(node.sendsLeft(row[node.feature]) ? node.left : node.right)
        }
    }
}
