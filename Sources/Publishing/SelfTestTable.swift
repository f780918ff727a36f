import Foundation
import ModelStore
import NumericCore

/// The bundle's `selftest.csv`: the model file's golden input rows with the outputs Workbench computes for them.
///
/// Columns: the model's features (in model order; empty cell = NaN), then the self-test outputs
/// (`anomaly_score`, `probability_<class>` or `prediction`, `prediction_std`), then `is_anomaly` (0/1) when
/// the thresholds raise it. Values are printed with Swift's shortest round-trip form, so readers parse them
/// back to the same doubles.
struct SelfTestTable {
    /// The CSV text.
    let text: String
    /// Data rows.
    let rows: Int

    /// Scores the stored self-test inputs with `loaded` and checks them against the stored expectations.
    /// - Throws: `PublishingError.corrupted` when the model disagrees with its own vectors.
    init(loaded: LoadedModel, vectors: SelfTestVectors, rule: ThresholdsDocument.AnomalyRule?) throws(PublishingError) {
        let outputs: [[Double]]
        do {
            outputs = try Self.score(loaded.model, vectors.inputs)
        } catch {
            throw .corrupted("Cannot score the self-test rows of the model: \(error).")
        }
        guard outputs.count == vectors.outputNames.count else {
            throw .corrupted("The model computes \(outputs.count) self-test outputs; its file lists "
                + "\(vectors.outputNames.joined(separator: ", ")).")
        }
        let width = vectors.outputNames.count
        for row in 0 ..< vectors.inputs.rows {
            for column in 0 ..< width {
                let want = vectors.expected[row * width + column], got = outputs[column][row]
                let same = want == got || (want.isNaN && got.isNaN)
                    || abs(want - got) <= vectors.tolerance * max(1, abs(want))
                guard same else {
                    throw .corrupted("Self-test row \(row), \(vectors.outputNames[column]): the model computes \(got); "
                        + "its file expects \(want).")
                }
            }
        }
        let flagColumn = rule.flatMap { rule in vectors.outputNames.firstIndex(of: rule.score).map { (rule, $0) } }
        var header = loaded.metadata.features + vectors.outputNames
        if flagColumn != nil { header.append("is_anomaly") }
        var lines = [header.map(Self.quoted).joined(separator: ",")]
        for row in 0 ..< vectors.inputs.rows {
            var cells = vectors.inputs.row(row).map { $0.isNaN ? "" : "\($0)" }
            cells += outputs.map { Self.format($0[row]) }
            if let (rule, column) = flagColumn {
                let level = PublishedLevel(name: rule.level, value: rule.value, score: rule.score,
                                           direction: rule.direction)
                cells.append(level.fires(outputs[column][row]) ? "1" : "0")
            }
            lines.append(cells.joined(separator: ","))
        }
        text = lines.joined(separator: "\n") + "\n"
        rows = vectors.inputs.rows
    }

    /// The self-test output columns for `inputs`, one array per output name.
    private static func score(_ model: TrainedModel, _ inputs: Matrix<Float>) throws -> [[Double]] {
        switch model {
        case .isolationForest(let forest): [try forest.scores(inputs)]
        case .extendedIsolationForest(let forest): [try forest.scores(inputs)]
        case .randomForestClassifier(let forest):
            try forest.predictProbabilities(inputs).transposedColumns()
        case .randomForestRegressor(let forest):
            try { let (mean, spread) = try forest.predictWithSpread(inputs); return [mean, spread] }()
        }
    }

    private static func format(_ value: Double) -> String {
        value.isNaN ? "" : "\(value)"
    }

    /// RFC 4180 quoting for header cells that need it.
    private static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension Matrix where Scalar == Double {
    /// The columns as arrays.
    func transposedColumns() -> [[Double]] {
        (0 ..< columns).map { column($0) }
    }
}
