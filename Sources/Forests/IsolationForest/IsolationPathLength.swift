#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The path-length arithmetic shared by Isolation Forest and Extended Isolation Forest.
///
/// Liu, Ting & Zhou (ICDM 2008, §2): an isolation tree has the structure of a
/// binary search tree, so the mean depth at which a point is isolated among
/// `n` points is the mean length of an unsuccessful BST search,
/// `c(n) = 2H(n − 1) − 2(n − 1)/n`, with the harmonic number approximated
/// as `H(i) ≈ ln(i) + γ`. The values equal scikit-learn's
/// `_average_path_length` bit for bit (same operations in the same order).
public enum IsolationPathLength {
    /// The Euler–Mascheroni constant γ, as numpy's `np.euler_gamma`.
    public static let eulerGamma = 0.577_215_664_901_532_860_606_512_090_082_402_431_042

    /// The average path length `c(n)` of an unsuccessful search among `n` points.
    ///
    /// `c(n) = 0` for `n ≤ 1`, `1` for `n = 2`, otherwise
    /// `2·(ln(n − 1) + γ) − 2·(n − 1)/n`.
    /// - Parameter count: the number of points `n`; any integer (negative counts as ≤ 1).
    public static func average(_ count: Int) -> Double {
        if count <= 1 { return 0 }
        if count == 2 { return 1 }
        let n = Double(count)
        return 2.0 * (log(n - 1.0) + eulerGamma) - 2.0 * (n - 1.0) / n
    }

    /// The height limit `⌈log2 max(ψ, 2)⌉` of a tree grown on `ψ` points.
    ///
    /// Liu et al. stop growing at the mean depth of a balanced tree, since only
    /// the short paths of anomalies matter; scikit-learn uses the same limit.
    /// - Parameter sampleSize: ψ, the rows each tree is grown on.
    public static func heightLimit(sampleSize: Int) -> Int {
        var height = 0
        while (1 << height) < max(sampleSize, 2) { height += 1 }
        return height
    }

    /// The anomaly score `s = 2^(−E[h] / c(ψ))` from a summed path length.
    ///
    /// - Parameters:
    ///   - summedPathLength: `Σ_t h_t(x)` over the trees, each `h_t` being the
    ///     edges from the root to the leaf plus `c(leaf size)`.
    ///   - trees: the number of trees `t`.
    ///   - normaliser: `c(ψ)`. When it is 0 (ψ = 1) the score is 0.5, as in scikit-learn.
    /// - Returns: a score in (0, 1]; higher is more anomalous, 0.5 marks the paper's boundary.
    @inlinable
    public static func score(summedPathLength: Double, trees: Int, normaliser: Double) -> Double {
        let denominator = Double(trees) * normaliser
        guard denominator != 0 else { return 0.5 }
        return pow(2.0, -(summedPathLength / denominator))
    }
}
