import NumericCore

/// The score thresholds an anomaly model carries: the alert threshold and named levels.
///
/// Scores are Liu et al.'s `s(x, ψ)` in (0, 1], higher = more anomalous. A row
/// is an anomaly when its score is **strictly greater** than `alert`; this is
/// scikit-learn's `decision_function < 0` with `alert = −offset_`. Levels are
/// plain (name, score) pairs so a collector can apply them without this library.
public struct AnomalyThresholds: Sendable, Equatable {
    /// A named severity level: rows scoring strictly above `score` reach it.
    public struct Level: Sendable, Equatable {
        /// The level's name, e.g. "warn" or "critical".
        public var name: String
        /// The score a row must exceed to reach this level.
        public var score: Double

        /// A level named `name` that rows scoring above `score` reach.
        public init(name: String, score: Double) {
            self.name = name
            self.score = score
        }
    }

    /// Rows scoring strictly above this value are anomalies; default 0.5, the paper's boundary.
    public var alert: Double
    /// Severity levels, kept sorted by ascending score.
    public private(set) var levels: [Level]

    /// Thresholds with an alert score and optional levels (sorted by score on the way in).
    /// - Parameters:
    ///   - alert: the anomaly threshold; default 0.5 (Liu, Ting & Zhou 2008: scores
    ///     well above 0.5 are anomalies, all ≤ 0.5 means no distinct anomaly).
    ///   - levels: named levels; default none.
    public init(alert: Double = 0.5, levels: [Level] = []) {
        self.alert = alert
        self.levels = levels.sorted { $0.score < $1.score }
    }

    /// Adds or replaces the level called `name`.
    public mutating func setLevel(_ name: String, score: Double) {
        levels.removeAll { $0.name == name }
        levels.append(Level(name: name, score: score))
        levels.sort { $0.score < $1.score }
    }

    /// Whether `score` is an anomaly (`score > alert`).
    @inlinable
    public func isAnomaly(_ score: Double) -> Bool { score > alert }

    /// The highest level `score` exceeds, or nil when it exceeds none.
    public func level(for score: Double) -> Level? {
        levels.last { score > $0.score }
    }
}

extension AnomalyThresholds {
    /// How a threshold chosen on labelled scores performs on them.
    public struct Choice: Sendable, Equatable {
        /// Flag rows whose score is strictly above this value.
        public let threshold: Double
        /// Rows flagged at `threshold`.
        public let flagged: Int
        /// Flagged anomalies over flagged rows (1 when nothing is flagged).
        public let precision: Double
        /// Flagged anomalies over all anomalies.
        public let recall: Double
        /// Harmonic mean of precision and recall (0 when both are 0).
        public let f1: Double
    }

    /// The score above which `fraction` of `scores` lie, as scikit-learn sets `offset_`.
    ///
    /// Computes `−percentile(−scores, 100·fraction)` with numpy's default
    /// linear interpolation, so `contamination = c` flags `c·n` rows ± 1 (fewer when scores tie).
    /// - Parameters:
    ///   - fraction: the share of rows to flag, in (0, 1).
    ///   - scores: anomaly scores, e.g. of the training rows or of a recent window
    ///     (then `fraction` is a target alert rate).
    /// - Throws: `ForestError.invalidParameter` for a fraction outside (0, 1);
    ///   `ForestError.invalidData` for no scores or a NaN score.
    /// - Complexity: O(n log n).
    public static func flagging(_ fraction: Double, of scores: [Double]) throws(ForestError) -> Double {
        guard fraction > 0, fraction < 1 else {
            throw .invalidParameter("the flagged fraction must be in (0, 1); got \(fraction).")
        }
        guard !scores.isEmpty else {
            throw .invalidData("cannot choose a threshold from 0 scores; expected at least 1.")
        }
        if let index = scores.firstIndex(where: \.isNaN) {
            throw .invalidData("score \(index) is NaN; thresholds need finite scores.")
        }
        let negated = scores.map { -$0 }.sorted()
        // numpy.percentile(a, q, method="linear"): virtual index (n − 1)·q/100, then _lerp.
        let quantile = (100.0 * fraction) / 100.0
        let virtual = Double(negated.count - 1) * quantile
        let below = Int(virtual.rounded(.down))
        let above = min(below + 1, negated.count - 1)
        let gamma = virtual - Double(below)
        let a = negated[below], b = negated[above]
        let difference = b - a
        let percentile = gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
        return -percentile
    }

