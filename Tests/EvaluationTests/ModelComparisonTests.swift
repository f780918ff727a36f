import NumericCore
import Testing
@testable import Evaluation

/// Seeded binary truth with autocorrelated incidents and two scorers: a good one and a noisy one.
struct ComparisonFixture {
    var truth: [Int] = []
    var good: [Double] = []
    var noisy: [Double] = []

    init(rows: Int, seed: UInt64) {
        var rng = SeededRandom(seed: seed, stream: 0)
        var inIncident = false
        for _ in 0 ..< rows {
            if rng.nextUnitDouble() < (inIncident ? 0.2 : 0.03) { inIncident.toggle() }
            let label = inIncident ? 1 : 0
            truth.append(label)
            // Two decimals, so both scorers have many ties.
            good.append(((Double(label) * 0.6 + rng.nextUnitDouble() * 0.5) * 100).rounded() / 100)
            noisy.append(((Double(label) * 0.1 + rng.nextUnitDouble()) * 100).rounded() / 100)
        }
    }
}

@Suite("Model comparison with a moving-block bootstrap")
struct ModelComparisonTests {
    @Test("metrics from row multiplicities equal the metrics of the materialised resample")
    func multiplicities() throws {
        let fixture = ComparisonFixture(rows: 300, seed: 3)
        let targets = fixture.good.map { $0 * 10 }, predictions = fixture.noisy.map { $0 * 10 }
        var resampler = BlockResampler(rows: 300, blockLength: 7, seed: 11)
        for _ in 0 ..< 5 {
            resampler.next()
            let counts = resampler.counts
            #expect(counts.reduce(0) { $0 + Int($1) } == 300)
            let rows = counts.indices.flatMap { Array(repeating: $0, count: Int(counts[$0])) }
            let truth = rows.map { fixture.truth[$0] }, scores = rows.map { fixture.good[$0] }
            let ranked = RankedScores(truth: fixture.truth, scores: fixture.good, positiveLabel: 1)
            #expect(close(ranked.averagePrecision(counts)!, try Metrics.averagePrecision(truth: truth, scores: scores)))
            #expect(close(ranked.rocAUC(counts)!, try Metrics.rocAUC(truth: truth, scores: scores)))
            let actual = rows.map { targets[$0] }, guessed = rows.map { predictions[$0] }
            let direct: [ComparisonMetric: Double] = [
                .r2: try Metrics.r2(truth: actual, predicted: guessed),
                .mae: try Metrics.meanAbsoluteError(truth: actual, predicted: guessed),
                .rmse: try Metrics.rootMeanSquaredError(truth: actual, predicted: guessed),
                .mape: try Metrics.meanAbsolutePercentageError(truth: actual, predicted: guessed),
            ]
            for (metric, value) in direct {
                let weighted = weightedRegression(metric, truth: targets, predicted: predictions, counts: counts)
                #expect(abs(weighted - value) <= 1e-12 * max(1, abs(value)), "\(metric)")
            }
        }
    }

    @Test("a better scorer's advantage has an interval above zero; equal scorers give exactly zero")
    func intervals() throws {
        let fixture = ComparisonFixture(rows: 1000, seed: 1)
        let better = try ModelComparison.compare(truth: fixture.truth, candidate: fixture.good, baseline: fixture.noisy)
        #expect(better.metric == .averagePrecision && better.blockLength == 10 && better.resamples == 1000)
        #expect(better.difference == better.candidate - better.baseline)
        #expect(better.ciLow > 0 && better.ciLow < better.difference && better.difference < better.ciHigh)
        #expect(better.candidate == (try Metrics.averagePrecision(truth: fixture.truth, scores: fixture.good)))
        let same = try ModelComparison.compare(
            truth: fixture.truth, candidate: fixture.noisy, baseline: fixture.noisy, metric: .rocAUC,
            bootstrap: BlockBootstrap(resamples: 50))
        #expect(same.difference == 0 && same.ciLow == 0 && same.ciHigh == 0)
    }

