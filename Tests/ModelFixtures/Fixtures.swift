import Forests
import Foundation
import NumericCore
import TestSupport
import ModelStore

/// Small seeded models and metadata shared by the ModelStore tests.
public enum Fixtures {
    /// `rows × features` Gaussian values from `seed`, with a few planted outliers and NaNs.
    public static func matrix(rows: Int = 200, features: Int = 4, seed: UInt64 = 7) -> Matrix<Float> {
        var random = SeededRandom(seed: seed, stream: 0)
        var values: [Float] = []
        for row in 0 ..< rows {
            for feature in 0 ..< features {
                var value = Float(random.nextGaussian())
                if row % 50 == 0 { value += 6 }
                if row % 37 == 5 && feature == 1 { value = .nan }
                values.append(value)
            }
        }
        return try! Matrix(rows: rows, columns: features, storage: values)
    }

    /// A seeded Extended Isolation Forest of `trees` trees on `matrix()`.
    public static func extendedIsolationForest(trees: Int = 20, seed: UInt64 = 1) throws -> ExtendedIsolationForest {
        var configuration = ExtendedIsolationForest.Configuration()
        configuration.trees = trees
        configuration.seed = seed
        configuration.threads = 1
        return try ExtendedIsolationForest.fit(matrix(), configuration: configuration.validated())
    }

    /// Metadata describing a model over `features` features of `matrix()`.
    public static func metadata(
        _ algorithm: ModelAlgorithm, features: Int = 4, metrics: [String: Double] = ["roc_auc": 0.9]
    ) -> ModelMetadata {
        ModelMetadata(
            algorithm: algorithm, hyperparameters: ["trees": 20, "seed": 1, "max_samples": "auto"],
            features: (0 ..< features).map { "cpu.f\($0)" },
            lineage: TrainingLineage(
                source: "tests/fixture.csv", tenant: "acme", datasetSHA256: Digest.sha256Hex(of: matrix()), rows: 200),
            metrics: metrics, thresholds: [ThresholdLevel(name: "warn", value: 0.6, score: "anomaly_score")],
            workbenchVersion: "test", gitCommit: nil, createdUTC: "2026-01-02T03:04:05Z", host: "testhost",
            user: "tester", trainingSeconds: 0.25)
    }
}

extension Fixtures {
    /// The bundled data sets used for loader parity (datasets/odds).
    public static let oddsNames = ["Ionosphere", "Pima", "annthyroid", "breastw", "mammography", "satellite", "shuttle"]

    /// A bundled ODDS data set: features `f0…` as float32, the 0/1 label, and the feature names.
    public static func odds(_ name: String) throws -> (features: Matrix<Float>, labels: [Int], names: [String]) {
        let url = TestSupport.datasetsDirectory.appendingPathComponent("odds/\(name).csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let width = header.count - 1
        var values: [Float] = []
        var labels: [Int] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            values += fields.prefix(width).map { Float(Double($0) ?? .nan) }
            labels.append(Int(Double(fields[width]) ?? 0))
        }
        return (try Matrix(rows: labels.count, columns: width, storage: values), labels, Array(header.prefix(width)))
    }

    /// Writes `columns` (name, values) as CSV with shortest round-trip numbers.
    public static func writeCSV(_ columns: [(String, [String])], to url: URL) throws {
        var text = columns.map(\.0).joined(separator: ",") + "\n"
        for row in 0 ..< (columns.first?.1.count ?? 0) {
            text += columns.map { $0.1[row] }.joined(separator: ",") + "\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}

extension Fixtures {
    /// Labels of `matrix()`: 1 for the planted outliers (every 50th row) and rows whose feature 0 is above 1.
    public static func labels(rows: Int = 200) -> [Int] {
        let data = matrix(rows: rows)
        return (0 ..< rows).map { $0 % 50 == 0 || data[$0, 0] > 1 ? 1 : 0 }
    }

    /// A seeded Random Forest classifier with string class names on `matrix()`.
    public static func classifier(trees: Int = 10, x: Matrix<Float> = matrix(), labels: [Int] = labels(),
                           classNames: [String] = ["normal", "incident"]) throws -> RandomForestClassifier {
        var configuration = ForestConfiguration(task: .classification)
        configuration.trees = trees
        configuration.seed = 3
        configuration.threads = 1
        return try RandomForestClassifier(
            fitting: x, labels: labels, classNames: classNames, configuration: configuration.validated())
    }

    /// A seeded Random Forest regressor predicting a noisy sum of the features of `matrix()`.
    public static func regressor(trees: Int = 10, x: Matrix<Float> = matrix(), targets: [Double]? = nil) throws -> RandomForestRegressor {
        var configuration = ForestConfiguration(task: .regression)
        configuration.trees = trees
        configuration.seed = 4
        configuration.threads = 1
        configuration.maxFeatures = .fraction(0.5)
        let targets = targets ?? (0 ..< x.rows).map { row in
            (0 ..< x.columns).reduce(0.0) { $0 + (x[row, $1].isNaN ? 0 : Double(x[row, $1])) }
        }
        return try RandomForestRegressor(fitting: x, targets: targets, configuration: configuration.validated())
    }

    /// A seeded Isolation Forest on `x`.
    public static func isolationForest(trees: Int = 20, x: Matrix<Float> = matrix(), contamination: Double? = nil) throws -> IsolationForest {
        var configuration = IsolationForest.Configuration()
        configuration.trees = trees
        configuration.seed = 5
        configuration.threads = 1
        if let contamination { configuration.contamination = .fraction(contamination) }
        return try IsolationForest.fit(x, configuration: configuration.validated())
    }
}
