import Forests
import Foundation
import ModelStore
import NumericCore

/// Trains a 100-tree Random Forest on a CSV file, saves it as a Workbench model file,
/// loads it back, and prints one JSON line: nodes, file bytes, save and load seconds.
/// Used by `Benchmarks/ModelStore/run.py`, which puts scikit-learn + joblib beside it.
///
/// Usage: ModelStoreBench classification|regression TRAIN.csv OUTPUT.h5 [trees] [seed]
/// CSV: a header row, numeric features, the target in the last column.
@main
struct ModelStoreBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, let task = ForestTask(rawValue: arguments[1]) else {
            FileHandle.standardError.write(Data("usage: ModelStoreBench classification|regression TRAIN.csv OUTPUT.h5 [trees] [seed]\n".utf8))
            exit(64)
        }
        var configuration = ForestConfiguration(task: task)
        configuration.trees = arguments.count > 4 ? Int(arguments[4])! : 100
        configuration.seed = arguments.count > 5 ? UInt64(arguments[5])! : 0
        configuration.computesOutOfBagScore = false
        let (x, y, names) = try readCSV(arguments[2])
        let output = URL(fileURLWithPath: arguments[3])
        let model: TrainedModel
        let algorithm: ModelAlgorithm
        if task == .classification {
            let classes = Array(Set(y)).sorted()
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            model = .randomForestClassifier(try RandomForestClassifier(
                fitting: x, labels: y.map { index[$0]! }, classNames: classes.map { String(Int($0)) },
                configuration: configuration.validated()))
            algorithm = .randomForestClassifier
        } else {
            model = .randomForestRegressor(try RandomForestRegressor(
                fitting: x, targets: y, configuration: configuration.validated()))
            algorithm = .randomForestRegressor
        }
        let nodes: Int
        switch model {
        case .randomForestClassifier(let forest): nodes = forest.trees.reduce(0) { $0 + $1.nodeCount }
        case .randomForestRegressor(let forest): nodes = forest.trees.reduce(0) { $0 + $1.nodeCount }
        default: nodes = 0
        }
        let metadata = ModelMetadata(
            algorithm: algorithm, hyperparameters: ["trees": .number(Double(configuration.trees))], features: names,
            lineage: TrainingLineage(source: arguments[2], datasetSHA256: Digest.sha256Hex(of: x), rows: x.rows),
            workbenchVersion: "bench", trainingSeconds: 0)
        let saveStart = Date()
        try ModelFile.save(model, metadata: metadata, selfTestRows: x, to: output)
        let saveSeconds = Date().timeIntervalSince(saveStart)
        let loadStart = Date()
        _ = try ModelFile.load(output)
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let bytes = try FileManager.default.attributesOfItem(atPath: output.path)[.size] as! Int
        let result: [String: Any] = [
            "nodes": nodes, "bytes": bytes, "save_seconds": saveSeconds, "load_seconds": loadSeconds,
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// Features (all columns but the last) as float32, the last column as the target, and the feature names.
    static func readCSV(_ path: String) throws -> (Matrix<Float>, [Double], [String]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n")
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let width = header.count - 1
        var values: [Float] = []
        values.reserveCapacity(lines.count * width)
        var targets: [Double] = []
        for line in lines {
            let fields = line.split(separator: ",")
            for field in fields.prefix(width) { values.append(Float(Double(field) ?? .nan)) }
            targets.append(Double(fields[width])!)
        }
        return (try Matrix(rows: targets.count, columns: width, storage: values), targets, Array(header.prefix(width)))
    }
}
