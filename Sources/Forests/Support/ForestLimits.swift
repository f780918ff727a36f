#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Upper bounds on the count hyperparameters of every forest, checked by each
/// `validated()` (and by prediction for its `threads`) before anything is allocated,
/// so a typo such as `trees: 99_999_999_999` is an error message, not a 7 TB allocation.
///
/// Counts without an upper bound here only bound growth and never size an allocation:
/// `maxDepth`, `maxLeafNodes`, `minSamplesSplit` and `minSamplesLeaf` (a tree never has more
/// leaves than rows), and `maxSamples`/`maxFeatures` counts, checked against the data at fit time.
public enum ForestLimits {
    /// The most trees a forest may have: 100,000. Every tree stays in memory (a forest's size
    /// grows linearly with it), and 100,000 is 1,000 times the default, far past the point where
    /// more trees change votes or path lengths (Breiman 2001; Liu, Ting & Zhou 2008).
    public static let maximumTrees = 100_000

    /// The most worker threads: 1,024. More than the cores of any machine Workbench targets;
    /// every thread holds its own work buffers, so a larger request only costs memory.
    public static let maximumThreads = 1024

    /// Checks a tree count against `1 … maximumTrees`.
    /// - Throws: `ForestError.invalidParameter` naming the range, the reason and the value.
    static func checkTrees(_ trees: Int) throws(ForestError) {
        guard trees >= 1 else { throw .invalidParameter("trees must be an integer in [1, \(maximumTrees)]; got \(trees).") }
        guard trees <= maximumTrees else {
            throw .invalidParameter("trees must be an integer in [1, \(maximumTrees)]; got \(trees). "
                + "The limit keeps memory bounded (every tree stays in memory); \(maximumTrees) trees is far "
                + "past the point where more trees change the results.")
        }
    }

    /// `threads` checked against `1 … maximumThreads`, or the active processor count
    /// (at most `maximumThreads`) when nil.
    /// - Throws: `ForestError.invalidParameter` naming the range, the reason and the value.
    static func resolvedThreads(_ threads: Int?) throws(ForestError) -> Int {
        guard let threads else { return processorCount }
        guard threads >= 1 else {
            throw .invalidParameter("threads must be an integer in [1, \(maximumThreads)] or none; got \(threads).")
        }
        guard threads <= maximumThreads else {
            throw .invalidParameter("threads must be an integer in [1, \(maximumThreads)] or none; got \(threads). "
                + "\(maximumThreads) is more than any machine's cores, and every thread holds its own work buffers.")
        }
        return threads
    }

    /// The active processor count, in `1 … maximumThreads`.
    static var processorCount: Int {
        min(maximumThreads, max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
