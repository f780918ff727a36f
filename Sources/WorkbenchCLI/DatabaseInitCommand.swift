import ArgumentParser
import MetricsSource

/// `workbench db init`: creates the collectors' tables, idempotently.
struct DatabaseInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create collectors_metrics, incidents and their indexes (idempotent).",
        discussion: """
            Tables: collectors_metrics(timestamp timestamptz, collector_name, metric_name, \
            metric_value double precision, tenant_id, metadata jsonb) indexed on \
            (tenant_id, timestamp DESC), and incidents(tenant_id, collector_name, metric_name \
            (NULL = every metric of the collector), start_time, end_time, kind). Where the \
            TimescaleDB extension is installed in the database, also the hypertable, a \
            compression policy (after 7 days) and the metrics_hourly continuous aggregate. \
            Safe to run again: existing objects are kept.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Use TimescaleDB: auto (when installed), off, or require.")
    var timescaledb: MetricsSchema.TimescaleMode = .auto

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let schema = try MetricsSchema(schema: database.schema)
            let settings = database.settings
            let report = try settings.retry.run(onRetry: DatabaseOptions.logRetry) { _ throws(MetricsSourceError) in
                let connection = try PostgresConnection.connect(settings)
                return try schema.install(on: connection, timescale: timescaledb)
            }
            let flavour = report.timescaleVersion.map { "TimescaleDB \($0)" } ?? "plain PostgreSQL"
            print("schema \(schema.schema.quoted) ready (\(flavour)): \(report.steps.joined(separator: ", "))")
            if let available = report.timescaleAvailableNotInstalled {
                printError("note: the server offers TimescaleDB \(available) but this database has not installed it; run CREATE EXTENSION timescaledb as a superuser, then db init again.")
            }
        }
    }
}

extension MetricsSchema.TimescaleMode: ExpressibleByArgument {}
