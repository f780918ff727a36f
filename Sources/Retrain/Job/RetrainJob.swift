import Foundation
import ModelStore
import NumericCore
import Pipeline

/// The whole nightly job: spec → registry → single-flight lock → tenants → plan → runs → report, summary JSON
/// and Prometheus textfile. The CLI parses arguments, calls `run` and prints.
public struct RetrainJob {
    /// What the command line asked for.
    public struct Options: Sendable {
        public var specPath: String
        /// `--tenant`: only this tenant.
        public var tenant: String?
        public var shard: Shard
        /// `--dry-run`: list the planned runs, touch nothing.
        public var dryRun: Bool
        /// `--registry`, used when the spec names none.
        public var registry: String?
        public var environment: [String: String]
        /// Epoch seconds; ends a PostgreSQL source's window.
        public var now: Int64

        public init(specPath: String, tenant: String? = nil, shard: Shard = .all, dryRun: Bool = false,
                    registry: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                    now: Int64 = Int64(Date().timeIntervalSince1970)) {
            self.specPath = specPath
            self.tenant = tenant
            self.shard = shard
            self.dryRun = dryRun
            self.registry = registry
            self.environment = environment
            self.now = now
        }
    }

    /// What a run produced and where.
    public struct Result: Sendable {
        public let summary: RetrainSummary
        public let registry: String
        /// The report folder of this run; nil without `report:` or on a dry run.
        public let report: String?
        public let publish: RetrainSpec.PublishTarget?
    }

    public var options: Options
    public let cancellation: Cancellation
    /// Called when a tenant × model run starts (index, total, run).
    public var onRunStart: (Int, Int, PlannedRun) -> Void = { _, _, _ in }
    /// Called as trees finish (finished, total).
    public var onTrees: (@Sendable (Int, Int) -> Void)?
    /// Called when a run ends.
    public var onRunEnd: (RunOutcome) -> Void = { _ in }
    /// Called after each step with its name and wall time: the runner's steps of every run (`load`, `train`, …,
    /// see `RetrainRunner.onStep`) and the job's own (`tenants`, `report`, `textfile`).
    public var onStep: (String, Duration) -> Void = { _, _ in }

    public init(options: Options, cancellation: Cancellation) {
        self.options = options
        self.cancellation = cancellation
    }

    /// The registry root: the spec's, else `--registry`, else `WORKBENCH_REGISTRY`, else `./models`.
    public static func registryRoot(spec: RetrainSpec, option: String?, environment: [String: String]) -> String {
        spec.registry ?? option ?? ModelRegistry.defaultRoot(environment: environment).path
    }

    /// Runs the job.
    /// - Throws: `RetrainError` for the spec (78), the lock (75), the request and the data (65); `DatasetError`
    ///   and `MetricsSourceError` from the source; errors writing the report or the textfile.
    public func run() throws -> Result {
        let spec = try RetrainSpec.load(path: options.specPath)
        let root = Self.registryRoot(spec: spec, option: options.registry, environment: options.environment)
        let source = RetrainSource(spec: spec, environment: options.environment, now: options.now)
        if options.dryRun {
            let plan = try RetrainPlan(spec: spec, tenantsInSource: try source.tenants(), only: options.tenant,
                                       shard: options.shard)
            let runs = plan.runs.map {
                RunOutcome(tenant: $0.tenant, model: $0.registryName, outcome: .planned,
                           reason: "\($0.model.algorithm) on \(source.description)")
            }
            return Result(summary: RetrainSummary(runs: runs), registry: root, report: nil, publish: spec.publish)
        }
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw RetrainError.invalidRequest("Cannot create the registry folder \(root): \((error as NSError).localizedFailureReason ?? "\(error)").")
        }
        let lock = try RunLock(path: root + "/.retrain.lock")
        let databaseLock = try source.connectionSettings().map { settings throws in
            try DatabaseRunLock(settings: settings, registry: root)
        }
        defer { withExtendedLifetime((lock, databaseLock)) {} }

        let tenants = try step("tenants") { try source.tenants() }
        let plan = try RetrainPlan(spec: spec, tenantsInSource: tenants, only: options.tenant, shard: options.shard)
        source.retainsPulls = plan.runs.contains { $0.tenant == nil }
        let registry = ModelRegistry(root: URL(fileURLWithPath: root))
        let steps = PipelineSteps(spec: spec, source: source, registry: registry, environment: options.environment)
        steps.onTrees = onTrees
        var runner = RetrainRunner(spec: spec, steps: steps, cancellation: cancellation,
                                   codeVersion: WorkbenchVersion.current)
        runner.onRunStart = onRunStart
        runner.onRunEnd = onRunEnd
        runner.onStep = onStep
        let summary = runner.run(plan)

        var reportFolder: String?
        if let directory = spec.reportDirectory {
            reportFolder = try step("report") {
                try RetrainReport.write(
                    to: directory, runID: Self.runID(now: options.now, shard: options.shard, tenant: options.tenant),
                    spec: spec, source: source.description, summary: summary, records: steps.records)
            }
        }
        if let textfile = spec.metricsTextfile {
            try step("textfile") { try RetrainMetricsFile.write(summary, succeeded: summary.exitCode == 0, to: textfile) }
        }
        return Result(summary: summary, registry: root, report: reportFolder, publish: spec.publish)
    }

    private func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { onStep(name, clock.now - start) }
        return try body()
    }

    /// `20261206T031500Z`, with `-shard1of3` and `-tenant-x` when the run covers part of the tenants, so
    /// shards started together never share a report folder.
    static func runID(now: Int64, shard: Shard, tenant: String?) -> String {
        let c = UTCCalendar.components(Int(now))
        let p = UTCCalendar.padded
        var id = "\(p(c.year, 4))\(p(c.month, 2))\(p(c.day, 2))T\(p(c.hour, 2))\(p(c.minute, 2))\(p(c.second, 2))Z"
        if shard.count > 1 { id += "-shard\(shard.index)of\(shard.count)" }
        if let tenant { id += "-" + RegistryNames.perTenant("tenant", tenant: tenant).dropFirst("tenant-".count) }
        return id
    }
}
