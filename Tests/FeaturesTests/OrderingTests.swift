import Datasets
import Foundation
import Testing
@testable import Features

/// Rows are ordered by time within groups, no transform crosses a group or reads the future.
@Suite("feature ordering, groups and leakage")
struct OrderingTests {
    let spec = FeatureFixtures.everyTransform

    @Test("each group's features equal those computed on that group alone")
    func groupIsolation() throws {
        let data = FeatureFixtures.noisy()
        let all = try spec.apply(to: data)
        guard case .text(let groups)? = data.column(named: "group")?.data else { Issue.record("no group"); return }
        for name in ["g0", "g1", "g2"] {
            let rows = groups.indices.filter { groups[$0] == name }
            let alone = try spec.apply(to: subset(data, rows: rows))
            for column in all.columnNames {
                let together = rows.map { FeatureFixtures.values(all, column)[$0] }
                #expect(FeatureFixtures.identical(together, FeatureFixtures.values(alone, column)), "\(name) \(column)")
            }
        }
    }

    @Test("perturbing and appending rows after time T changes no feature at or before T")
    func noLeakage() throws {
        let data = FeatureFixtures.noisy(shuffled: false)
        let before = try spec.apply(to: data)
        let times = FeatureFixtures.values(data, "time")
        let cut = times.sorted()[times.count / 2]
        var generator = SplitMix(seed: 99)
        func perturb(_ name: String) -> ColumnData {
            .numeric(zip(times, FeatureFixtures.values(data, name)).map { $0 > cut ? generator.next() * 1e6 - 5e5 : $1 })
        }
        var columns = data.columns
        for index in columns.indices where ["a", "b"].contains(columns[index].name) {
            columns[index].data = perturb(columns[index].name)
        }
        let future = FeatureFixtures.noisy(groups: 4, rows: 60, seed: 5)
        let shift = cut - FeatureFixtures.values(future, "time").min()! + 1
        var perturbed = try Dataset(columns: columns)
        perturbed = try append(perturbed, future, timeShift: shift)
        let after = try spec.apply(to: perturbed)
        let past = times.indices.filter { times[$0] <= cut }
        #expect(past.count > 300)
        for column in before.columnNames {
            let old = past.map { FeatureFixtures.values(before, column)[$0] }
            let new = past.map { FeatureFixtures.values(after, column)[$0] }
            #expect(FeatureFixtures.identical(old, new), "\(column) changed before T")
        }
        // The check can fail: rows after T did change.
        let future0 = times.indices.filter { times[$0] > cut }
        #expect(!FeatureFixtures.identical(future0.map { FeatureFixtures.values(before, "a:rolling_mean_30m")[$0] },
                                           future0.map { FeatureFixtures.values(after, "a:rolling_mean_30m")[$0] }))
    }

    @Test("shuffled input gives the same features, row for row, as sorted input")
    func unsortedInput() throws {
        let sorted = FeatureFixtures.noisy(shuffled: false)
        let shuffled = FeatureFixtures.noisy(shuffled: true)
        let a = try spec.apply(to: sorted)
        let b = try spec.apply(to: shuffled)
        // Match rows by (group, time), unique in this data.
        func keys(_ data: Dataset) -> [String] {
            guard case .text(let groups)? = data.column(named: "group")?.data else { return [] }
            return zip(groups, FeatureFixtures.values(data, "time")).map { "\($0!)@\($1)" }
        }
        let position = Dictionary(uniqueKeysWithValues: keys(shuffled).enumerated().map { ($1, $0) })
        let map = keys(sorted).map { position[$0]! }
        for column in a.columnNames {
            let reordered = map.map { FeatureFixtures.values(b, column)[$0] }
            #expect(FeatureFixtures.close(FeatureFixtures.values(a, column), reordered, tolerance: 1e-12), "\(column)")
        }
    }

    @Test("ISO 8601 text times give the same features as epoch seconds")
    func isoTimes() throws {
        let data = FeatureFixtures.noisy()
        let iso = FeatureFixtures.values(data, "time").enumerated().map { index, t in
            Self.iso(t, offsetHours: index % 3 - 1)
        }
        var columns = data.columns
        columns[0].data = .text(iso)
        let a = try spec.apply(to: data)
        let b = try spec.apply(to: try Dataset(columns: columns))
        for column in a.columnNames {
            #expect(FeatureFixtures.identical(FeatureFixtures.values(a, column), FeatureFixtures.values(b, column)), "\(column)")
        }
    }

    @Test("an unreadable or empty time names the column and row")
    func badTime() {
        let text = FeatureFixtures.table([("t", .text(["2026-01-05", "soon"])), ("x", .numeric([1, 2]))])
        let spec = FeatureSpec(time: "t", transforms: [.raw(columns: nil)])
        #expect(throws: FeatureError.invalidData("Time column 't' row 2 is 'soon'; expected epoch seconds or ISO 8601 such as 2026-01-05T14:30:00Z.")) {
            try spec.apply(to: text)
        }
        let numeric = FeatureFixtures.table([("t", .numeric([1, .nan])), ("x", .numeric([1, 2]))])
        #expect(throws: FeatureError.invalidData("Time column 't' is empty at row 2; every row needs a time.")) {
            try spec.apply(to: numeric)
        }
    }

    @Test("columns the spec needs must exist, be numeric and not be excluded")
    func columnChecks() {
        let data = FeatureFixtures.noisy(rows: 3)
        #expect(throws: FeatureError.missingColumn(name: "tenant_id", role: "group", available: data.columnNames)) {
            try FeatureSpec(time: "time", group: "tenant_id", transforms: [.raw(columns: nil)]).apply(to: data)
        }
        #expect(throws: FeatureError.invalidData("transforms[0] (lag) reads column 'group', which holds text; inputs must be numeric.")) {
            try FeatureSpec(time: "time", transforms: [.lag(rows: 1, columns: ["group"])]).apply(to: data)
        }
        #expect(throws: FeatureError.invalidData("transforms[0] (raw) reads column 'label', which is the time, the group or excluded (a target must never become a feature).")) {
            try FeatureSpec(time: "time", transforms: [.raw(columns: ["label"])]).apply(to: data, excluding: ["label"])
        }
        #expect(throws: FeatureError.invalidData("Two transforms produce feature 'a'; remove one of them.")) {
            try FeatureSpec(time: "time", transforms: [.raw(columns: ["a"]), .raw(columns: nil)]).apply(to: data)
        }
    }

    private func subset(_ data: Dataset, rows: [Int]) throws -> Dataset {
        try Dataset(columns: data.columns.map { column in
            switch column.data {
            case .numeric(let values): Column(name: column.name, data: .numeric(rows.map { values[$0] }))
            case .text(let values): Column(name: column.name, data: .text(rows.map { values[$0] }))
            }
        })
    }

    private func append(_ data: Dataset, _ more: Dataset, timeShift: Double) throws -> Dataset {
        try Dataset(columns: zip(data.columns, more.columns).map { column, extra in
            switch (column.data, extra.data) {
            case (.numeric(let a), .numeric(let b)):
                Column(name: column.name, data: .numeric(a + (column.name == "time" ? b.map { $0 + timeShift } : b)))
            case (.text(let a), .text(let b)):
                Column(name: column.name, data: .text(a + b))
            default:
                fatalError("column kinds differ")
            }
        })
    }

    /// `t` as ISO 8601 in a zone `offsetHours` from UTC, with a fraction when t has one.
    static func iso(_ t: Double, offsetHours: Int) -> String {
        let local = t + Double(offsetHours * 3600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: local.rounded(.down)))
        let zone = offsetHours == 0 ? "Z" : String(format: "%@%02d:00", offsetHours < 0 ? "-" : "+", abs(offsetHours))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!,
                      parts.hour!, parts.minute!, parts.second!) + zone
    }
}
