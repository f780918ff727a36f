/// The difference in one metric between two models on the same rows, with a block-bootstrap confidence interval.
///
/// `difference = candidate − baseline`; the interval is the percentile interval of the paired resampled
/// differences (both models scored on the same resample). Encodes to JSON as `{metric, candidate, baseline,
/// difference, ci_low, ci_high, block_length, resamples, undefined_resamples, confidence, seed}`.
/// An interval that excludes 0 means the data show a difference at that confidence; for `mae`, `rmse`
/// and `mape` a negative difference favours the candidate.
public struct ModelComparison: Codable, Sendable, Equatable {
    /// The metric compared.
    public let metric: ComparisonMetric
    /// The candidate's metric on all rows.
    public let candidate: Double
    /// The baseline's metric on all rows.
    public let baseline: Double
    /// `candidate − baseline`.
    public let difference: Double
    /// The lower end of the interval: the `(1 − confidence) / 2` quantile of the resampled differences.
    public let ciLow: Double
    /// The upper end of the interval: the `(1 + confidence) / 2` quantile of the resampled differences.
    public let ciHigh: Double
    /// Consecutive rows per bootstrap block.
    public let blockLength: Int
    /// The number of resamples drawn.
    public let resamples: Int
    /// Resamples left out because the metric was undefined on them (no positive, or for ROC AUC no negative, row).
    public let undefinedResamples: Int
    /// The interval's coverage.
    public let confidence: Double
    /// The bootstrap seed, so the interval can be reproduced.
    public let seed: UInt64

    enum CodingKeys: String, CodingKey {
        case metric, candidate, baseline, difference, resamples, confidence, seed
        case ciLow = "ci_low", ciHigh = "ci_high", blockLength = "block_length", undefinedResamples = "undefined_resamples"
    }
}

extension ModelComparison {
    /// Compares two models' scores of binary truth on `average_precision` or `roc_auc`.
    /// - Parameters:
    ///   - truth: the label of each row, rows in time order.
    ///   - candidate: the candidate's scores (positive-class probability or anomaly score), higher is more positive.
    ///   - baseline: the baseline's scores of the same rows.
    ///   - metric: `averagePrecision` (default: the metric that matters with rare incidents) or `rocAUC`.
    ///   - positive: the positive label; default 1.
    ///   - bootstrap: the resampling settings; default 1000 resamples, blocks of `⌈n^(1/3)⌉` rows, seed 0.
    /// - Throws: `EvaluationError.invalidInput` for mismatched, empty or non-finite input, a regression metric,
    ///   a metric undefined on all rows, out-of-range settings, or when every resample is undefined.
    /// - Complexity: O(n log n + resamples × n): both rankings are sorted once and each resample is scored from
    ///   row multiplicities. Measured on 1 M rows (release build, shared 2-core machine): 1.5 s for the sorts, then
    ///   about 20 ms per resample, so ≈ 20 s for the default 1000; lower `resamples` for quick looks at large tables.
    public static func compare(
        truth: [Int], candidate: [Double], baseline: [Double], metric: ComparisonMetric = .averagePrecision,
        positive: Int = 1, bootstrap: BlockBootstrap = BlockBootstrap()
    ) throws(EvaluationError) -> ModelComparison {
        guard metric.isRanking else {
            throw .invalidInput("Comparison metric \(metric) needs numeric truth; with labels use average_precision or roc_auc.")
        }
        try Metrics.requireMatching(candidate.count, "candidate scores", baseline.count, "baseline scores", metric: "Comparison")
        let score: ([Int], [Double]) throws(EvaluationError) -> Double = { truth, scores throws(EvaluationError) in
            metric == .averagePrecision
                ? try Metrics.averagePrecision(truth: truth, scores: scores, positiveLabel: positive)
                : try Metrics.rocAUC(truth: truth, scores: scores, positiveLabel: positive)
        }
        let candidateValue = try score(truth, candidate), baselineValue = try score(truth, baseline)
        let rankings = [candidate, baseline].map { RankedScores(truth: truth, scores: $0, positiveLabel: positive) }
        return try resample(metric, candidateValue, baselineValue, rows: truth.count, bootstrap) { counts in
            let values = rankings.map { metric == .averagePrecision ? $0.averagePrecision(counts) : $0.rocAUC(counts) }
            guard let first = values[0], let second = values[1] else { return nil }
            return first - second
        }
    }

    /// Compares two regressors' predictions on `r2`, `mae`, `rmse` or `mape`.
    /// - Parameters:
    ///   - truth: the target of each row, rows in time order.
    ///   - candidate: the candidate's predictions.
    ///   - baseline: the baseline's predictions of the same rows.
    ///   - metric: default `r2` (scale-free, so differences read the same for any target).
    ///   - bootstrap: the resampling settings; default 1000 resamples, blocks of `⌈n^(1/3)⌉` rows, seed 0.
    /// - Throws: `EvaluationError.invalidInput` for mismatched, empty or non-finite input, a ranking metric,
    ///   or out-of-range settings.
    /// - Complexity: O(resamples × n); about 15 ms per resample on 1 M rows (release build), ≈ 15 s for 1000.
    public static func compare(
        truth: [Double], candidate: [Double], baseline: [Double], metric: ComparisonMetric = .r2,
        bootstrap: BlockBootstrap = BlockBootstrap()
    ) throws(EvaluationError) -> ModelComparison {
        guard !metric.isRanking else {
            throw .invalidInput("Comparison metric \(metric) needs binary labels; with numeric truth use r2, mae, rmse or mape.")
        }
        try Metrics.requireRegression(truth, candidate, metric: "Comparison")
        try Metrics.requireRegression(truth, baseline, metric: "Comparison")
        let all = [Int32](repeating: 1, count: truth.count)
        let candidateValue = weightedRegression(metric, truth: truth, predicted: candidate, counts: all)
        let baselineValue = weightedRegression(metric, truth: truth, predicted: baseline, counts: all)
        return try resample(metric, candidateValue, baselineValue, rows: truth.count, bootstrap) { counts in
            weightedRegression(metric, truth: truth, predicted: candidate, counts: counts)
                - weightedRegression(metric, truth: truth, predicted: baseline, counts: counts)
        }
    }

    /// Draws the resamples, collects the defined differences and cuts the percentile interval.
    private static func resample(
        _ metric: ComparisonMetric, _ candidate: Double, _ baseline: Double, rows: Int, _ bootstrap: BlockBootstrap,
        difference: ([Int32]) -> Double?
    ) throws(EvaluationError) -> ModelComparison {
        let blockLength = try bootstrap.resolvedBlockLength(rows: rows)
        var resampler = BlockResampler(rows: rows, blockLength: blockLength, seed: bootstrap.seed)
        var differences: [Double] = []
        differences.reserveCapacity(bootstrap.resamples)
        for _ in 0 ..< bootstrap.resamples {
            resampler.next()
            if let value = difference(resampler.counts) { differences.append(value) }
        }
        guard !differences.isEmpty else {
            throw .invalidInput(
                "Comparison: \(metric) is undefined on all \(bootstrap.resamples) resamples; use longer blocks or more rows.")
        }
        differences.sort()
        let tail = (1 - bootstrap.confidence) / 2
        return ModelComparison(
            metric: metric, candidate: candidate, baseline: baseline, difference: candidate - baseline,
            ciLow: quantile(sorted: differences, tail), ciHigh: quantile(sorted: differences, 1 - tail),
            blockLength: blockLength, resamples: bootstrap.resamples,
            undefinedResamples: bootstrap.resamples - differences.count, confidence: bootstrap.confidence,
            seed: bootstrap.seed)
    }
}
