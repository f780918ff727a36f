/// The nodes a row passes on its way to a leaf, for explanations.
extension Tree {
    /// Walks `row` from the root and calls `visit` with each internal node it
    /// passes and that node's split feature, root first; returns the leaf node reached.
    /// The pointer is only read during the call.
    /// - Complexity: O(depth).
    func walk(row: UnsafePointer<Float>, visit: (_ node: Int, _ feature: Int) -> Void) -> Int {
        withKernel { $0.walk(row: row, visit: visit) }
    }
}
