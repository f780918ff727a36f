// Times each feature transform of Benchmarks/Features/run.py on one CSV and prints one JSON
// line per case: {"case": …, "seconds": …, "cpu_seconds": …}. The case's first output column
// (the first metric) is written as raw float64 to OUTDIR/CASE.f64 so the driver can check
// that Workbench and pandas computed the same values. Reading the CSV is not timed.
import Datasets
import Features
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: FeaturesBench FILE.csv OUTDIR\n".utf8))
    exit(64)
}

/// CPU time of the whole process so far, in seconds.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

let dataset: Dataset
do {
    dataset = try DatasetIO.read(path: arguments[1], csvOptions: .inferred)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(65)
}
let metrics = dataset.numericColumnNames.filter { $0 != "timestamp" }
let cases: [(String, FeatureTransform)] = [
    ("rolling_mean_1h", .rolling(statistics: [.mean], window: FeatureDuration("1h")!, minCount: 1, columns: metrics)),
    ("rolling_std_1h", .rolling(statistics: [.std], window: FeatureDuration("1h")!, minCount: 1, columns: metrics)),
    ("rolling_max_1h", .rolling(statistics: [.max], window: FeatureDuration("1h")!, minCount: 1, columns: metrics)),
    ("rolling_median_1h", .rolling(statistics: [.median], window: FeatureDuration("1h")!, minCount: 1, columns: metrics)),
    ("rolling_mean_1d", .rolling(statistics: [.mean], window: FeatureDuration("1d")!, minCount: 1, columns: metrics)),
    ("rolling_std_1d", .rolling(statistics: [.std], window: FeatureDuration("1d")!, minCount: 1, columns: metrics)),
    ("rolling_median_1d", .rolling(statistics: [.median], window: FeatureDuration("1d")!, minCount: 1, columns: metrics)),
    ("robust_z_1d", .robustZ(window: FeatureDuration("1d")!, minCount: 1, epsilon: 1e-6, columns: metrics)),
    ("seasonal_residual_1d", .seasonalResidual(period: FeatureDuration("1d")!, tolerance: nil, columns: metrics)),
    ("diff_1", .diff(rows: 1, columns: metrics)),
    ("default_spec", FeatureTransform.raw(columns: nil)),
]
let clock = ContinuousClock()
for (name, transform) in cases {
    let spec = name == "default_spec"
        ? FeatureSpec.default
        : FeatureSpec(time: "timestamp", group: "tenant_id", transforms: [transform])
    var best = (seconds: Double.infinity, cpu: 0.0)
    var output = try! Dataset(columns: [])
    for _ in 0 ..< 2 {
        let cpu = processCPUSeconds()
        let start = clock.now
        do {
            output = try spec.apply(to: dataset)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(70)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if seconds < best.seconds { best = (seconds, processCPUSeconds() - cpu) }
    }
    if case .numeric(let values)? = output.columns.first?.data {
        let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
        FileManager.default.createFile(atPath: "\(arguments[2])/\(name).f64", contents: data)
    }
    print(#"{"case": "\#(name)", "seconds": \#(best.seconds), "cpu_seconds": \#(best.cpu), "columns": \#(output.columns.count)}"#)
}
