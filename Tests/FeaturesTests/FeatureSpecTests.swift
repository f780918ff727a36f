import Foundation
import Testing
@testable import Features

/// Reading, validating and writing feature specs.
@Suite("feature spec text forms and validation")
struct FeatureSpecTests {
    static let valid = """
        time: timestamp
        group: tenant_id
        exclude: [label]
        transforms:
          - kind: raw
          - kind: rolling
            stats: [mean, std]
            window: 60m
          - kind: robust_z
            window: 1d
            min_count: 12
          - kind: seasonal_residual
            period: 1w
            tolerance: 2m
            columns: [api_gateway/requests_per_second]
          - kind: ratio
            numerator: a
            denominator: '2024'
          - kind: calendar
        """

    @Test("a YAML spec reads into the transforms it names, with defaults filled in")
    func reads() throws {
        let spec = try FeatureSpec(yaml: Self.valid)
        #expect(spec.time == "timestamp" && spec.group == "tenant_id" && spec.exclude == ["label"])
        #expect(spec.transforms == [
            .raw(columns: nil),
            .rolling(statistics: [.mean, .std], window: FeatureDuration("1h")!, minCount: 1, columns: nil),
            .robustZ(window: FeatureDuration("1d")!, minCount: 12, epsilon: 1e-6, columns: nil),
            .seasonalResidual(period: FeatureDuration("1w")!, tolerance: FeatureDuration("120s")!,
                              columns: ["api_gateway/requests_per_second"]),
            .ratio(numerator: "a", denominator: "2024"),
            .calendar(fields: [.hourOfDay, .dayOfWeek]),
        ])
    }

    @Test("YAML and canonical JSON round-trip, and the JSON is one canonical string")
    func roundTrip() throws {
        for spec in [try FeatureSpec(yaml: Self.valid), FeatureSpec.default, FeatureFixtures.everyTransform] {
            #expect(try FeatureSpec(yaml: spec.yaml) == spec, "\(spec.yaml)")
            #expect(try FeatureSpec(json: spec.canonicalJSON) == spec)
            #expect(try FeatureSpec(json: spec.canonicalJSON).canonicalJSON == spec.canonicalJSON)
            #expect(try FeatureSpec(yaml: FeatureSpec.defaultYAML) == .default)
            let coded = try JSONDecoder().decode(FeatureSpec.self, from: JSONEncoder().encode(spec))
            #expect(coded == spec)
        }
        #expect(FeatureSpec.default.canonicalJSON.hasPrefix(#"{"exclude":["label"],"group":"tenant_id","time":"timestamp","transforms":[{"columns""#) == false)
        #expect(FeatureSpec.default.canonicalJSON.hasPrefix(#"{"exclude":["label"],"group":"tenant_id","time":"timestamp","transforms":[{"kind":"raw"}"#))
    }

    @Test("column names YAML would misread are quoted and read back unchanged")
    func awkwardNames() throws {
        let names = ["on", "2024", "a b", "it's", "x: y", "-1", "[z]", "null", "1.5e3", "#tag", "caf\u{E9}"]
        let spec = FeatureSpec(time: "t: time", group: "yes", exclude: ["no"],
                               transforms: [.raw(columns: names), .ratio(numerator: "~", denominator: "true")])
        #expect(try FeatureSpec(yaml: spec.yaml) == spec, "\(spec.yaml)")
        #expect(try FeatureSpec(json: spec.canonicalJSON) == spec)
    }

    @Test("durations read in any unit and print in the largest that divides them", arguments: [
        ("30s", 30, "30s"), ("90s", 90, "90s"), ("60m", 3600, "1h"), ("24h", 86_400, "1d"), ("14d", 1_209_600, "2w"),
    ])
    func durations(text: String, seconds: Int, canonical: String) {
        #expect(FeatureDuration(text)?.seconds == seconds)
        #expect(FeatureDuration(text)?.description == canonical)
    }

    @Test("malformed durations are rejected", arguments: ["1x", "0m", "-5m", "m", "1.5h", "5 m", "", "1h30m"])
    func badDurations(text: String) {
        #expect(FeatureDuration(text) == nil)
    }

    @Test("each problem is reported with its key path", arguments: [
        ("time: t\ntransforms:\n  - kind: raw\n  - kind: lag\n  - kind: rolling\n    stats: [mean]\n    window: 1x\n",
         "transforms[2].window: '1x' is not a duration like 5m, 1h, 1d."),
        ("transforms:\n  - kind: raw\n", "time: is required."),
        ("time: t\n", "transforms: is required (a non-empty list)."),
        ("time: t\ntransforms: []\n", "transforms: expected a non-empty list of transforms; got a list."),
        ("time: t\ntransforms:\n  - kind: rollin\n",
         "transforms[0].kind: 'rollin' is not one of raw, lag, diff, rolling, seasonal_residual, robust_z, calendar, ratio."),
        ("time: t\ntransforms:\n  - kind: rolling\n    stats: [mean]\n    windw: 1h\n",
         "transforms[0].windw: unknown key; did you mean 'window'? (a rolling transform takes kind, stats, window, min_count, columns)."),
        ("time: t\ntransforms:\n  - kind: rolling\n    stats: [mean, avg]\n    window: 1h\n",
         "transforms[0].stats[1]: 'avg' is not one of mean, std, min, max, median."),
        ("time: t\ntransforms:\n  - kind: diff\n    rows: 0\n",
         "transforms[0].rows: expected a whole number from 1 to 1000000; got '0'."),
        ("time: t\ntransforms:\n  - kind: robust_z\n    window: 1d\n    epsilon: -1\n",
         "transforms[0].epsilon: expected a finite number greater than 0; got '-1'."),
        ("time: t\ntransforms:\n  - kind: seasonal_residual\n    period: 1h\n    tolerance: 1h\n",
         "transforms[0].tolerance: '1h' must be shorter than the period '1h'."),
        ("time: t\ntransforms:\n  - kind: raw\n    columns: [a, a]\n", "transforms[0].columns[1]: 'a' is listed twice."),
        ("time: t\ngroup: t\ntransforms:\n  - kind: raw\n", "group: 't' is also the time column."),
        ("time: t\ntransforms:\n  - kind: ratio\n    numerator: a\n", "transforms[0].denominator: is required."),
        ("time: [t]\ntransforms:\n  - raw\n", "time: expected a column name; got a list."),
        ("time: t\ntransforms: {a: 1}\nextra: 1\n", "extra: unknown key; a feature spec takes time, group, exclude, transforms."),
        ("time: t\n  transforms: [", "not valid YAML"),
        ("just text", "document: expected a mapping (a feature spec); got 'just text'."),
    ])
    func keyPathErrors(yaml: String, message: String) {
        #expect {
            try FeatureSpec(yaml: yaml, source: "spec.yaml")
        } throws: { error in
            guard case .invalidSpec(let source, let problems) = error as? FeatureError else { return false }
            return source == "spec.yaml" && problems.contains { $0.contains(message) }
        }
    }

    @Test("a spec is validated as a whole: every problem is listed, in one line")
    func wholeSpec() {
        let yaml = "time: t\ntransforms:\n  - kind: lag\n    rows: x\n  - kind: rolling\n    stats: [mean]\n    window: 1x\n"
        #expect(throws: FeatureError.invalidSpec(source: "s.yaml", problems: [
            "transforms[0].rows: expected a whole number from 1 to 1000000; got 'x'.",
            "transforms[1].window: '1x' is not a duration like 5m, 1h, 1d.",
        ])) { try FeatureSpec(yaml: yaml, source: "s.yaml") }
        let error = FeatureError.invalidSpec(source: "s.yaml", problems: ["a: b.", "c: d."])
        #expect(error.description == "s.yaml: invalid feature spec: a: b.; c: d.")
    }

    @Test("JSON with problems gets the same key-path messages")
    func jsonErrors() {
        #expect(throws: FeatureError.invalidSpec(source: "feature spec JSON", problems: [
            "transforms[0].window: '1x' is not a duration like 5m, 1h, 1d.",
        ])) { try FeatureSpec(json: #"{"time":"t","transforms":[{"kind":"robust_z","window":"1x"}]}"#) }
    }

    @Test("the argument 'default' names the default spec and anything else a file")
    func named() throws {
        #expect(try FeatureSpec.named("default") == .default)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FeatureSpec.defaultYAML.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try FeatureSpec.named(path) == .default)
    }

    @Test("a missing spec file is reported as such")
    func missingFile() {
        #expect {
            try FeatureSpec(contentsOfFile: "/nonexistent/spec.yaml")
        } throws: { error in
            if case .cannotRead(let path, _) = error as? FeatureError { return path == "/nonexistent/spec.yaml" }
            return false
        }
    }
}
