import Foundation
import NumericCore
import TestSupport
@testable import Forests

/// Small data sets for the forest tests.
enum TestData {
    /// `rows` rows of `features` uniform features in [-1, 1); the label is 1 iff
    /// x0 + x1 > 0, flipped for `noise` of the rows. Regression target: 3·x0 − 2·x1 + x2².
    static func synthetic(rows: Int, features: Int, noise: Double = 0.05, seed: UInt64 = 1)
        -> (x: Matrix<Float>, labels: [Int], targets: [Double])
    {
        var random = SeededRandom(seed: seed)
        var storage: [Float] = []
        var labels: [Int] = []
        var targets: [Double] = []
        for _ in 0 ..< rows {
            let row = (0 ..< features).map { _ in Float(random.nextUnitDouble() * 2 - 1) }
            storage += row
            var label = row[0] + row[1] > 0 ? 1 : 0
            if random.nextUnitDouble() < noise { label = 1 - label }
            labels.append(label)
            targets.append(3 * Double(row[0]) - 2 * Double(row[1]) + Double(row[min(2, features - 1)] * row[min(2, features - 1)]))
        }
        return (try! Matrix(rows: rows, columns: features, storage: storage), labels, targets)
    }

    /// An ODDS data set (features, then a 0/1 `label` column), from the
    /// repository's `datasets/odds` or else the shared copy.
    static func odds(_ name: String) throws -> (x: Matrix<Float>, labels: [Int]) {
        let bundled = TestSupport.datasetsDirectory.appendingPathComponent("odds/\(name).csv")
        let url = FileManager.default.fileExists(atPath: bundled.path)
            ? bundled : URL(fileURLWithPath: "/work/shared/datasets/odds/\(name).csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        var storage: [Float] = []
        var labels: [Int] = []
        for line in lines {
            let fields = line.split(separator: ",")
            storage += fields.dropLast().map { Float($0) ?? .nan }
            labels.append(Int(fields.last!.trimmingCharacters(in: .whitespaces))!)
        }
        return (try Matrix(rows: labels.count, columns: storage.count / labels.count, storage: storage), labels)
    }

    /// A configuration with `trees` trees, `threads` threads and the given splitter.
    static func configuration(
        _ task: ForestTask, trees: Int = 10, threads: Int = 1, splitter: SplitMethod = .histogram,
        change: (inout ForestConfiguration) -> Void = { _ in }
    ) throws -> ForestConfiguration.Validated {
        var configuration = ForestConfiguration(task: task)
        configuration.trees = trees
        configuration.threads = threads
        configuration.splitter = splitter
        change(&configuration)
        return try configuration.validated()
    }
}
