import Datasets
import Foundation
import Testing
@testable import Features

/// Every transform on a toy series whose answers are worked out by hand.
@Suite("feature transforms on hand-computed series")
struct TransformTests {
    /// One group, rows 5 minutes apart: 1, 3, 2, 5, 4.
    let toy = FeatureFixtures.table([
        ("time", .numeric([0, 300, 600, 900, 1200])),
        ("x", .numeric([1, 3, 2, 5, 4])),
    ])

    func run(_ transform: FeatureTransform, on data: Dataset? = nil) throws -> Dataset {
        try FeatureSpec(time: "time", transforms: [transform]).apply(to: data ?? toy)
    }

    @Test("lag and diff read k rows back and are NaN before the series has k rows")
    func lagAndDiff() throws {
        let lag = try run(.lag(rows: 1, columns: nil))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(lag, "x:lag_1"), [.nan, 1, 3, 2, 5]))
        let diff = try run(.diff(rows: 2, columns: ["x"]))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(diff, "x:diff_2"), [.nan, .nan, 1, 2, 2]))
    }

    @Test("rolling statistics use the trailing window (t - w, t]")
    func rolling() throws {
        // 10 minutes: the row and the one before it (t - 600 itself is outside).
        let two = try run(.rolling(statistics: RollingStatistic.allCases, window: FeatureDuration("10m")!,
                                   minCount: 1, columns: nil))
        #expect(two.columnNames == ["x:rolling_mean_10m", "x:rolling_std_10m", "x:rolling_min_10m",
                                    "x:rolling_max_10m", "x:rolling_median_10m"])
        #expect(FeatureFixtures.close(FeatureFixtures.values(two, "x:rolling_mean_10m"), [1, 2, 2.5, 3.5, 4.5]))
        #expect(FeatureFixtures.close(FeatureFixtures.values(two, "x:rolling_std_10m"),
                                      [.nan, 2.0.squareRoot(), 0.5.squareRoot(), 4.5.squareRoot(), 0.5.squareRoot()]))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(two, "x:rolling_min_10m"), [1, 1, 2, 2, 4]))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(two, "x:rolling_max_10m"), [1, 3, 3, 5, 5]))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(two, "x:rolling_median_10m"), [1, 2, 2.5, 3.5, 4.5]))
        let three = try run(.rolling(statistics: [.median, .mean], window: FeatureDuration("15m")!,
                                     minCount: 3, columns: nil))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(three, "x:rolling_median_15m"), [.nan, .nan, 2, 3, 4]))
        #expect(FeatureFixtures.close(FeatureFixtures.values(three, "x:rolling_mean_15m"), [.nan, .nan, 2, 10.0 / 3, 11.0 / 3]))
    }

    @Test("rolling std returns to exactly 0 after a huge value leaves the window")
    func stdAfterSpike() throws {
        let data = FeatureFixtures.table([("time", .numeric([0, 300, 600, 900, 1200])), ("x", .numeric([1e12, 0.1, 0.1, 0.1, 0.1]))])
        let out = try run(.rolling(statistics: [.std], window: FeatureDuration("10m")!, minCount: 1, columns: nil), on: data)
        let std = FeatureFixtures.values(out, "x:rolling_std_10m")
        #expect(FeatureFixtures.close(Array(std.prefix(2)), [.nan, (1e12 - 0.1) / 2.0.squareRoot()]))
        #expect(std.suffix(3).allSatisfy { $0 == 0 }, "\(std)")
    }

    @Test("rolling statistics skip NaN and a window with no value is NaN")
    func rollingMissing() throws {
        let data = FeatureFixtures.table([("time", .numeric([0, 300, 600, 900])), ("x", .numeric([.nan, 4, .nan, .nan]))])
        let out = try run(.rolling(statistics: [.mean, .max, .median], window: FeatureDuration("10m")!,
                                   minCount: 1, columns: nil), on: data)
        #expect(FeatureFixtures.identical(FeatureFixtures.values(out, "x:rolling_mean_10m"), [.nan, 4, 4, .nan]))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(out, "x:rolling_max_10m"), [.nan, 4, 4, .nan]))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(out, "x:rolling_median_10m"), [.nan, 4, 4, .nan]))
    }

    @Test("robust z is (x - median) / (1.4826 MAD) over the trailing window, floored by epsilon")
    func robustZ() throws {
        let out = try run(.robustZ(window: FeatureDuration("15m")!, minCount: 1, epsilon: 1e-6, columns: nil))
        // Windows {1}, {1,3}, {1,3,2}, {3,2,5}, {2,5,4}: medians 1, 2, 2, 3, 4; MADs 0, 1, 1, 1, 1.
        #expect(FeatureFixtures.close(FeatureFixtures.values(out, "x:robust_z_15m"), [0, 1 / 1.4826, 0, 2 / 1.4826, 0]))
        let flat = FeatureFixtures.table([("time", .numeric([0, 300, 600])), ("x", .numeric([200, 200, 201]))])
        let floored = try run(.robustZ(window: FeatureDuration("1h")!, minCount: 1, epsilon: 1e-3, columns: nil), on: flat)
        // Window {200, 200, 201}: median 200, MAD 0, so the scale is 1e-3 * 200 = 0.2.
        #expect(FeatureFixtures.close(FeatureFixtures.values(floored, "x:robust_z_1h"), [0, 0, 5]))
    }

    @Test("the MAD of a sorted window equals the brute-force median of absolute deviations")
    func madSelection() {
        var generator = SplitMix(seed: 3)
        for size in 1 ... 40 {
            var window = SortedWindow(capacity: size)
            let values = (0 ..< size).map { _ in (generator.next() * 10).rounded() / 2 }
            for value in values { window.insert(value) }
            let median = window.median
            let deviations = values.map { abs($0 - median) }.sorted()
            let expected = size % 2 == 1 ? deviations[size / 2] : (deviations[size / 2 - 1] + deviations[size / 2]) / 2
            #expect(window.medianAbsoluteDeviation(around: median) == expected, "size \(size): \(values)")
        }
    }

    @Test("seasonal residual subtracts the value one period earlier, exactly or within the tolerance")
    func seasonal() throws {
        let exact = try run(.seasonalResidual(period: FeatureDuration("10m")!, tolerance: nil, columns: nil))
        #expect(FeatureFixtures.identical(FeatureFixtures.values(exact, "x:seasonal_residual_10m"), [.nan, .nan, 1, 2, 2]))
        let gappy = FeatureFixtures.table([("time", .numeric([0, 300, 900, 1200])), ("x", .numeric([1, 3, 5, 4]))])
        let strict = try run(.seasonalResidual(period: FeatureDuration("10m")!, tolerance: nil, columns: nil), on: gappy)
        #expect(FeatureFixtures.identical(FeatureFixtures.values(strict, "x:seasonal_residual_10m"), [.nan, .nan, 2, .nan]))
        let tolerant = try run(.seasonalResidual(period: FeatureDuration("10m")!, tolerance: FeatureDuration("5m")!,
                                                 columns: nil), on: gappy)
        // Row 1200 looks for 600; none, so the latest row in [300, 600] (time 300, value 3) stands in.
        #expect(FeatureFixtures.identical(FeatureFixtures.values(tolerant, "x:seasonal_residual_10m"), [.nan, .nan, 2, 1]))
    }

    @Test("calendar features are UTC hour of day and day of week (Monday 0) as sine and cosine")
    func calendar() throws {
        // 2026-01-05T06:00Z is a Monday; 2026-01-11T18:00Z a Sunday.
        let data = FeatureFixtures.table([("time", .numeric([1_767_592_800, 1_768_154_400])), ("x", .numeric([0, 0]))])
        let out = try run(.calendar(fields: CalendarField.allCases), on: data)
        #expect(out.columnNames == ["time:hour_of_day_sin", "time:hour_of_day_cos", "time:day_of_week_sin", "time:day_of_week_cos"])
        #expect(FeatureFixtures.close(FeatureFixtures.values(out, "time:hour_of_day_sin"), [1, -1]))
        #expect(FeatureFixtures.close(FeatureFixtures.values(out, "time:hour_of_day_cos"), [0, 0], tolerance: 1e-15))
        #expect(FeatureFixtures.close(FeatureFixtures.values(out, "time:day_of_week_sin"), [0, sin(2 * Double.pi * 6 / 7)]))
        #expect(FeatureFixtures.close(FeatureFixtures.values(out, "time:day_of_week_cos"), [1, cos(2 * Double.pi * 6 / 7)]))
    }

    @Test("ratio divides named columns and gives NaN for a zero denominator")
    func ratio() throws {
        let data = FeatureFixtures.table([("time", .numeric([0, 1])), ("a", .numeric([1, 2])), ("b", .numeric([2, 0]))])
        let out = try run(.ratio(numerator: "a", denominator: "b"), on: data)
        #expect(FeatureFixtures.identical(FeatureFixtures.values(out, "a:ratio_to:b"), [0.5, .nan]))
    }

    @Test("raw copies the value and default columns skip time, group, exclude and the caller's exclusions")
    func defaults() throws {
        let data = FeatureFixtures.table([
            ("time", .numeric([0, 1])), ("tenant", .text(["a", "b"])), ("x", .numeric([1, 2])),
            ("label", .numeric([0, 1])), ("y", .numeric([3, 4])), ("note", .text(["p", "q"])),
        ])
        let spec = FeatureSpec(time: "time", group: "tenant", exclude: ["label"], transforms: [.raw(columns: nil)])
        #expect(try spec.featureNames(for: data, excluding: ["y"]) == ["x"])
        #expect(FeatureFixtures.identical(FeatureFixtures.values(try spec.apply(to: data), "y"), [3, 4]))
    }
}
