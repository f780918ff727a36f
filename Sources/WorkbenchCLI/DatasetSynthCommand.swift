#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Datasets

/// `workbench dataset synth`: writes the deterministic synthetic collector-metrics data set as CSV.
struct DatasetSynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate a deterministic multi-tenant collector-metrics data set with labelled incidents.",
        discussion: """
            Every tenant (tenant-a, tenant-b, ...) reports 12 series from the collectors \
            system_performance, api_gateway and database, with daily and weekly seasonality, \
            a slow trend, noise, gaps (collector outages, dropped samples) and injected \
            incidents (spike, level_shift, drift). The same options always give the same bytes.

            Files, for --output metrics.csv:
              metrics.csv            long: one row per sample (timestamp, collector_name,
                                     metric_name, metric_value, tenant_id, is_incident)
              metrics.wide.csv       wide: one row per tenant and bucket (timestamp,
                                     tenant_id, a collector/metric column per series,
                                     empty when missing, label, incident_kind)
              metrics.incidents.csv  tenant_id, collector_name, metric_name (empty = the
                                     whole collector), start, end (exclusive), kind,
                                     severity

            With --format long the wide file is not written; with --format wide the wide format \
            goes to FILE itself. Timestamps are epoch seconds (UTC) from 2026-01-05T00:00:00Z, \
            a Monday. Files are written atomically; progress shows on a terminal only.
            """
    )

    /// Which layouts to write.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case long, wide, both
    }

    @Option(name: .shortAndLong, help: ArgumentHelp("Path of the main CSV file; companions are named after it.", valueName: "file"))
    var output: String

    @OptionGroup var synthetic: SyntheticOptions

    @Option(help: "Layouts to write: long, wide or both.")
    var format: Format = .both

    @Flag(inversion: .prefixedNo, help: "Inject incidents; --no-incidents gives the same data without them.")
    var incidents = true

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        do {
            _ = try makeConfiguration()
            try SyntheticMetrics.CSVPaths.checkOutput(output)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        try await reportingErrors {
            let configuration = try makeConfiguration()
            let generator = SyntheticMetrics(configuration: configuration)
            let paths = SyntheticMetrics.CSVPaths(output: output, long: format != .wide, wide: format != .long)
            let step = LoggedStep("synth", "synth started: \(configuration.tenants) tenants × \(configuration.days) days every \(configuration.intervalSeconds) s to \(output)", [
                "tenants": .int(configuration.tenants), "days": .int(configuration.days),
                "interval_s": .int(configuration.intervalSeconds), "format": .string(format.rawValue), "file": .string(output),
            ])
            let progress = TerminalProgress(label: "synth")
            let summary = try generator.writeCSV(to: paths) { fraction in
                progress.show("\(Int(fraction * 100))%")
            }
            progress.finish()
            let counts: [String: LogValue] = [
                "tenants": .int(configuration.tenants), "long_rows": .int(summary.longRows), "wide_rows": .int(summary.wideRows),
                "incident_rows": .int(summary.incidentRows), "file": .string(output),
            ]
            Log.context(counts)
            step.end("synth ended: \(summary.longRows) samples, \(summary.wideRows) buckets and \(summary.incidentRows) incidents written for \(configuration.tenants) tenants", counts)
            if let long = paths.long { print("\(long): \(summary.longRows) samples (long format)") }
            if let wide = paths.wide { print("\(wide): \(summary.wideRows) buckets (wide format)") }
            if let incidents = paths.incidents { print("\(incidents): \(summary.incidentRows) incidents") }
        }
    }

    private func makeConfiguration() throws(DatasetError) -> SyntheticMetrics.Configuration {
        try synthetic.configuration(injectsIncidents: incidents).validated()
    }
}
