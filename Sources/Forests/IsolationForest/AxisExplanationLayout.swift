// Lockstep explanation walks of axis-parallel isolation trees.
//
// Goals, in order: the same credits as `Tree.walk` + `FeatureContribution.isolationGain`
// bit for bit → fast. Like `AxisPathLayout`, leaves loop to themselves so every row takes
// exactly the tree's height in steps, and eight rows walk side by side so their chains of
// dependent loads overlap and no step branches on the data. Each step adds the credit of
// the edge it takes, looked up from a per-edge table built once: a step that stays on a
// leaf adds +0.0 to feature 0, which leaves that sum unchanged (credits are ≥ 0), so each
// feature's sum sees the same non-zero terms in the same order as the per-row walk.

/// All trees' nodes with per-edge credits, leaves looping to themselves.
struct AxisExplanationLayout: Sendable {
    /// Rows walked side by side.
    static let lanes = 8

    /// One node as the kernel reads it (16 bytes).
    private struct Node {
        /// Go to `left` iff the row's value is `<= threshold` (NaN: iff `missingGoesLeft`).
        var threshold: Float
        /// The split feature in bits 0…30 (0 at leaves); bit 31 set when NaN goes left.
        var featureAndFlags: UInt32
        /// Children as node indices from the tree's first node; a leaf's are itself.
        var left: UInt32
        var right: UInt32
    }

    private let nodes: [Node]
    /// Per global node `n`: `credits[2n]` for stepping left, `credits[2n + 1]` for stepping right; 0 at leaves.
    private let credits: [Double]
    /// Per tree: its first node's global index and its height (deepest leaf depth).
    private let trees: [(start: Int, height: Int)]

    init(trees: [Tree]) {
        var nodes: [Node] = []
        var credits: [Double] = []
        var starts: [(Int, Int)] = []
        for tree in trees {
            starts.append((nodes.count, Int(tree.nodeDepths().max() ?? 0)))
            for (index, node) in tree.unpackedNodes().enumerated() {
                if node.isLeaf {
                    nodes.append(Node(threshold: 0, featureAndFlags: 0, left: UInt32(index), right: UInt32(index)))
                    credits += [0, 0]
                } else {
                    nodes.append(Node(threshold: node.threshold, featureAndFlags: node.featureAndFlags,
                                      left: UInt32(node.left), right: UInt32(node.right)))
                    let parent = tree.sampleCounts[index]
                    credits.append(FeatureContribution.isolationGain(parent: parent, child: tree.sampleCounts[Int(node.left)]))
                    credits.append(FeatureContribution.isolationGain(parent: parent, child: tree.sampleCounts[Int(node.right)]))
                }
            }
        }
        self.nodes = nodes
        self.credits = credits
        self.trees = starts
    }

    /// Adds every tree's path credits of rows `rows` of a row-major matrix to `weights`,
    /// row `rows[i]` into `weights[i × width ..< (i + 1) × width]`. `weights` must hold
    /// `rows.count` rounded up to a multiple of `lanes` rows; the padding rows receive junk.
    /// The pointers are only used during the call.
    func addCredits(
        _ values: UnsafePointer<Float>, width: Int, rows: ArraySlice<Int>, into weights: UnsafeMutablePointer<Double>
    ) {
        guard let last = rows.last else { return }
        nodes.withUnsafeBufferPointer { nodes in
            credits.withUnsafeBufferPointer { credits in
                for (start, height) in trees {
                    let tree = nodes.baseAddress! + start
                    let edges = credits.baseAddress! + 2 * start
                    for group in stride(from: 0, to: rows.count, by: Self.lanes) {
                        // Padding lanes repeat the last row and write to the padding rows of `weights`.
                        func row(_ lane: Int) -> UnsafePointer<Float> {
                            let position = rows.startIndex + group + lane
                            return values + (position < rows.endIndex ? rows[position] : last) * width
                        }
                        let (x0, x1, x2, x3) = (row(0), row(1), row(2), row(3))
                        let (x4, x5, x6, x7) = (row(4), row(5), row(6), row(7))
                        let w = weights + group * width
                        let (w0, w1, w2, w3) = (w, w + width, w + 2 * width, w + 3 * width)
                        let (w4, w5, w6, w7) = (w + 4 * width, w + 5 * width, w + 6 * width, w + 7 * width)
                        var (o0, o1, o2, o3, o4, o5, o6, o7) = (0, 0, 0, 0, 0, 0, 0, 0)
                        for _ in 0 ..< height {
                            o0 = Self.step(tree, edges, x0, w0, o0)
                            o1 = Self.step(tree, edges, x1, w1, o1)
                            o2 = Self.step(tree, edges, x2, w2, o2)
                            o3 = Self.step(tree, edges, x3, w3, o3)
                            o4 = Self.step(tree, edges, x4, w4, o4)
                            o5 = Self.step(tree, edges, x5, w5, o5)
                            o6 = Self.step(tree, edges, x6, w6, o6)
                            o7 = Self.step(tree, edges, x7, w7, o7)
                        }
                    }
                }
            }
        }
    }

    /// One step of one lane from node `index`: adds the taken edge's credit to the node's
    /// feature and returns the child.
    @inline(__always)
    private static func step(
        _ tree: UnsafePointer<Node>, _ edges: UnsafePointer<Double>, _ x: UnsafePointer<Float>,
        _ weights: UnsafeMutablePointer<Double>, _ index: Int
    ) -> Int {
        let node = UnsafeRawPointer(tree + index)
        let threshold = node.load(as: Float.self)
        let flags = node.load(fromByteOffset: 4, as: UInt32.self)
        let feature = Int(flags & ~TreeNode.missingLeftBit)
        let value = x[feature]
        // Both forms agree except on NaN, which fails every comparison: `value > threshold`
        // sends it left, `!(value <= threshold)` right. Selected, not branched, per step.
        let missingLeft = flags & TreeNode.missingLeftBit != 0
        let right = missingLeft ? value > threshold : !(value <= threshold)
        let direction = right ? 1 : 0
        weights[feature] += edges[2 &* index &+ direction]
        return Int(node.load(fromByteOffset: 8 &+ 4 &* direction, as: UInt32.self))
    }
}
