import NumericCore

// Growing one hyperplane isolation tree (Hariri, Carrasco Kind & Brunner 2021).
//
// Goals, in order: deterministic (per node, draws in a fixed order: the
// non-zero coordinates, then per coordinate its normal component and its
// intercept point, then, only if the node holds NaN, the NaN side) → exact to
// the paper → bounded memory (the tree's ψ × d block and one index array).

/// One hyperplane tree's node arrays, tree-local, in preorder.
struct GrownHyperplaneTree: Sendable {
    var left: [Int32] = []
    var right: [Int32] = []
    var normals: [Float] = []
    var intercepts: [Double] = []
    var missingGoesLeft: [Bool] = []
    var samples: [Int32] = []
}

/// Grows one tree on a private ψ × d block.
struct HyperplaneTreeGrower {
    let block: [Float]
    let rows: Int
    let features: Int
    let extensionLevel: Int
    let heightLimit: Int
    private var order: [Int]
    private var tree = GrownHyperplaneTree()

    init(block: [Float], rows: Int, features: Int, extensionLevel: Int, heightLimit: Int) {
        self.block = block
        self.rows = rows
        self.features = features
        self.extensionLevel = extensionLevel
        self.heightLimit = heightLimit
        self.order = Array(0 ..< rows)
    }

    private struct Pending {
        let start: Int, end: Int, depth: Int, parent: Int, isLeft: Bool
    }

    mutating func grow(using random: inout SeededRandom) -> GrownHyperplaneTree {
        var stack = [Pending(start: 0, end: rows, depth: 0, parent: -1, isLeft: true)]
        while let pending = stack.popLast() {
            let node = tree.left.count
            if pending.parent >= 0 {
                if pending.isLeft { tree.left[pending.parent] = Int32(node) } else { tree.right[pending.parent] = Int32(node) }
            }
            tree.left.append(-1)
            tree.right.append(-1)
            tree.samples.append(Int32(pending.end - pending.start))
            tree.normals += repeatElement(0, count: features)
            tree.intercepts.append(0)
            tree.missingGoesLeft.append(false)
            guard pending.end - pending.start > 1, pending.depth < heightLimit,
                  let middle = split(node: node, start: pending.start, end: pending.end, using: &random)
            else { continue }
            // Right first so the left subtree is numbered next: preorder, as scikit-learn.
            stack.append(Pending(start: middle, end: pending.end, depth: pending.depth + 1, parent: node, isLeft: false))
            stack.append(Pending(start: pending.start, end: middle, depth: pending.depth + 1, parent: node, isLeft: true))
        }
        return tree
    }

    /// Draws a hyperplane for `order[start ..< end]`, partitions it, and returns the first right position;
    /// nil when every feature is constant (or missing) in the node.
    private mutating func split(node: Int, start: Int, end: Int, using random: inout SeededRandom) -> Int? {
        var lower = [Float](repeating: .infinity, count: features)
        var upper = [Float](repeating: -.infinity, count: features)
        for position in start ..< end {
            let base = order[position] * features
            for feature in 0 ..< features {
                let value = block[base + feature]
                if value < lower[feature] { lower[feature] = value }
                if value > upper[feature] { upper[feature] = value }
            }
        }
        var varying = (0 ..< features).filter { upper[$0] > lower[$0] }
        guard !varying.isEmpty else { return nil }
        let nonZero = min(extensionLevel + 1, varying.count)
        for index in 0 ..< nonZero {
            varying.swapAt(index, index + random.nextIndex(below: varying.count - index))
        }
        let chosen = varying[0 ..< nonZero].sorted()
        let normalBase = node * features
        var intercept = 0.0
        for feature in chosen {
            let component = Float(random.nextGaussian())
            let point = Double(lower[feature])
                + (Double(upper[feature]) - Double(lower[feature])) * random.nextUnitDouble()
            tree.normals[normalBase + feature] = component
            intercept += Double(component) * point
        }
        tree.intercepts[node] = intercept

        var goLeft: [Int] = [], goRight: [Int] = [], missing: [Int] = []
        for position in start ..< end {
            let row = order[position]
            let projection = HyperplaneProjection.dot(
                block, rowBase: row * features, normals: tree.normals, normalBase: normalBase, features: features)
            if projection.isNaN {
                missing.append(row)
            } else if projection <= intercept {
                goLeft.append(row)
            } else {
                goRight.append(row)
            }
        }
        // As scikit-learn's random splitter: NaN seen in training goes to a random side,
        // otherwise unseen NaN follows the larger child (ties go right).
        let missingLeft = missing.isEmpty ? goLeft.count > goRight.count : random.nextIndex(below: 2) == 1
        tree.missingGoesLeft[node] = missingLeft
        let arranged = missingLeft ? goLeft + missing + goRight : goLeft + goRight + missing
        order.replaceSubrange(start ..< end, with: arranged)
        return start + goLeft.count + (missingLeft ? missing.count : 0)
    }
}

/// The one definition of a row's projection on a node's normal, shared by training and scoring.
enum HyperplaneProjection {
    /// `Σ Double(x_f) · Double(n_f)` over features with `n_f ≠ 0`, ascending, from 0.0.
    @inline(__always)
    static func dot(
        _ values: [Float], rowBase: Int, normals: [Float], normalBase: Int, features: Int
    ) -> Double {
        var sum = 0.0
        for feature in 0 ..< features {
            let component = normals[normalBase + feature]
            if component != 0 { sum += Double(values[rowBase + feature]) * Double(component) }
        }
        return sum
    }
}
