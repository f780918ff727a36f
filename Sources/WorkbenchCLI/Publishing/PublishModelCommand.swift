import Pipeline
import ArgumentParser
import Foundation
import ModelStore
import Publishing

/// `workbench publish NAME@REF --to DIR`: writes a bundle and makes it current.
struct PublishModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Publish a registered model version (the default subcommand: `workbench publish NAME@REF`).",
        discussion: """
            Publishing the version already current changes nothing and says so. A bundle is immutable: \
            publishing a version again with another --threshold is refused.
            """)

    @Argument(help: ArgumentHelp("The model: NAME, NAME@vN, NAME@ALIAS or NAME@latest.", valueName: "name@ref"))
    var reference: String

    @OptionGroup var target: PublishTargetOptions

    @Option(help: ArgumentHelp(
        "What raises is_anomaly: a level of the model (warn, critical, f1_optimal, recall_0.9, …) or a score value. Default: the model's alert level.",
        valueName: "level|value"))
    var threshold: String?

    @OptionGroup(title: "Registry options")
    var registryOptions: RegistryOptions

    @OptionGroup(title: "Job metrics")
    var metrics: JobMetricsOptions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await metrics.reporting(job: "publish", model: try? ModelReference(parsing: reference).name) { run in
            let parsed = try ModelReference(parsing: reference)
            let bundle = try ModelBundle(
                registry: registryOptions.makeRegistry(), reference: parsed,
                threshold: threshold.map(ThresholdChoice.init(parsing:)),
                producer: "workbench \(WorkbenchVersion.current)")
            let outcome: PublicationOutcome
            let place: String
            switch try target.destination() {
            case .directory(let directory):
                outcome = try DirectoryPublisher(root: directory).publish(bundle, threshold: threshold)
                place = directory
            case .database(let publisher):
                outcome = try publisher.publish(bundle, threshold: threshold)
                place = "the database"
            }
            run.tenant = bundle.manifest.tenant
            run.publishedVersion = outcome.to
            run.thresholds = bundle.thresholds.scopes.first?.levels ?? []
            if let rule = bundle.thresholds.scopes.first?.isAnomaly, !run.thresholds.contains(where: { $0.name == rule.level }) {
                run.thresholds.append(PublishedLevel(name: rule.level, value: rule.value, score: rule.score))
            }
            run.anomalyLevel = bundle.thresholds.scopes.first?.isAnomaly?.level
            if outcome.changed {
                let from = outcome.from.map { "v\($0)" } ?? "(none)"
                print("\(bundle.name): \(from) → v\(outcome.to) in \(place) (manifest \(outcome.manifestSHA256.prefix(12)))")
            } else {
                print("\(bundle.name)@v\(outcome.to) is already current in \(place); nothing changed.")
            }
        }
    }
}
