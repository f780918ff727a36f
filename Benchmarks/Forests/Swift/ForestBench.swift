import Forests
import Foundation
import NumericCore

/// Trains and evaluates a Random Forest on CSV files and prints one JSON line
/// with timings, quality and peak memory. Used by `Benchmarks/Forests/run.py`
/// until `workbench train` covers the same measurements.
///
/// Usage: ForestBench classification|regression TRAIN.csv TEST.csv [key=value ...]
/// CSV: a header row, numeric features, the target in the last column.
/// Options: trees, threads, seed, splitter (histogram|exact), maxFeatures (sqrt|log2|all|N|F),
/// minSamplesLeaf, maxDepth, oob (true|false).
@main
struct ForestBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, let task = ForestTask(rawValue: arguments[1]) else {
            FileHandle.standardError.write(Data("usage: ForestBench classification|regression TRAIN.csv TEST.csv [key=value ...]\n".utf8))
            exit(64)
        }
        var configuration = ForestConfiguration(task: task)
        for option in arguments.dropFirst(4) {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "trees": configuration.trees = Int(parts[1])!
            case "threads": configuration.threads = Int(parts[1])!
            case "seed": configuration.seed = UInt64(parts[1])!
            case "splitter": configuration.splitter = SplitMethod(rawValue: parts[1])!
            case "minSamplesLeaf": configuration.minSamplesLeaf = Int(parts[1])!
            case "maxDepth": configuration.maxDepth = Int(parts[1])!
            case "oob": configuration.computesOutOfBagScore = parts[1] == "true"
            case "maxFeatures":
                switch parts[1] {
                case "sqrt": configuration.maxFeatures = .sqrt
                case "log2": configuration.maxFeatures = .log2
                case "all": configuration.maxFeatures = .all
                default:
                    configuration.maxFeatures = parts[1].contains(".") ? .fraction(Double(parts[1])!) : .count(Int(parts[1])!)
                }
            default: FileHandle.standardError.write(Data("unknown option \(parts[0])\n".utf8)); exit(64)
            }
        }
        let validated = try configuration.validated()
        let (trainX, trainY) = try readCSV(arguments[2])
        let (testX, testY) = try readCSV(arguments[3])
        var result: [String: Any] = ["train_rows": trainX.rows, "features": trainX.columns]
        if task == .classification {
            let classes = Array(Set(trainY + testY)).sorted()
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            let start = Date()
            let model = try RandomForestClassifier(
                fitting: trainX, labels: trainY.map { index[$0]! }, classNames: classes.map { "\($0)" },
                configuration: validated)
            result["fit_seconds"] = Date().timeIntervalSince(start)
            let predictStart = Date()
            let predicted = try model.predict(testX)
            result["predict_seconds"] = Date().timeIntervalSince(predictStart)
            let correct = zip(predicted, testY).filter { classes[$0] == $1 }.count
            result["score"] = Double(correct) / Double(testY.count)
            result["oob"] = model.outOfBagScore ?? -1
            result["nodes"] = model.trees.reduce(0) { $0 + $1.nodeCount }
        } else {
            let start = Date()
            let model = try RandomForestRegressor(fitting: trainX, targets: trainY, configuration: validated)
            result["fit_seconds"] = Date().timeIntervalSince(start)
            let predictStart = Date()
            let predicted = try model.predict(testX)
            result["predict_seconds"] = Date().timeIntervalSince(predictStart)
            let mean = testY.reduce(0, +) / Double(testY.count)
            let residual = zip(predicted, testY).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let total = testY.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            result["score"] = 1 - residual / total
            result["oob"] = model.outOfBagScore ?? -1
            result["nodes"] = model.trees.reduce(0) { $0 + $1.nodeCount }
        }
        result["peak_mb"] = peakResidentMegabytes()
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// Reads a numeric CSV with a header; the last column is the target.
    static func readCSV(_ path: String) throws -> (Matrix<Float>, [Double]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        lines.removeFirst()
        var storage: [Float] = []
        var targets: [Double] = []
        var columns = 0
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            columns = fields.count - 1
            for field in fields.dropLast() { storage.append(Float(field) ?? .nan) }
            targets.append(Double(fields.last!.trimmingCharacters(in: .whitespaces))!)
        }
        return (try Matrix(rows: targets.count, columns: columns, storage: storage), targets)
    }

    /// Peak resident set size (VmHWM) of this process in MB.
    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return -1 }
        return kilobytes / 1024
    }
}
