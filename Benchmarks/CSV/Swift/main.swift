// Times `CSVReader.read` on one file and prints one JSON line for Benchmarks/CSV/run.py:
// {"seconds": …, "cpu_seconds": …, "rows": …, "columns": …, "bytes": …, "peak_rss_kb": …, "checksum": …}
// cpu_seconds (user + system, all threads) matters on a shared machine where wall time
// includes waiting for a core.
// The checksum (sum of every non-missing value) lets the driver check that
// Workbench and pandas read the same numbers.
import Datasets
import Foundation

// With --inferred, columns holding text are read as text (as `workbench dataset inspect` does)
// instead of being an error, which exercises the general (non-numeric) path.
let arguments = CommandLine.arguments
guard arguments.count == 2 || (arguments.count == 3 && arguments[2] == "--inferred") else {
    FileHandle.standardError.write(Data("usage: CSVBench FILE.csv [--inferred]\n".utf8))
    exit(64)
}
let path = arguments[1]
let options = arguments.count == 3 ? CSVReadOptions.inferred : CSVReadOptions()
let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
/// CPU time of the whole process so far, in seconds.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

let clock = ContinuousClock()
let cpuStart = processCPUSeconds()
let start = clock.now
let dataset: Dataset
do {
    dataset = try CSVReader.read(path: path, options: options)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(65)
}
let elapsed = clock.now - start
let cpuSeconds = processCPUSeconds() - cpuStart
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
var checksum = 0.0
for column in dataset.columns {
    if case .numeric(let values) = column.data {
        for value in values where !value.isNaN { checksum += value }
    }
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print("""
    {"seconds": \(seconds), "cpu_seconds": \(cpuSeconds), "rows": \(dataset.rowCount), "columns": \(dataset.columns.count), \
    "bytes": \(bytes), "peak_rss_kb": \(usage.ru_maxrss), "checksum": \(checksum)}
    """)
