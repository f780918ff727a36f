/// Runs a plan run by run: load → (reuse?) → train → evaluate → evaluate production → register → gate →
/// promote and publish. A failing run never stops the others; cancellation is honoured between steps.
public struct RetrainRunner<Steps: RetrainSteps> {
    public let spec: RetrainSpec
    public let steps: Steps
    public let cancellation: Cancellation
    /// The code version stored in idempotency keys (a new Workbench retrains even on the same data).
    public let codeVersion: String
    /// Called when a run starts (index, total, run), for progress.
    public var onRunStart: (Int, Int, PlannedRun) -> Void = { _, _, _ in }
    /// Called when a run ends, with its outcome.
    public var onRunEnd: (RunOutcome) -> Void = { _ in }
    /// Called after each step of a run with the step's name (`load`, `lookup`, `train`, `evaluate`,
    /// `evaluate_production`, `register`, `publish`) and its wall time, for `WORKBENCH_TIMINGS` and profiling.
    public var onStep: (String, Duration) -> Void = { _, _ in }

    public init(spec: RetrainSpec, steps: Steps, cancellation: Cancellation, codeVersion: String) {
        self.spec = spec
        self.steps = steps
        self.cancellation = cancellation
        self.codeVersion = codeVersion
    }

    /// Runs every planned run and returns their outcomes, in plan order. Runs not started because of
    /// cancellation end as `error` with reason "cancelled".
    public func run(_ plan: RetrainPlan) -> RetrainSummary {
        var outcomes: [RunOutcome] = []
        for (index, planned) in plan.runs.enumerated() {
            onRunStart(index, plan.runs.count, planned)
            let outcome = runOne(planned)
            onRunEnd(outcome)
            outcomes.append(outcome)
        }
        return RetrainSummary(runs: outcomes)
    }

    private struct Cancelled: Error {}

    private func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { onStep(name, clock.now - start) }
        return try body()
    }

    private func checkpoint() throws {
        if cancellation.isCancelled { throw Cancelled() }
    }

    private func runOne(_ run: PlannedRun) -> RunOutcome {
        var metrics: [String: Double] = [:]
        var version: String?
        do {
            try checkpoint()
            let (data, digest) = try step("load") { try steps.load(run) }
            let key = IdempotencyKey(dataSHA256: digest, tenant: run.tenant, model: run.model,
                                     holdoutSeconds: spec.holdoutSeconds, seed: spec.seed, codeVersion: codeVersion)
            if let existing = try step("lookup", { try steps.existingVersion(run, key: key) }) {
                return try reuse(existing, run, data)
            }
            try checkpoint()
            let candidate = try step("train") { try steps.train(run, on: data) }
            try checkpoint()
            metrics = try step("evaluate") { try steps.evaluate(candidate, run, on: data) }
            let production = try step("evaluate_production") { try steps.evaluateProduction(run, on: data) }
            try checkpoint()
            version = try step("register") { try steps.register(candidate, run, metrics: metrics, key: key) }
            let verdict = run.model.gates.verdict(candidate: metrics, production: production,
                                                  falseAlertsKey: steps.falseAlertsKey(run))
            guard verdict.passed else {
                return RunOutcome(tenant: run.tenant, model: run.registryName, outcome: .gateFailed, version: version,
                                  metrics: metrics, reason: verdict.failures.joined(separator: "; "))
            }
            try checkpoint()
            let reason = production == nil ? "first version; absolute gates passed" : "every gate passed against production"
            try step("publish") { try steps.promoteAndPublish(run, version: version!, reason: reason) }
            return RunOutcome(tenant: run.tenant, model: run.registryName, outcome: .promoted, version: version,
                              metrics: metrics, reason: reason)
        } catch is Cancelled {
            return RunOutcome(tenant: run.tenant, model: run.registryName, outcome: .error, version: version,
                              metrics: metrics, reason: "cancelled (SIGTERM) before this step; nothing promoted")
        } catch {
            return RunOutcome(tenant: run.tenant, model: run.registryName, outcome: .error, version: version,
                              metrics: metrics, reason: "\(error)")
        }
    }

    /// The same data, parameters and code were run before: nothing is trained or registered. A production
    /// version is re-published if a crash kept it from its bundle; a version that is not production is gated
    /// again (a crash may have come between its registration and its promotion) and promoted if it passes.
    private func reuse(_ existing: ExistingVersion, _ run: PlannedRun, _ data: Steps.RunData) throws -> RunOutcome {
        let same = "same data, parameters and code as \(existing.version)"
        if existing.isProduction {
            try checkpoint()
            let republished = try steps.publish(run, version: existing.version)
            let reason = republished
                ? "\(same), already production: nothing registered; its missing publication was completed"
                : "\(same), already production: nothing registered or published"
            return RunOutcome(tenant: run.tenant, model: run.registryName, outcome: .kept, version: existing.version,
                              metrics: existing.metrics, reason: reason)
        }
        try checkpoint()
        let production = try steps.evaluateProduction(run, on: data)
        let verdict = run.model.gates.verdict(candidate: existing.metrics, production: production,
                                              falseAlertsKey: steps.falseAlertsKey(run))
        guard verdict.passed else {
            return RunOutcome(tenant: run.tenant, model: run.registryName, outcome: .gateFailed, version: existing.version,
                              metrics: existing.metrics,
                              reason: "\(same), which does not pass the gates: nothing registered; "
                                  + verdict.failures.joined(separator: "; "))
        }
        try checkpoint()
        let reason = "\(same), which passes every gate: promoted without registering again"
        try steps.promoteAndPublish(run, version: existing.version, reason: reason)
        return RunOutcome(tenant: run.tenant, model: run.registryName, outcome: .promoted, version: existing.version,
                          metrics: existing.metrics, reason: reason)
    }
}
