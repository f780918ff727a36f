import Testing
@testable import Datasets

@Suite("Synthetic metrics: configuration, intervals and file names")
struct SyntheticConfigurationTests {
    typealias Configuration = SyntheticMetrics.Configuration

    static let invalid: [(Configuration, String)] = [
        (Configuration(tenants: 0), "tenants must be in 1...702; got 0."),
        (Configuration(tenants: 703), "tenants must be in 1...702; got 703."),
        (Configuration(days: 0), "days must be in 1...366; got 0."),
        (Configuration(days: 400), "days must be in 1...366; got 400."),
        (Configuration(intervalSeconds: 7),
         "intervalSeconds must divide a day (86400 s), e.g. 30, 60, 300 or 3600; got 7."),
        (Configuration(intervalSeconds: 0),
         "intervalSeconds must divide a day (86400 s), e.g. 30, 60, 300 or 3600; got 0."),
        (Configuration(intervalSeconds: 172_800),
         "intervalSeconds must divide a day (86400 s), e.g. 30, 60, 300 or 3600; got 172800."),
        (Configuration(start: -60),
         "start must be at or after 1970-01-01T00:00:00Z (epoch seconds ≥ 0); got -60."),
        (Configuration(intervalSeconds: 300, start: 1_767_571_260),
         "start must be a multiple of the interval (300 s) so buckets align; got 1767571260."),
    ]

    @Test("each invalid value is named with the range expected", arguments: invalid)
    func validation(configuration: Configuration, message: String) {
        #expect(throws: DatasetError.invalid(message)) { try configuration.validated() }
        #expect(DatasetError.invalid(message).description == message)
    }

    @Test("defaults: three tenants, two weeks of minutes from Monday 2026-01-05")
    func defaults() throws {
        let configuration = try Configuration().validated()
        #expect(configuration.tenants == 3 && configuration.days == 14 && configuration.intervalSeconds == 60)
        #expect(configuration.seed == 0 && configuration.start == 1_767_571_200 && configuration.injectsIncidents)
        #expect(configuration.bucketCount == 14 * 1_440)
        #expect(configuration.end == 1_767_571_200 + 14 * 86_400)
        #expect((configuration.start / 86_400 + 3) % 7 == 0, "the default start is a Monday")
    }

    @Test("intervals read as 30s, 1m, 5m, 1h, 1d or bare seconds",
          arguments: [("30s", 30), ("1m", 60), ("5m", 300), ("1h", 3_600), ("1d", 86_400), ("90", 90)])
    func intervals(text: String, seconds: Int) throws {
        #expect(try Configuration.intervalSeconds(parsing: text) == seconds)
    }

    @Test("other interval texts are quoted back", arguments: ["", "m", "5x", "-5m", "0m", "1.5h", "5 m", "٥m"])
    func badIntervals(text: String) {
        let message = "interval must look like 30s, 1m, 5m or 1h (a positive number and a unit s, m, h or d); got '\(text)'."
        #expect(throws: DatasetError.invalid(message)) { try Configuration.intervalSeconds(parsing: text) }
    }

    @Test("companion files are named after the output")
    func paths() {
        typealias Paths = SyntheticMetrics.CSVPaths
        #expect(Paths(output: "out/metrics.csv", long: true, wide: true)
            == Paths(long: "out/metrics.csv", wide: "out/metrics.wide.csv", incidents: "out/metrics.incidents.csv"))
        #expect(Paths(output: "metrics.csv", long: true, wide: false)
            == Paths(long: "metrics.csv", wide: nil, incidents: "metrics.incidents.csv"))
        #expect(Paths(output: "metrics.csv", long: false, wide: true)
            == Paths(long: nil, wide: "metrics.csv", incidents: "metrics.incidents.csv"))
        #expect(Paths(output: "data", long: true, wide: true)
            == Paths(long: "data", wide: "data.wide.csv", incidents: "data.incidents.csv"))
    }
}
