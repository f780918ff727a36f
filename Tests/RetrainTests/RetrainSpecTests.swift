import Foundation
import Retrain
import SpecDocuments
import Testing

@Suite("Retrain job spec")
struct RetrainSpecTests {
    static let valid = """
        source: {file: data.csv}
        time: timestamp
        group: tenant_id
        holdout: 7d
        models:
          - name: anomalies
            per_tenant: true
            algorithm: isolation-forest
            hyperparameters: {trees: 200, contamination: 0.01}
            gates: {min: {average_precision: 0.3}, max_regression: {average_precision: 0.02}, max_false_alerts_per_day: 3}
        publish: {to: out/published}
        report: {to: out/reports}
        metrics_textfile: out/metrics/workbench.prom
        """

    @Test("a valid spec reads every key")
    func readsValidSpec() throws {
        let spec = try RetrainSpec.parse(yaml: Self.valid, file: "job.yaml")
        #expect(spec.source == .file(path: "data.csv"))
        #expect(spec.holdoutSeconds == 7 * 86400)
        #expect(spec.tenants == .all)
        #expect(spec.models.count == 1)
        #expect(spec.models[0].hyperparameters == ["trees": "200", "contamination": "0.01"])
        #expect(spec.models[0].gates.minimum == ["average_precision": 0.3])
        #expect(spec.models[0].gates.maxRegression == ["average_precision": 0.02])
        #expect(spec.models[0].gates.maxFalseAlertsPerDay == 3)
        #expect(spec.publish == .directory("out/published"))
        #expect(spec.reportDirectory == "out/reports")
        #expect(spec.metricsTextfile == "out/metrics/workbench.prom")
    }

    @Test("an inline feature spec is kept as canonical JSON; tenant ids written as numbers stay their text")
    func inlineFeaturesAndTenants() throws {
        let yaml = Self.valid
            .replacingOccurrences(of: "holdout: 7d", with: "holdout: 7d\ntenants: [007, acme]\nseed: 42")
            .replacingOccurrences(of: "per_tenant: true",
                                  with: "per_tenant: true\n    features: {time: timestamp, transforms: [{kind: raw}]}")
        let spec = try RetrainSpec.parse(yaml: yaml, file: "job.yaml")
        #expect(spec.tenants == .list(["007", "acme"]))
        #expect(spec.seed == 42)
        #expect(spec.models[0].features == #"{"time":"timestamp","transforms":[{"kind":"raw"}]}"#)
        #expect(spec.models[0].perTenant)
    }

    @Test("the shipped example is valid")
    func exampleIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let spec = try RetrainSpec.load(path: root + "/examples/nightly.yaml")
        #expect(spec.models.map(\.name) == ["anomalies", "requests"])
        #expect(try RetrainSpec.load(path: root + "/examples/nightly-postgres.yaml").models.count == 2)
    }

    @Test("every problem names its key path and the bad value", arguments: [
        ("holdout: 7d", "holdout: 7x", "holdout: expected a duration such as 90s, 5m, 1h, 7d; got '7x'."),
        ("average_precision: 0.3}", "average_precision: high}",
         "models[0].gates.min.average_precision: expected a finite number; got 'high'."),
        ("algorithm: isolation-forest", "algorithm: isolation-forrest",
         "models[0].algorithm: unknown algorithm 'isolation-forrest'; did you mean 'isolation-forest'?"),
        ("trees: 200", "tres: 200", "models[0].hyperparameters.tres: unknown hyperparameter; did you mean 'trees'?"),
        ("report: {to: out/reports}", "reprt: {to: out/reports}", "reprt: unknown key; did you mean 'report'?"),
        ("min: {average_precision", "min: {average_precison", "models[0].gates.min.average_precison: unknown metric; did you mean 'average_precision'?"),
        ("name: anomalies", "name: Anomalies!", "models[0].name: 'Anomalies!' is not a registry name"),
        ("source: {file: data.csv}", "source: {file: data.csv, postgres: {dsn_env: X}}", "source: expected exactly one of file or postgres"),
        ("per_tenant: true", "per_tenant: sometimes", "models[0].per_tenant: expected true or false; got 'sometimes'."),
        ("holdout: 7d", "holdout: 7d\nseed: -3", "seed: expected a whole number from 0 to 18446744073709551615; got '-3'."),
        ("holdout: 7d", "holdout: 7d\ntenants: [a, a]", "tenants[1]: 'a' is listed twice."),
    ])
    func reportsProblems(original: String, replacement: String, expected: String) throws {
        let yaml = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != Self.valid)
        do {
            _ = try RetrainSpec.parse(yaml: yaml, file: "job.yaml")
            Issue.record("expected an error")
        } catch .invalidSpec(let file, let problems) {
            #expect(file == "job.yaml")
            #expect(problems.map(\.description).contains { $0.hasPrefix(expected) }, "\(problems)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("all problems are collected at once")
    func collectsAllProblems() {
        let yaml = "source: {file: x.csv}\nmodels: []\nholdout: soon\n"
        #expect(throws: RetrainError.invalidSpec(file: "j.yaml", problems: [
            SpecProblem(path: "time", message: "is required."),
            SpecProblem(path: "group", message: "is required."),
            SpecProblem(path: "holdout", message: "expected a duration such as 90s, 5m, 1h, 7d; got 'soon'."),
            SpecProblem(path: "models", message: "expected a non-empty list of models; got a list."),
        ])) {
            try RetrainSpec.parse(yaml: yaml, file: "j.yaml")
        }
    }

    @Test("a spec sharing values through a YAML anchor is refused in one line naming the file and the anchor's line")
    func anchorsRefused() throws {
        let yaml = Self.valid
            .replacingOccurrences(of: "hyperparameters: {trees", with: "hyperparameters: &shared {trees")
            .replacingOccurrences(of: "publish:", with: "  - {name: copy, algorithm: isolation-forest, hyperparameters: *shared}\npublish:")
        let error = #expect(throws: RetrainError.self) { try RetrainSpec.parse(yaml: yaml, file: "jobs/nightly.yaml") }
        #expect(error?.description == "jobs/nightly.yaml: models[0].hyperparameters: line 9: YAML anchors and aliases are not "
                + "supported ('&shared', used 1 time as '*shared'); write the value out where it is used.")
    }

    @Test("malformed YAML is one problem")
    func malformedYAML() {
        #expect(throws: RetrainError.self) { try RetrainSpec.parse(yaml: "models: [\n", file: "j.yaml") }
    }
}
