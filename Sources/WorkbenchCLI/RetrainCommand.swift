import ArgumentParser
import Dispatch
import Foundation
import Retrain

/// `workbench retrain --spec FILE`: the nightly job (pull, train, evaluate, gate, register, publish, report).
struct RetrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrain",
        abstract: "Run the nightly retraining job a YAML spec describes (docs/retrain-spec.md).",
        discussion: """
            For each tenant × model: train on the window minus the hold-out, evaluate candidate and production \
            on the hold-out, register, and promote and publish only when every gate passes. A re-run over the \
            same data registers and publishes nothing.
            Exit codes: 0 every run promoted or kept, 1 a gate rejected a candidate, 70 a run failed, \
            65 bad data, 75 another run holds the lock or the database is down, 78 bad spec, 143 SIGTERM.
            Example:
              workbench retrain --spec examples/nightly.yaml
            """)

    @Option(help: ArgumentHelp("The job spec (YAML).", valueName: "file"))
    var spec: String

    @Option(help: ArgumentHelp("Run only this tenant.", valueName: "id"))
    var tenant: String?

    @Option(help: ArgumentHelp("Run shard I of N of the tenants (rendezvous hashing), e.g. 0/3.", valueName: "i/n"))
    var shard: String?

    @Flag(help: "Take the shard from JOB_COMPLETION_INDEX and WORKBENCH_SHARDS (Kubernetes Indexed Job).")
    var shardFromEnv = false

    @Flag(help: "List the planned runs (outcome planned) and touch nothing.")
    var dryRun = false

    @Flag(help: "Print the summary as one JSON object on stdout.")
    var json = false

    @Option(help: ArgumentHelp(
        "Registry root when the spec names none.", discussion: "Default: $WORKBENCH_REGISTRY, else ./models.",
        valueName: "path"))
    var registry: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if shard != nil && shardFromEnv { throw ValidationError("Give --shard I/N or --shard-from-env, not both.") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        let cancellation = Cancellation()
        let signals = RetrainSignals.onTerminate {
            cancellation.cancel()
            Log.info("retrain: SIGTERM: finishing the current step, starting no other (again to stop at once)", ["event": "sigterm"])
        }
        defer { withExtendedLifetime(signals) {} }
        let result: RetrainJob.Result
        do {
            let environment = ProcessInfo.processInfo.environment
            let chosen = try shardFromEnv ? Shard.fromEnvironment(environment) : shard.map { try Shard(parsing: $0) } ?? .all
            var job = RetrainJob(
                options: .init(specPath: spec, tenant: tenant, shard: chosen, dryRun: dryRun, registry: registry,
                               environment: environment),
                cancellation: cancellation)
            let progress = TerminalProgress(label: "retrain")
            let current = RetrainProgressLabel()
            job.onRunStart = { index, total, run in
                current.set("\(index + 1)/\(total) \(run.registryName)")
                progress.show(current.get())
                Log.event("run \(index + 1)/\(total) started: \(run.registryName)", [
                    "event": "run_start", "model": .string(run.registryName), "tenant": .string(run.tenant ?? ""),
                    "index": .int(index + 1), "total": .int(total),
                ])
            }
            job.onTrees = { done, total in progress.show("\(current.get()): \(done)/\(total) trees") }
            var timings = PhaseTimings()
            job.onStep = { name, duration in timings.record(name, seconds: PhaseTimings.seconds(duration)) }
            defer { timings.report("retrain") }
            job.onRunEnd = { outcome in
                progress.finish()
                Log.event("run ended \(outcome.outcome.rawValue): \(outcome.model)", [
                    "event": "run_end", "model": .string(outcome.model), "tenant": .string(outcome.tenant ?? ""),
                    "outcome": .string(outcome.outcome.rawValue), "version": .string(outcome.version ?? ""),
                    "reason": .string(outcome.reason ?? ""),
                ])
            }
            result = try job.run()
            progress.finish()
        } catch {
            throw Log.failure("\(error)", status: RetrainExit.status(for: error))
        }
        if json {
            print(result.summary.json())
        } else {
            print(result.summary.table())
            if !dryRun {
                print("")
                if let report = result.report { print("report:    \(report)/\(RetrainReport.indexName)") }
                print("registry:  \(result.registry)")
                if case .directory(let directory)? = result.publish { print("published: \(directory)") }
            }
        }
        let status: Int32 = cancellation.isCancelled ? 143 : result.summary.exitCode
        let outcomes = Dictionary(grouping: result.summary.runs, by: \.outcome.rawValue).mapValues(\.count)
        Log.event("\(result.summary.runs.count) runs: " + outcomes.sorted { $0.key < $1.key }.map { "\($1) \($0)" }.joined(separator: ", "),
                  ["event": "summary", "runs": .int(result.summary.runs.count)])
        if status != 0 { throw ExitCode(status) }
    }
}

/// The exit status of an error that stopped the whole job.
enum RetrainExit {
    static func status(for error: any Error) -> Int32 {
        guard let error = error as? RetrainError else { return ExitStatus.of(error).rawValue }
        switch error {
        case .invalidSpec, .configuration: return ExitStatus.badConfiguration.rawValue
        case .unreadableSpec: return ExitStatus.inputMissing.rawValue
        case .busy, .unavailable: return ExitStatus.temporaryFailure.rawValue
        case .badData: return ExitStatus.badData.rawValue
        case .invalidRequest: return ExitStatus.usage.rawValue
        }
    }
}
