import Datasets
import Features
import Foundation

/// Small data sets and helpers shared by the feature tests.
enum FeatureFixtures {
    /// A data set from (name, data) pairs.
    static func table(_ columns: [(String, ColumnData)]) -> Dataset {
        try! Dataset(columns: columns.map { Column(name: $0.0, data: $0.1) })
    }

    /// The numeric column `name` of `dataset`.
    static func values(_ dataset: Dataset, _ name: String) -> [Double] {
        guard case .numeric(let values)? = dataset.column(named: name)?.data else {
            fatalError("no numeric column \(name) in \(dataset.columnNames)")
        }
        return values
    }

    /// Equal, counting NaN equal to NaN, within `tolerance`.
    static func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            (x.isNaN && y.isNaN) || abs(x - y) <= tolerance * max(1, abs(x), abs(y))
        }
    }

    /// Bit-for-bit equal columns (NaN equal to NaN).
    static func identical(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || $0.bitPattern == $1.bitPattern }
    }

    /// A spec exercising every transform kind and every rolling statistic.
    static let everyTransform = FeatureSpec(
        time: "time", group: "group", exclude: ["label"],
        transforms: [
            .raw(columns: nil),
            .lag(rows: 2, columns: ["a"]),
            .diff(rows: 1, columns: nil),
            .rolling(statistics: RollingStatistic.allCases, window: FeatureDuration("30m")!, minCount: 2, columns: nil),
            .rolling(statistics: [.median, .std], window: FeatureDuration("2h")!, minCount: 1, columns: ["b"]),
            .seasonalResidual(period: FeatureDuration("1h")!, tolerance: nil, columns: ["a"]),
            .seasonalResidual(period: FeatureDuration("2h")!, tolerance: FeatureDuration("5m")!, columns: ["b"]),
            .robustZ(window: FeatureDuration("3h")!, minCount: 5, epsilon: 1e-6, columns: nil),
            .calendar(fields: CalendarField.allCases),
            .ratio(numerator: "a", denominator: "b"),
        ])

    /// Seeded multi-group data: times with jitter and gaps (5-minute base), NaNs, plateaus,
    /// spikes, rows shuffled; columns time, group, a, b, label.
    static func noisy(groups: Int = 3, rows: Int = 240, seed: UInt64 = 7, shuffled: Bool = true) -> Dataset {
        var generator = SplitMix(seed: seed)
        var records: [(time: Double, group: String, a: Double, b: Double)] = []
        for g in 0 ..< groups {
            var time = 1_767_571_200.0 + Double(g) * 60
            for r in 0 ..< rows {
                time += generator.next() < 0.1 ? 900 : (generator.next() < 0.2 ? 307 : 300)
                var a = 10 * Double(g + 1) + sin(Double(r) / 12) * 3 + generator.next()
                if r % 37 == 5 { a += 25 }
                if generator.next() < 0.05 { a = .nan }
                let b = r % 50 < 10 ? 4.25 : (generator.next() < 0.05 ? 0 : 1_000_000 + 5_000 * generator.next())
                records.append((time, "g\(g)", a, b))
            }
        }
        if shuffled {
            for i in stride(from: records.count - 1, to: 0, by: -1) {
                records.swapAt(i, Int(generator.next() * Double(i + 1)))
            }
        }
        return table([
            ("time", .numeric(records.map(\.time))),
            ("group", .text(records.map(\.group))),
            ("a", .numeric(records.map(\.a))),
            ("b", .numeric(records.map(\.b))),
            ("label", .numeric(records.map { $0.a > 30 ? 1 : 0 })),
        ])
    }
}

/// A tiny seeded generator for test data (SplitMix64), uniform in [0, 1).
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
