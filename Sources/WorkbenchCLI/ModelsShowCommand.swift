import ArgumentParser
import Foundation
import ModelStore

/// `workbench models show NAME[@vN|@ALIAS]`: everything recorded about one version.
struct ModelsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one version: file, checksums, lineage, parameters, metrics, thresholds.")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "NAME, NAME@vN or NAME@ALIAS.")
    var reference: String

    @Flag(help: "Print the index entry as JSON.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let registry = options.makeRegistry()
            let reference = try ModelReference(parsing: reference)
            let entry = try registry.version(reference)
            if json {
                print(try ModelsJSON.text(entry))
                return
            }
            let index = try registry.index(of: reference.name)
            let meta = entry.metadata
            var lines: [(String, String)] = [
                ("model", "\(reference.name)@v\(entry.version)"),
                ("aliases", index.aliases(of: entry.version).joined(separator: ", ")),
                ("parent", meta.parentVersion.map { "v\($0)" } ?? "-"),
                ("file", try registry.resolve(ModelReference(name: reference.name, selector: .version(entry.version))).path),
                ("file sha256", entry.fileSHA256),
                ("content sha256", entry.contentSHA256),
                ("bytes", String(entry.bytes)),
                ("registered", entry.registeredUTC),
                ("created", meta.createdUTC),
                ("by", "\(meta.user)@\(meta.host)"),
                ("code", "workbench \(meta.workbenchVersion)" + (meta.gitCommit.map { ", git \($0)" } ?? "")),
                ("training seconds", ModelsJSON.format(meta.trainingSeconds)),
                ("algorithm", meta.algorithm.rawValue),
                ("source", meta.lineage.source),
            ]
            if let query = meta.lineage.query { lines.append(("query", query)) }
            if meta.lineage.windowStart != nil || meta.lineage.windowEnd != nil {
                lines.append(("window", "\(meta.lineage.windowStart ?? "") … \(meta.lineage.windowEnd ?? "")"))
            }
            if let tenant = meta.lineage.tenant { lines.append(("tenant", tenant)) }
            if let target = meta.lineage.target { lines.append(("target", target)) }
            if let forecast = meta.forecast {
                lines.append(("forecast", "'\(forecast.target)' \(forecast.horizon) rows ahead in '\(forecast.time)' order"
                    + (forecast.group.map { " within each '\($0)'" } ?? "")))
            }
            lines.append(("rows", String(meta.lineage.rows)))
            lines.append(("dataset sha256", meta.lineage.datasetSHA256))
            lines.append(("features", "\(meta.features.count): \(meta.features.joined(separator: ", "))"))
            for (key, value) in meta.preprocessing.sorted(by: { $0.key < $1.key }) {
                lines.append(("preprocessing.\(key)", value.description))
            }
            if let spec = meta.featureSpec { lines.append(("feature spec", spec.description)) }
            for (key, value) in meta.hyperparameters.sorted(by: { $0.key < $1.key }) {
                lines.append(("parameter.\(key)", value.description))
            }
            for (key, value) in meta.metrics.sorted(by: { $0.key < $1.key }) {
                lines.append(("metric.\(key)", ModelsJSON.format(value)))
            }
            lines.append(("measured", "oob_… out of bag; validation_… held out (below); others on the training rows"))
            if let validation = meta.validation {
                lines.append(("validation", "\(validation.strategy): \(validation.summary); \(validation.aggregation), "
                    + "\(validation.testRows) test rows"))
                for (index, label) in validation.measuredOn.enumerated() {
                    lines.append(("validation.split\(index + 1)", label))
                }
            }
            for level in meta.thresholds {
                let rule = level.direction == "below" ? "≤" : "≥"
                lines.append(("threshold.\(level.name)", "\(level.score) \(rule) \(level.value) (\(level.purpose.rawValue)"
                    + (level.rule.map { "; \($0)" } ?? "") + ")"))
            }
            let width = lines.map(\.0.count).max() ?? 0
            for (key, value) in lines {
                print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
            }
        }
    }
}
