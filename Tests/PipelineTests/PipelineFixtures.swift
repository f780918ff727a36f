import Datasets
import NumericCore

/// Small seeded data sets for the pipeline tests.
enum PipelineFixtures {
    /// `rows` rows of three Gaussian features; `label` is 1 where `a + b > 1` (about a quarter of the
    /// rows), `value` a noisy linear target, every twentieth row of `a` shifted far out as an outlier.
    static func table(rows: Int = 400, seed: UInt64 = 3) throws -> Dataset {
        var random = SeededRandom(seed: seed, stream: 0)
        var a: [Double] = [], b: [Double] = [], c: [Double] = [], label: [Double] = [], value: [Double] = []
        for row in 0 ..< rows {
            let x = random.nextGaussian() + (row % 20 == 0 ? 8 : 0), y = random.nextGaussian(), z = random.nextGaussian()
            a.append(x)
            b.append(y)
            c.append(z)
            label.append(x + y > 1 ? 1 : 0)
            value.append(2 * x - y + 0.1 * z)
        }
        return try Dataset(columns: [
            Column(name: "a", data: .numeric(a)), Column(name: "b", data: .numeric(b)),
            Column(name: "c", data: .numeric(c)), Column(name: "label", data: .numeric(label)),
            Column(name: "value", data: .numeric(value)),
        ])
    }

    /// `table()` with one more column `name` holding `values`.
    static func table(adding name: String, _ values: ColumnData) throws -> Dataset {
        var dataset = try table()
        try dataset.append(Column(name: name, data: values))
        return dataset
    }
}
