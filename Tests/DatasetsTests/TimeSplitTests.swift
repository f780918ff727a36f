import Testing
@testable import Datasets

@Suite("Time split")
struct TimeSplitTests {
    static func data() throws -> Dataset {
        try Dataset(columns: [
            Column(name: "time", data: .text(["2026-01-05T00:10:00Z", "2026-01-05T00:00:00Z", "2026-01-05T00:20:00Z",
                                              "2026-01-05T00:05:00Z"])),
            Column(name: "v", data: .numeric([1, 2, 3, 4])),
        ])
    }

    @Test("--at sends rows at or after the instant to test, in input order")
    func at() throws {
        let parts = try TimeSplit(time: "time", cut: TimeSplit.parseCut(at: "2026-01-05T00:10:00Z", holdout: nil))
            .split(Self.data(), source: "d.csv")
        #expect(parts.train.column(named: "v")?.data == .numeric([2, 4]))
        #expect(parts.test.column(named: "v")?.data == .numeric([1, 3]))
        #expect(parts.testRows == "at or after 2026-01-05T00:10:00Z")
    }

    @Test("--holdout sends the newest span (later than newest − span) to test")
    func holdout() throws {
        let cut = try TimeSplit.parseCut(at: nil, holdout: "15m")
        #expect(cut == .holdout(seconds: 900))
        let parts = try TimeSplit(time: "time", cut: cut).split(Self.data(), source: "d.csv")
        #expect(parts.test.column(named: "v")?.data == .numeric([1, 3]))
        #expect(parts.train.column(named: "v")?.data == .numeric([2, 4]))
    }

    @Test("unreadable cuts, a missing column, a bad time and an empty part are refused with the value named")
    func refusals() throws {
        #expect(throws: DatasetError.invalid("--holdout '7x' is not a positive duration such as 7d, 12h, 30m or 90s.")) {
            try TimeSplit.parseCut(at: nil, holdout: "7x")
        }
        #expect(throws: DatasetError.self) { try TimeSplit.parseCut(at: "yesterday", holdout: nil) }
        #expect(throws: DatasetError.self) { try TimeSplit.parseCut(at: "1", holdout: "1d") }
        #expect(throws: DatasetError.self) {
            try TimeSplit(time: "when", cut: .at(0)).split(Self.data(), source: "d.csv")
        }
        #expect(throws: DatasetError.self) {
            try TimeSplit(time: "time", cut: .holdout(seconds: 86_400)).split(Self.data(), source: "d.csv")
        }
        let bad = try Dataset(columns: [Column(name: "time", data: .text(["2026-01-05T00:00:00Z", "soon"]))])
        #expect(throws: DatasetError.malformed(path: "d.csv", line: 3, column: "time",
                                               reason: "'soon' is neither epoch seconds nor an ISO 8601 time")) {
            try TimeSplit(time: "time", cut: .at(0)).split(bad, source: "d.csv")
        }
    }
}
