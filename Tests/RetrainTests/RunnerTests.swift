import Retrain
import Testing

/// Records the steps the runner calls; each run's behaviour is scripted by its tenant.
final class ScriptedSteps: RetrainSteps {
    var calls: [String] = []
    var existing: [String: ExistingVersion] = [:]
    var metrics: [String: [String: Double]] = [:]
    var production: [String: [String: Double]] = [:]
    var failing: Set<String> = []
    var cancelAfterTraining: Cancellation?

    func load(_ run: PlannedRun) throws -> (data: String, digest: String) {
        calls.append("load \(run.registryName)")
        if failing.contains(run.registryName) { throw ScriptError(text: "cannot read rows") }
        return (run.registryName, "digest-\(run.registryName)")
    }

    func existingVersion(_ run: PlannedRun, key: IdempotencyKey) throws -> ExistingVersion? {
        existing[run.registryName]
    }

    func train(_ run: PlannedRun, on data: String) throws -> String {
        calls.append("train \(data)")
        cancelAfterTraining?.cancel()
        return "model-\(data)"
    }

    func evaluate(_ candidate: String, _ run: PlannedRun, on data: String) throws -> [String: Double] {
        metrics[run.registryName] ?? [:]
    }

    func evaluateProduction(_ run: PlannedRun, on data: String) throws -> [String: Double]? {
        production[run.registryName]
    }

    func register(_ candidate: String, _ run: PlannedRun, metrics: [String: Double], key: IdempotencyKey) throws -> String {
        calls.append("register \(run.registryName)")
        return "v1"
    }

    func promoteAndPublish(_ run: PlannedRun, version: String, reason: String) throws {
        calls.append("promote \(run.registryName)@\(version)")
    }

    func publish(_ run: PlannedRun, version: String) throws -> Bool {
        calls.append("publish \(run.registryName)@\(version)")
        return false
    }

    func falseAlertsKey(_ run: PlannedRun) -> String { "false_alerts_per_group_day" }
}

struct ScriptError: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}

@Suite("Retrain runner")
struct RunnerTests {
    let spec: RetrainSpec
    let plan: RetrainPlan

    init() throws {
        spec = try RetrainSpec.parse(yaml: RetrainSpecTests.valid, file: "j.yaml")
        plan = try RetrainPlan(spec: spec, tenantsInSource: ["a", "b", "c"])
    }

    @Test("promotes passing candidates, rejects failing ones, and goes on after an error")
    func outcomes() {
        let steps = ScriptedSteps()
        steps.metrics["anomalies-a"] = ["average_precision": 0.5, "false_alerts_per_group_day": 1]
        steps.metrics["anomalies-b"] = ["average_precision": 0.2, "false_alerts_per_group_day": 1]
        steps.failing = ["anomalies-c"]
        let summary = RetrainRunner(spec: spec, steps: steps, cancellation: Cancellation(), codeVersion: "1").run(plan)
        #expect(summary.runs.map(\.outcome) == [.promoted, .gateFailed, .error])
        #expect(summary.runs[1].reason == "average_precision 0.2 < min 0.3")
        #expect(summary.runs[2].reason == "cannot read rows")
        #expect(summary.exitCode == 70)
        #expect(steps.calls.contains("promote anomalies-a@v1"))
        #expect(!steps.calls.contains("promote anomalies-b@v1"))
        #expect(steps.calls.contains("register anomalies-b"))
    }

    @Test("a re-run over the same data reuses the version and registers nothing")
    func idempotent() {
        let steps = ScriptedSteps()
        for tenant in ["a", "b", "c"] {
            steps.existing["anomalies-\(tenant)"] = ExistingVersion(version: "v1", isProduction: true, metrics: [:])
        }
        let summary = RetrainRunner(spec: spec, steps: steps, cancellation: Cancellation(), codeVersion: "1").run(plan)
        #expect(summary.runs.allSatisfy { $0.outcome == .kept })
        #expect(summary.exitCode == 0)
        #expect(!steps.calls.contains { $0.hasPrefix("train") || $0.hasPrefix("register") || $0.hasPrefix("promote") })
        #expect(steps.calls.filter { $0.hasPrefix("publish") }.count == 3)
    }

    @Test("cancellation stops at the next step boundary")
    func cancellation() {
        let steps = ScriptedSteps()
        let cancellation = Cancellation()
        steps.cancelAfterTraining = cancellation
        steps.metrics["anomalies-a"] = ["average_precision": 0.5, "false_alerts_per_group_day": 1]
        let summary = RetrainRunner(spec: spec, steps: steps, cancellation: cancellation, codeVersion: "1").run(plan)
        #expect(summary.runs.allSatisfy { $0.outcome == .error })
        #expect(steps.calls == ["load anomalies-a", "train anomalies-a"])
    }

    @Test("the summary prints a table and one JSON object")
    func summaryFormats() {
        let summary = RetrainSummary(runs: [
            RunOutcome(tenant: "a", model: "anomalies-a", outcome: .promoted, version: "v2",
                       metrics: ["roc_auc": 0.9], reason: "every gate passed"),
        ])
        #expect(summary.json() == #"{"runs":[{"metrics":{"roc_auc":0.9},"model":"anomalies-a","outcome":"promoted","reason":"every gate passed","tenant":"a","version":"v2"}]}"#)
        #expect(summary.table() == """
            TENANT  MODEL        OUTCOME   VERSION  REASON
            a       anomalies-a  promoted  v2       every gate passed
            """)
    }
}
