import NumericCore
import Testing
@testable import Forests

@Suite("Random Forest regressor quantiles")
struct ForestQuantileTests {
    /// Each row's per-tree predictions, walked one row and one tree at a time.
    private func perTree(_ model: RandomForestRegressor, _ x: Matrix<Float>) -> [[Double]] {
        (0 ..< x.rows).map { row in
            let values = x.row(row)
            return model.trees.map { $0.leafValues(ofNode: $0.leafNode(for: values)).first! }
        }
    }

    /// numpy's default (linear) quantile, written out independently of the kernel.
    private func reference(_ values: [Double], _ level: Double) -> Double {
        let sorted = values.sorted()
        let position = level * Double(sorted.count - 1)
        let below = Int(position), above = Int(position.rounded(.up))
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }

    @Test("quantiles of the trees' predictions: 0 is the minimum, 1 the maximum, others interpolate linearly")
    func matchesPerTreeValues() throws {
        let data = TestData.synthetic(rows: 2_500, features: 3)
        let model = try RandomForestRegressor(
            fitting: data.x, targets: data.targets, configuration: TestData.configuration(.regression, trees: 9))
        let levels = [0, 0.1, 0.5, 0.9, 1]
        let quantiles = try model.predictQuantiles(data.x, levels: levels, threads: 2)
        let trees = perTree(model, data.x)
        #expect(quantiles.count == levels.count && quantiles.allSatisfy { $0.count == data.x.rows })
        for row in stride(from: 0, to: data.x.rows, by: 7) {
            #expect(quantiles[0][row] == trees[row].min()!, "row \(row)")
            #expect(quantiles[4][row] == trees[row].max()!, "row \(row)")
            for (k, level) in levels.enumerated() {
                #expect(abs(quantiles[k][row] - reference(trees[row], level)) <= 1e-12 * max(1, abs(quantiles[k][row])))
            }
            #expect(quantiles[1][row] <= quantiles[2][row] && quantiles[2][row] <= quantiles[3][row])
        }
        // Blocks of 1,024 rows and any thread count give the same values.
        #expect(try model.predictQuantiles(data.x, levels: levels, threads: 1) == quantiles)
    }

    @Test("levels outside [0, 1] and data with another feature count are refused")
    func refusals() throws {
        let data = TestData.synthetic(rows: 200, features: 3)
        let model = try RandomForestRegressor(
            fitting: data.x, targets: data.targets, configuration: TestData.configuration(.regression, trees: 3))
        #expect(throws: ForestError.invalidParameter("Quantile levels must be in [0, 1]; got 1.5.")) {
            try model.predictQuantiles(data.x, levels: [0.5, 1.5])
        }
        #expect(throws: ForestError.self) { try model.predictQuantiles(try Matrix([[1, 2]]), levels: [0.5]) }
    }
}
