import Testing
import NumericCore
@testable import Forests

@Suite("Batch explanations")
struct IsolationExplanationTests {
    /// Planted data with NaN in training and scoring rows, so both walks take the missing-value routes.
    static func data() -> Matrix<Float> {
        var (data, _) = IsolationFixtures.planted(inliers: 700, outliers: 12, features: 5)
        for row in stride(from: 0, to: 700, by: 9) { data[row, 1] = .nan }
        data[703, 0] = .nan
        return data
    }

    @Test("isolation forest: every row's batch explanation equals the per-row one, bit for bit, on 1 and 2 threads")
    func axisParallel() throws {
        let data = Self.data()
        var configuration = IsolationForest.Configuration()
        configuration.trees = 60
        configuration.threads = 1
        let model = try IsolationForest.fit(data, configuration: configuration.validated())
        let rows = Array((0 ..< data.rows).reversed())
        for threads in [1, 2] {
            let batch = try model.topContributions(of: data, rows: rows, count: 3, threads: threads)
            #expect(batch.count == rows.count)
            for (row, explained) in zip(rows, batch) {
                #expect(explained == (try model.topContributions(of: data, row: row, count: 3)), "row \(row)")
            }
        }
        // A partial lane group: the padding lanes must not touch the real rows' credits.
        let odd = [11, 703, 0, 2, 700, 9, 4, 8, 1, 6, 705, 3, 7]
        for (row, explained) in zip(odd, try model.topContributions(of: data, rows: odd, count: 2)) {
            #expect(explained == (try model.topContributions(of: data, row: row, count: 2)), "row \(row)")
        }
        let all = try model.topContributions(of: data, rows: [703, 5], count: 9)
        #expect(all.map(\.count) == [5, 5])
        #expect(all[0].map(\.share) == FeatureContribution.top(try model.contributions(of: data, row: 703), count: 5).map(\.share))
        #expect(try model.topContributions(of: data, rows: [], count: 3).isEmpty)
        #expect(throws: ForestError.invalidData("row 712 is out of range; the data has 712 rows.")) {
            try model.topContributions(of: data, rows: [3, 712], count: 3)
        }
    }

    @Test("extended isolation forest: every row's batch explanation equals the per-row one, bit for bit")
    func hyperplanes() throws {
        let data = Self.data()
        for level in [ExtendedIsolationForest.ExtensionLevel.level(1), .full] {
            var configuration = ExtendedIsolationForest.Configuration()
            configuration.trees = 40
            configuration.extensionLevel = level
            configuration.threads = 1
            let model = try ExtendedIsolationForest.fit(data, configuration: configuration.validated())
            let rows = Array(0 ..< data.rows)
            let batch = try model.topContributions(of: data, rows: rows, count: 2, threads: 2)
            for (row, explained) in zip(rows, batch) {
                #expect(explained == (try model.topContributions(of: data, row: row, count: 2)), "row \(row)")
            }
        }
    }

    @Test("selection keeps the largest shares, lower feature first on ties, like sorting")
    func selection() {
        var weights: [Double] = [1, 3, 3, 0, 1]
        let expected = FeatureContribution.top(FeatureContribution.normalised(weights), count: 4)
        let selected = weights.withUnsafeMutableBufferPointer { FeatureContribution.top($0, count: 4) }
        #expect(selected == expected)
        #expect(selected.map(\.feature) == [1, 2, 0, 4])
    }
}
