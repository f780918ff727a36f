import ArgumentParser
import Datasets
import Foundation
import MetricsSource

/// `workbench db seed`: loads the synthetic collector metrics with binary COPY.
struct DatabaseSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load synthetic collector metrics and incidents into the tables (binary COPY).",
        discussion: """
            Generates the same data as `workbench dataset synth` and replaces the generated \
            tenants' rows (tenant-a, tenant-b, ...) in one transaction: running it twice gives \
            the same tables. Run `workbench db init` first.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var synthetic: SyntheticOptions

    @Option(help: ArgumentHelp("First timestamp: ISO-8601 UTC or now-14d, rounded down to the interval (default 2026-01-05, a Monday).", valueName: "time"))
    var start: String?

    @Flag(inversion: .prefixedNo, help: "Inject incidents; --no-incidents loads the same data without them.")
    var incidents = true

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        do {
            _ = try makeConfiguration()
        } catch let error as DatasetError {
            throw ValidationError(error.description)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let configuration = try makeConfiguration()
            let generator = SyntheticMetrics(configuration: configuration)
            let loader = MetricsLoader(settings: database.settings, schema: try MetricsSchema(schema: database.schema))
            let clock = ContinuousClock()
            let started = clock.now
            let summary = try loader.replace(
                tenants: generator.tenants, incidents: configuration.injectsIncidents ? generator.incidents : [],
                onRetry: DatabaseOptions.logRetry
            ) { sink in
                generator.forEachSample { sample in sink.append(sample) }
            }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = seconds > 0 ? Int(Double(summary.metricRows) / seconds) : 0
            print("loaded \(summary.metricRows) samples and \(summary.incidentRows) incidents for \(generator.tenants.count) tenants (\(generator.tenants.joined(separator: ", "))) in \(String(format: "%.1f", seconds)) s, \(rate) rows/s")
        }
    }

    private func makeConfiguration() throws -> SyntheticMetrics.Configuration {
        var configuration = try synthetic.configuration(injectsIncidents: incidents)
        if let start {
            // Rounded down to the interval, so `--start now-14d` works.
            let time = try PullTime.parse(start, now: Int64(Date().timeIntervalSince1970))
            let interval = Int64(configuration.intervalSeconds)
            configuration.start = time - ((time % interval) + interval) % interval
        }
        return try configuration.validated()
    }
}