    @Test("the same seed gives the same interval; another seed another one")
    func seeded() throws {
        let fixture = ComparisonFixture(rows: 500, seed: 2)
        let targets = fixture.truth.map(Double.init)
        let run = { (seed: UInt64) throws in
            try ModelComparison.compare(truth: targets, candidate: fixture.good, baseline: fixture.noisy,
                                        bootstrap: BlockBootstrap(resamples: 200, blockLength: 25, seed: seed))
        }
        #expect(try run(5) == run(5))
        #expect(try run(5).ciLow != run(6).ciLow)
        let result = try run(5)
        #expect(result.metric == .r2 && result.blockLength == 25 && result.seed == 5 && result.undefinedResamples == 0)
        #expect(Set(try jsonObject(result).keys) == [
            "metric", "candidate", "baseline", "difference", "ci_low", "ci_high", "block_length", "resamples",
            "undefined_resamples", "confidence", "seed",
        ])
        #expect(try jsonObject(result)["metric"] as? String == "r2")
    }

    @Test("resamples without a positive row are counted, not scored")
    func undefinedResamples() throws {
        let truth = [1] + Array(repeating: 0, count: 49)
        let scores = (0 ..< 50).map { Double($0) / 50 }
        let result = try ModelComparison.compare(
            truth: truth, candidate: scores, baseline: scores.reversed(),
            bootstrap: BlockBootstrap(resamples: 100, blockLength: 1))
        #expect(result.undefinedResamples > 0 && result.undefinedResamples < 100)
    }

    @Test("default block length is the ceiling of the cube root of the row count")
    func blockLength() throws {
        let bootstrap = BlockBootstrap()
        #expect(try [1, 8, 9, 1000, 1001, 1_000_000].map(bootstrap.resolvedBlockLength(rows:)) == [1, 2, 3, 10, 11, 100])
    }

    @Test("comparison settings and metrics out of range are rejected with a sentence")
    func errors() {
        let truth = [0, 1, 0, 1], scores = [0.1, 0.9, 0.2, 0.8]
        #expect(throws: EvaluationError.invalidInput("Bootstrap resamples must be at least 1; got 0.")) {
            _ = try ModelComparison.compare(truth: truth, candidate: scores, baseline: scores,
                                            bootstrap: BlockBootstrap(resamples: 0))
        }
        #expect(throws: EvaluationError.invalidInput("Bootstrap confidence must be in (0, 1); got 1.0.")) {
            _ = try ModelComparison.compare(truth: truth, candidate: scores, baseline: scores,
                                            bootstrap: BlockBootstrap(confidence: 1))
        }
        #expect(throws: EvaluationError.invalidInput("Bootstrap block length must be in 1…4 (the number of rows); got 5.")) {
            _ = try ModelComparison.compare(truth: truth, candidate: scores, baseline: scores,
                                            bootstrap: BlockBootstrap(blockLength: 5))
        }
        #expect(throws: EvaluationError.invalidInput(
            "Comparison metric r2 needs numeric truth; with labels use average_precision or roc_auc.")) {
            _ = try ModelComparison.compare(truth: truth, candidate: scores, baseline: scores, metric: .r2)
        }
        #expect(throws: EvaluationError.invalidInput(
            "Comparison metric roc_auc needs binary labels; with numeric truth use r2, mae, rmse or mape.")) {
            _ = try ModelComparison.compare(truth: [1.0, 2], candidate: [1, 2], baseline: [1, 2], metric: .rocAUC)
        }
        #expect(throws: EvaluationError.invalidInput(
            "Comparison: candidate scores has 4 values but baseline scores has 3; they must match.")) {
            _ = try ModelComparison.compare(truth: truth, candidate: scores, baseline: [0.1, 0.2, 0.3])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Average precision is undefined without positive samples; no label equals the positive label 1.")) {
            _ = try ModelComparison.compare(truth: [0, 0], candidate: [0.1, 0.2], baseline: [0.2, 0.1])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Unknown comparison metric \"auc\"; expected one of average_precision, roc_auc, r2, mae, rmse, mape.")) {
            _ = try ComparisonMetric(parsing: "auc")
        }
        #expect(ComparisonMetric("roc_auc") == .rocAUC && ComparisonMetric.mae.description == "mae")
    }
}
