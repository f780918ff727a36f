import Foundation
import NumericCore
import TestSupport
import Testing
@testable import Evaluation

/// Every metric key of `workbench evaluate` against scikit-learn on seeded arrays that
/// Tests/Interop/metrics_parity.py generates and scores (binary, other labels, multiclass,
/// regression with zero targets, anomaly scores with ties).
@Suite("Metric parity with scikit-learn")
struct MetricsParityTests {
    /// Relative tolerance; exact equality is required for integers.
    static let tolerance = 1e-9

    @Test("classification, regression and anomaly metrics match sklearn.metrics key by key")
    func parity() throws {
        let directory = try TestSupport.makeTemporaryDirectory("parity")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("parity.json")
        let result = try TestSupport.python("metrics_parity.py", [output.path])
        try #require(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        // JSONDecoder, not JSONSerialization: the latter rounds some doubles on Linux, which splits tied scores.
        let cases = try JSONDecoder().decode([String: Case].self, from: Data(contentsOf: output))
        #expect(Set(cases.keys) == ["binary", "binary_other_labels", "multiclass", "regression", "anomaly"])

        for name in ["binary", "binary_other_labels", "multiclass"] {
            let data = try #require(cases[name])
            let metrics = try ClassificationMetrics.compute(
                truth: try #require(data.truth?.labels), probabilities: try Matrix(try #require(data.probabilities)),
                classes: try #require(data.classes), positive: data.positive ?? 1)
            try compare(metrics, data.expected, name)
        }
        let regression = try #require(cases["regression"])
        try compare(try RegressionMetrics.compute(
            truth: try #require(regression.truth?.values), predictions: try #require(regression.predictions)),
            regression.expected, "regression")
        let anomaly = try #require(cases["anomaly"])
        try compare(try AnomalyMetrics.compute(
            truth: try #require(anomaly.truth?.labels), scores: try #require(anomaly.scores)), anomaly.expected, "anomaly")
    }

    /// One case of the script's output.
    struct Case: Decodable {
        let truth: Truth?
        let probabilities: [[Double]]?
        let classes: [Int]?
        let positive: Int?
        let predictions: [Double]?
        let scores: [Double]?
        let expected: JSONValue
    }

    /// Labels or numeric targets.
    struct Truth: Decodable {
        let values: [Double]
        var labels: [Int] { values.map { Int($0) } }
        init(from decoder: any Decoder) throws { values = try decoder.singleValueContainer().decode([Double].self) }
    }

    /// Any JSON value, numbers as Double.
    enum JSONValue: Decodable {
        case number(Double), array([JSONValue]), object([String: JSONValue]), null, other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let array = try? container.decode([JSONValue].self) { self = .array(array) }
            else if let object = try? container.decode([String: JSONValue].self) { self = .object(object) }
            else { self = .other }
        }
    }

    /// Checks that every key sklearn produced is in our JSON encoding with the same value.
    private func compare(_ metrics: some Encodable, _ expected: JSONValue, _ name: String) throws {
        let ours = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(metrics))
        guard case .object(let keys) = expected else { Issue.record("\(name): expected an object"); return }
        #expect(keys.count >= 4, "\(name): sklearn produced too few keys")
        match(ours, expected, path: name)
    }

    private func match(_ ours: JSONValue, _ expected: JSONValue, path: String) {
        switch (ours, expected) {
        case (.object(let mine), .object(let object)):
            for (key, value) in object {
                guard let own = mine[key] else { Issue.record("\(path).\(key) is missing"); continue }
                match(own, value, path: "\(path).\(key)")
            }
        case (.array(let mine), .array(let array)):
            guard mine.count == array.count else {
                Issue.record("\(path): expected \(array.count) elements, got \(mine.count)")
                return
            }
            for (index, (own, value)) in zip(mine, array).enumerated() { match(own, value, path: "\(path)[\(index)]") }
        case (.number(let a), .number(let b)):
            #expect(abs(a - b) <= Self.tolerance * max(abs(a), abs(b)), "\(path): \(a) ≠ sklearn's \(b)")
        default:
            Issue.record("\(path): \(ours) does not match sklearn's \(expected)")
        }
    }
}
