// IsolationBench: the Workbench side of Benchmarks/IsolationForest/run.py.
//
// Prints one JSON object per line so run.py can put Workbench and
// scikit-learn side by side from the same run. Data comes from an ODDS CSV
// (`f0..f{d-1},label`) or from a raw little-endian float32 file written by
// run.py (`rows × columns` values, row-major; sizes given on the command line).
//
//   IsolationBench odds FILE.csv SEEDS THREADS
//   IsolationBench speed FILE.f32 ROWS COLUMNS THREADS REPEATS EIF_ROWS
import Forests
import Foundation
import NumericCore

func readODDS(_ path: String) throws -> (Matrix<Float>, [Bool]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline)
    let width = lines.removeFirst().split(separator: ",").count - 1
    var values: [Float] = []
    var labels: [Bool] = []
    for line in lines {
        let fields = line.split(separator: ",")
        values += fields.dropLast().map { Float($0)! }
        labels.append(Double(fields.last!)! != 0)
    }
    return (try Matrix(rows: labels.count, columns: width, storage: values), labels)
}

func readRaw(_ path: String, rows: Int, columns: Int) throws -> Matrix<Float> {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    precondition(data.count == rows * columns * 4, "\(path) holds \(data.count) bytes; expected \(rows * columns * 4).")
    let values = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    return try Matrix(rows: rows, columns: columns, storage: values)
}

/// ROC AUC by the rank-sum formula, ties counted half.
func rocAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var ranks = [Double](repeating: 0, count: scores.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
        for position in start ... end { ranks[order[position]] = Double(start + end) / 2 + 1 }
        start = end + 1
    }
    let positives = labels.count { $0 }, negatives = labels.count - positives
    let rankSum = zip(ranks, labels).reduce(0.0) { $0 + ($1.1 ? $1.0 : 0) }
    return (rankSum - Double(positives * (positives + 1)) / 2) / Double(positives * negatives)
}

/// CPU seconds of the whole process (all threads) so far.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Wall-clock seconds of `body`; the CPU seconds it used are added to `cpu`.
func seconds(cpu: inout Double, _ body: () throws -> Void) rethrows -> Double {
    let cpuStart = processCPUSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    cpu += processCPUSeconds() - cpuStart
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    var ignored = 0.0
    return try seconds(cpu: &ignored, body)
}

func emit(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func isolationConfiguration(seed: UInt64, threads: Int) throws -> IsolationForest.ValidatedConfiguration {
    var configuration = IsolationForest.Configuration()
    configuration.seed = seed
    configuration.threads = threads
    return try configuration.validated()
}

func extendedConfiguration(seed: UInt64, threads: Int) throws -> ExtendedIsolationForest.ValidatedConfiguration {
    var configuration = ExtendedIsolationForest.Configuration()
    configuration.seed = seed
    configuration.threads = threads
    return try configuration.validated()
}

func runODDS(path: String, seeds: Int, threads: Int) throws {
    let (data, labels) = try readODDS(path)
    for seed in 0 ..< UInt64(seeds) {
        let forest = try IsolationForest.fit(data, configuration: isolationConfiguration(seed: seed, threads: threads))
        let extended = try ExtendedIsolationForest.fit(data, configuration: extendedConfiguration(seed: seed, threads: threads))
        emit(["seed": seed, "if_auc": rocAUC(try forest.scores(data), labels),
              "eif_auc": rocAUC(try extended.scores(data), labels)])
    }
}

func runSpeed(path: String, rows: Int, columns: Int, threads: Int, repeats: Int, eifRows: Int) throws {
    let data = try readRaw(path, rows: rows, columns: columns)
    for repeatIndex in 0 ..< repeats {
        var forest: IsolationForest?
        var fitCPU = 0.0, scoreCPU = 0.0
        let fit = try seconds(cpu: &fitCPU) {
            forest = try IsolationForest.fit(data, configuration: isolationConfiguration(seed: UInt64(repeatIndex), threads: threads))
        }
        var scores: [Double] = []
        let score = try seconds(cpu: &scoreCPU) { scores = try forest!.scores(data, threads: threads) }
        emit(["model": "if", "repeat": repeatIndex, "fit_s": fit, "score_s": score, "fit_cpu_s": fitCPU,
              "score_cpu_s": scoreCPU, "mean_score": scores.reduce(0, +) / Double(scores.count)])

        var extended: ExtendedIsolationForest?
        let extendedFit = try seconds {
            extended = try ExtendedIsolationForest.fit(data, configuration: extendedConfiguration(seed: UInt64(repeatIndex), threads: threads))
        }
        // The three scoring paths are timed on the first `eifRows` rows: the reference path is slow.
        let subset = data.selectingRows(0 ..< min(eifRows, rows))
        var results: [ExtendedIsolationForest.ScoringMethod: [Double]] = [:]
        var times: [String: Double] = [:]
        var cpu: [String: Double] = [:]
        for method in ExtendedIsolationForest.ScoringMethod.allCases {
            var used = 0.0
            times["\(method)"] = try seconds(cpu: &used) {
                results[method] = try extended!.scores(subset, method: method, threads: threads)
            }
            cpu["\(method)"] = used
        }
        let reference = results[.reference]!
        emit(["model": "eif", "repeat": repeatIndex, "fit_s": extendedFit, "rows_scored": subset.rows,
              "score_reference_s": times["reference"]!, "score_lockstep_s": times["lockstep"]!,
              "score_blas_s": times["matrixProducts"]!, "score_reference_cpu_s": cpu["reference"]!,
              "score_lockstep_cpu_s": cpu["lockstep"]!, "score_blas_cpu_s": cpu["matrixProducts"]!,
              "lockstep_differences": zip(reference, results[.lockstep]!).count { $0 != $1 },
              "blas_differences": zip(reference, results[.matrixProducts]!).count { $0 != $1 }])
    }
}

let arguments = CommandLine.arguments
do {
    switch arguments.dropFirst().first {
    case "odds" where arguments.count == 5:
        try runODDS(path: arguments[2], seeds: Int(arguments[3])!, threads: Int(arguments[4])!)
    case "speed" where arguments.count == 8:
        try runSpeed(path: arguments[2], rows: Int(arguments[3])!, columns: Int(arguments[4])!,
                     threads: Int(arguments[5])!, repeats: Int(arguments[6])!, eifRows: Int(arguments[7])!)
    default:
        FileHandle.standardError.write(Data("usage: IsolationBench odds FILE.csv SEEDS THREADS | speed FILE.f32 ROWS COLUMNS THREADS REPEATS EIF_ROWS\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(65)
}
