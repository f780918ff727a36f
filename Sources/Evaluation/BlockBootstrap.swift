// The moving-block bootstrap (Künsch 1989) as row multiplicities.
// Goals, in order: deterministic (seed → resamples) → correct (blocks of consecutive rows, so
// autocorrelation is kept inside a block) → O(n) per resample without copying rows.

/// Settings of a moving-block bootstrap confidence interval.
///
/// A resample concatenates `⌈n / blockLength⌉` blocks of `blockLength` consecutive rows, each starting at a
/// uniformly drawn row in `0 … n − blockLength`, and keeps the first `n` rows. Rows must be in time order
/// (per group, or the whole table) for blocks to carry the autocorrelation that an ordinary bootstrap destroys.
public struct BlockBootstrap: Sendable, Equatable {
    /// The number of resamples; default 1000, enough for stable 2.5 % and 97.5 % percentiles.
    public var resamples: Int
    /// Rows per block; default `nil` means `⌈n^(1/3)⌉`, the order Hall, Horowitz & Jing (1995) give for
    /// variance estimation. Use the autocorrelation length of the data when known (a day of 5-minute rows: 288).
    public var blockLength: Int?
    /// The random seed (stream 0 of `SeededRandom`); default 0.
    public var seed: UInt64
    /// The interval's coverage, in (0, 1); default 0.95.
    public var confidence: Double

    /// Bootstrap settings; see the properties for the defaults.
    public init(resamples: Int = 1000, blockLength: Int? = nil, seed: UInt64 = 0, confidence: Double = 0.95) {
        self.resamples = resamples
        self.blockLength = blockLength
        self.seed = seed
        self.confidence = confidence
    }

    /// The block length used for `rows` rows: the configured one, or `⌈rows^(1/3)⌉`.
    /// - Throws: `EvaluationError.invalidInput` when the settings are out of range for `rows`.
    public func resolvedBlockLength(rows: Int) throws(EvaluationError) -> Int {
        guard resamples >= 1 else {
            throw .invalidInput("Bootstrap resamples must be at least 1; got \(resamples).")
        }
        guard confidence > 0, confidence < 1 else {
            throw .invalidInput("Bootstrap confidence must be in (0, 1); got \(confidence).")
        }
        guard rows >= 1 else {
            throw .invalidInput("A bootstrap needs at least one row; got none.")
        }
        if let blockLength {
            guard (1 ... rows).contains(blockLength) else {
                throw .invalidInput("Bootstrap block length must be in 1…\(rows) (the number of rows); got \(blockLength).")
            }
            return blockLength
        }
        // Integer steps after the floating-point root, so perfect cubes give their exact root.
        var length = max(1, Int(cubeRoot(Double(rows)).rounded(.down)))
        while length * length * length < rows { length += 1 }
        while length > 1, (length - 1) * (length - 1) * (length - 1) >= rows { length -= 1 }
        return length
    }
}

/// The `q` quantile of ascending `sorted` values with linear interpolation (numpy's default).
func quantile(sorted: [Double], _ q: Double) -> Double {
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
}
