import Forests
import ModelStore

/// The short report `train` prints: data, model, scores, top features, where it went.
struct TrainingSummary {
    let table: TrainingTable
    let trained: TrainedResult
    let seconds: Double
    let output: String?
    let registered: String?

    var text: String {
        var lines = [
            "algorithm   \(trained.model.algorithm.rawValue)",
            "data        \(table.source): \(table.matrix.rows) rows, \(table.features.count) features"
                + (table.target.map { ", target '\($0.name)'" } ?? ""),
        ]
        if let classes = trained.classNames {
            lines.append("classes     \(classes.count): \(classes.prefix(10).joined(separator: ", "))"
                + (classes.count > 10 ? ", …" : ""))
        }
        for name in trained.metrics.keys.sorted() {
            lines.append("metric      \(name) = \(format(trained.metrics[name]!))")
        }
        for level in trained.thresholds {
            lines.append("threshold   \(level.name) = \(format(level.value)) (\(level.rule ?? level.direction))")
        }
        if let importances = trained.importances {
            let top = importances.enumerated().sorted { $0.element > $1.element }.prefix(5)
            lines.append("top features  " + top.map { "\(table.features[$0.offset]) \(format($0.element))" }
                .joined(separator: ", "))
        }
        lines.append("wall time   \(format(seconds)) s")
        if let output { lines.append("saved       \(output)") }
        if let registered { lines.append("registered  \(registered)") }
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return "\(rounded)"
    }
}