    /// The threshold that maximises F1 on labelled scores; ties keep the higher threshold (fewer alerts).
    ///
    /// Candidate thresholds lie midway between consecutive distinct scores, so
    /// unseen rows scoring between two training scores are treated alike.
    /// - Parameters:
    ///   - scores: anomaly scores.
    ///   - labels: `true` for a known anomaly, one per score.
    /// - Throws: `ForestError.invalidData` when the lengths differ, a score is NaN or no label is true.
    /// - Complexity: O(n log n).
    public static func f1Optimal(scores: [Double], labels: [Bool]) throws(ForestError) -> Choice {
        let sweep = try LabelledSweep(scores: scores, labels: labels)
        var best = sweep.choice(at: 0)
        for cut in sweep.cuts.indices {
            let candidate = sweep.choice(at: cut)
            if candidate.f1 > best.f1 { best = candidate }
        }
        return best
    }

    /// The highest threshold whose recall on labelled scores is at least `recall`.
    /// - Parameters:
    ///   - recall: the share of known anomalies to catch, in (0, 1].
    ///   - scores: anomaly scores.
    ///   - labels: `true` for a known anomaly, one per score.
    /// - Throws: `ForestError.invalidParameter` for a recall outside (0, 1];
    ///   `ForestError.invalidData` as `f1Optimal`.
    /// - Complexity: O(n log n).
    public static func fixedRecall(
        _ recall: Double, scores: [Double], labels: [Bool]
    ) throws(ForestError) -> Choice {
        guard recall > 0, recall <= 1 else {
            throw .invalidParameter("recall must be in (0, 1]; got \(recall).")
        }
        let sweep = try LabelledSweep(scores: scores, labels: labels)
        for cut in sweep.cuts.indices {
            let candidate = sweep.choice(at: cut)
            if candidate.recall >= recall { return candidate }
        }
        return sweep.choice(at: sweep.cuts.count - 1)
    }
}

/// Scores sorted from the most anomalous down, cut between distinct values.
private struct LabelledSweep {
    /// Per cut: (threshold, rows flagged, anomalies flagged), thresholds descending.
    var cuts: [(threshold: Double, flagged: Int, hits: Int)] = []
    let positives: Int

    init(scores: [Double], labels: [Bool]) throws(ForestError) {
        guard scores.count == labels.count else {
            throw .invalidData("got \(scores.count) scores but \(labels.count) labels; expected one label per score.")
        }
        if let index = scores.firstIndex(where: \.isNaN) {
            throw .invalidData("score \(index) is NaN; thresholds need finite scores.")
        }
        positives = labels.count { $0 }
        guard positives > 0 else {
            throw .invalidData("no label marks an anomaly; F1 and recall thresholds need at least 1.")
        }
        let order = DescendingOrder.indices(scores)
        var flagged = 0, hits = 0
        var position = 0
        while position < order.count {
            let value = scores[order[position]]
            while position < order.count, scores[order[position]] == value {
                if labels[order[position]] { hits += 1 }
                flagged += 1
                position += 1
            }
            var threshold = value.nextDown
            if position < order.count {
                // Adjacent doubles can round their midpoint up to `value`; the lower score still separates them.
                let lower = scores[order[position]]
                let midpoint = value / 2 + lower / 2
                threshold = midpoint < value ? midpoint : lower
            }
            cuts.append((threshold, flagged, hits))
        }
    }

    func choice(at cut: Int) -> AnomalyThresholds.Choice {
        let (threshold, flagged, hits) = cuts[cut]
        let precision = flagged == 0 ? 1 : Double(hits) / Double(flagged)
        let recall = Double(hits) / Double(positives)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return AnomalyThresholds.Choice(
            threshold: threshold, flagged: flagged, precision: precision, recall: recall, f1: f1)
    }
}
