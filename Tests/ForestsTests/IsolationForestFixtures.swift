import Foundation
import NumericCore
import TestSupport

/// Data and metrics shared by the isolation forest tests.
enum IsolationFixtures {
    /// `inliers` rows from N(0, 1)^features, then `outliers` rows that sit 6–8 standard
    /// deviations out on feature `outlierFeature` and are ordinary elsewhere.
    static func planted(
        inliers: Int = 500, outliers: Int = 10, features: Int = 4, outlierFeature: Int = 2, seed: UInt64 = 1
    ) -> (data: Matrix<Float>, labels: [Bool]) {
        var random = SeededRandom(seed: seed, stream: 99)
        var values: [Float] = []
        for _ in 0 ..< inliers * features { values.append(Float(random.nextGaussian())) }
        for index in 0 ..< outliers {
            for feature in 0 ..< features {
                let sign: Double = index.isMultiple(of: 2) ? 1 : -1
                values.append(feature == outlierFeature
                    ? Float(sign * (6 + 2 * random.nextUnitDouble()))
                    : Float(random.nextGaussian() * 0.5))
            }
        }
        let labels = Array(repeating: false, count: inliers) + Array(repeating: true, count: outliers)
        return (try! Matrix(rows: inliers + outliers, columns: features, storage: values), labels)
    }

    /// Area under the ROC curve (Mann–Whitney U, ties counted half), higher score = positive.
    static func rocAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
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

    /// The ODDS folder: the repository's `datasets/odds`, else the shared copy it is made from.
    static var oddsDirectory: URL {
        let bundled = TestSupport.datasetsDirectory.appendingPathComponent("odds")
        if FileManager.default.fileExists(atPath: bundled.path) { return bundled }
        return URL(fileURLWithPath: "/work/shared/datasets/odds")
    }

    /// An ODDS CSV (`f0 … f{d−1},label`) as features and anomaly labels.
    static func odds(_ name: String) throws -> (data: Matrix<Float>, labels: [Bool]) {
        let text = try String(contentsOf: oddsDirectory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst().split(separator: ",")
        var values: [Float] = []
        var labels: [Bool] = []
        for line in lines {
            let fields = line.split(separator: ",")
            values += fields.dropLast().map { Float($0)! }
            labels.append(Double(fields.last!)! != 0)
        }
        return (try Matrix(rows: labels.count, columns: header.count - 1, storage: values), labels)
    }
}
