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
        var predictRepeats = 1
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
            case "predictRepeats": predictRepeats = Int(parts[1])!
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
            let start = Date(), cpu = cpuSeconds()
            let model = try RandomForestClassifier(
                fitting: trainX, labels: trainY.map { index[$0]! }, classNames: classes.map { "\($0)" },
                configuration: validated)
            result["fit_seconds"] = Date().timeIntervalSince(start)
            result["fit_cpu_seconds"] = cpuSeconds() - cpu
            let (predicted, wall, predictCPU) = try fastest(repeats: predictRepeats) { try model.predict(testX) }
            result["predict_seconds"] = wall
            result["predict_cpu_seconds"] = predictCPU
            let correct = zip(predicted, testY).filter { classes[$0] == $1 }.count
            result["score"] = Double(correct) / Double(testY.count)
            result["oob"] = model.outOfBagScore ?? -1
            result["nodes"] = model.trees.reduce(0) { $0 + $1.nodeCount }
        } else {
            let start = Date(), cpu = cpuSeconds()
            let model = try RandomForestRegressor(fitting: trainX, targets: trainY, configuration: validated)
            result["fit_seconds"] = Date().timeIntervalSince(start)
            result["fit_cpu_seconds"] = cpuSeconds() - cpu
            let (predicted, wall, predictCPU) = try fastest(repeats: predictRepeats) { try model.predict(testX) }
            result["predict_seconds"] = wall
            result["predict_cpu_seconds"] = predictCPU
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

    /// Reads a numeric CSV with a header; the last column is the target; empty fields are NaN.
    /// Values go straight into the float32 matrix so parsing adds little to peak memory.
    static func readCSV(_ path: String) throws -> (Matrix<Float>, [Double]) {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.append(0)
        var storage: [Float] = []
        var targets: [Double] = []
        var columns = 0
        bytes.withUnsafeMutableBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            let base = buffer.baseAddress!
            var cursor = base
            while cursor.pointee != 0 && cursor.pointee != UInt8(ascii: "\n") { cursor += 1 }
            columns = 1 + buffer[0 ..< (cursor - base)].filter { $0 == UInt8(ascii: ",") }.count
            while cursor.pointee != 0 {
                cursor += 1
                if cursor.pointee == 0 { break }
                for column in 0 ..< columns {
                    var end: UnsafeMutablePointer<CChar>?
                    let start = UnsafeMutableRawPointer(cursor).assumingMemoryBound(to: CChar.self)
                    let parsed = strtod(start, &end)
                    let consumed = UnsafeMutableRawPointer(end!).assumingMemoryBound(to: UInt8.self)
                    let value = consumed == cursor ? Double.nan : parsed
                    if column < columns - 1 { storage.append(Float(value)) } else { targets.append(value) }
                    cursor = consumed
                    if cursor.pointee == UInt8(ascii: ",") || cursor.pointee == UInt8(ascii: "\r") { cursor += 1 }
                }
                while cursor.pointee != 0 && cursor.pointee != UInt8(ascii: "\n") { cursor += 1 }
            }
        }
        return (try Matrix(rows: targets.count, columns: columns - 1, storage: storage), targets)
    }

    /// Runs `body` `repeats` times; returns its result and the smallest wall and CPU seconds.
    static func fastest<T>(repeats: Int, _ body: () throws -> T) rethrows -> (T, Double, Double) {
        var best: (T, Double, Double)?
        for _ in 0 ..< max(repeats, 1) {
            let start = Date(), cpu = cpuSeconds()
            let value = try body()
            let wall = Date().timeIntervalSince(start), used = cpuSeconds() - cpu
            best = (value, min(best?.1 ?? wall, wall), min(best?.2 ?? used, used))
        }
        return best!
    }

    /// CPU seconds used by this process so far (all threads).
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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
