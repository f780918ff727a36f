#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import DurableFiles
import Foundation
import MetricsSource
import NumericCore

/// `workbench pull`: one tenant's metrics from PostgreSQL into a bucketed data set.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull one tenant's metrics from PostgreSQL/TimescaleDB into a bucketed data set.",
        discussion: """
            One row per bucket (empty buckets kept, their values missing); columns: timestamp \
            (bucket start, epoch seconds UTC), then collector/metric:aggregate for every series \
            of the tenant (or those named with --collector/--metric), then label with \
            --labels incidents (1 when an incident of a pulled series overlaps the bucket). \
            Buckets are aligned on the epoch in UTC; the window is widened to whole buckets. \
            Times: now, now-30d, now-12h, now-15m, or ISO-8601 UTC (2026-01-05, \
            2026-01-05T00:00:00Z). The file is written atomically with its lineage (queries, \
            parameters, window, row count, sha256; never a password): HDF5 attributes for .h5, \
            FILE.csv.lineage.json beside a .csv.
            Exit codes: 65 no data in the window or unknown metric, 75 database unreachable \
            after retries, 78 bad credentials or settings.
            """
    )

    /// Where labels come from.
    enum LabelSource: String, ExpressibleByArgument, CaseIterable {
        case incidents
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Tenant id; every query filters on it.")
    var tenant: String

    @Option(help: ArgumentHelp("Window start (inclusive): now-30d, ISO-8601 UTC, ...", valueName: "time"))
    var from: String

    @Option(help: ArgumentHelp("Window end (exclusive).", valueName: "time"))
    var to: String = "now"

    @Option(name: .customLong("collector"), help: ArgumentHelp("Keep only this collector (repeatable).", valueName: "name"))
    var collectors: [String] = []

    @Option(name: .customLong("metric"), help: ArgumentHelp("Keep only this metric (repeatable).", valueName: "name"))
    var metrics: [String] = []

    @Option(help: ArgumentHelp("Bucket width: 1m, 5m, 1h, 1d (any Ns, Nm, Nh, Nd).", valueName: "width"))
    var bucket: String

    @Option(name: .customLong("aggregate"), help: ArgumentHelp(
        "avg, min, max, sum, count, stddev or p95 (repeatable; default avg).", valueName: "name"))
    var aggregates: [String] = []

    @Option(help: "Add a 0/1 label column from: incidents.")
    var labels: LabelSource?

    @Option(help: "Use TimescaleDB's time_bucket: auto (when installed), off, or require.")
    var timescaledb: MetricsSchema.TimescaleMode = .auto

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file: FILE.h5 (lineage as attributes) or FILE.csv (lineage in FILE.csv.lineage.json).", valueName: "file"))
    var output: String

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        do {
            _ = try makeRequest(now: 0)
            _ = try PullOutput.Format(path: output)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        try await reportingErrors {
            try OutputPaths.check(NamedPath("--output", output), formats: [.csv, .hdf5], what: "a pulled data set",
                                  inputs: [], protected: RegistryOptions.protectedRoot(registry: nil))
            Log.context(["tenant": .string(tenant), "file": .string(output)])
            let now = Int64(Date().timeIntervalSince1970)
            let request = try makeRequest(now: now)
            let step = LoggedStep("pull", "pull started: tenant '\(tenant.prefix(80))' from \(Self.iso(request.firstBucket)) to \(Self.iso(request.end)) in \(request.request.bucket.seconds) s buckets", [
                "tenant": .string(tenant), "from": .string(Self.iso(request.firstBucket)), "to": .string(Self.iso(request.end)),
                "bucket_s": .int(Int(request.request.bucket.seconds)), "buckets": .int(request.bucketCount), "file": .string(output),
            ])
            let puller = MetricsPuller(settings: database.settings)
            let line = TerminalProgress(label: "pull")
            let result = try puller.pull(request, now: now, progress: { progress in
                line.show("\(progress.rows) rows, \(String(format: "%.1f", progress.megabytesPerSecond)) MB/s")
            }, onRetry: DatabaseOptions.logRetry)
            line.finish()
            try PullOutput.write(result, to: output)
            let lineage = result.lineage
            Log.context(["rows": .int(lineage.rowCount), "copied_rows": .int(lineage.copiedRows)])
            step.end("pull ended: \(lineage.copiedRows) rows read, \(lineage.rowCount) buckets × \(lineage.columns.count) columns written to \(output)", [
                "tenant": .string(tenant), "rows_read": .int(lineage.copiedRows), "rows_written": .int(lineage.rowCount),
                "columns": .int(lineage.columns.count), "attempts": .int(lineage.attempts), "file": .string(output),
            ])
            let lineagePlace = try PullOutput.Format(path: output) == .csv
                ? "in \(PullOutput.lineagePath(for: output))" : "in the file's attributes"
            print("\(output): \(lineage.rowCount) buckets × \(lineage.columns.count) columns for tenant '\(lineage.tenant.prefix(80))' from \(lineage.windowStart) to \(lineage.windowEnd) (\(lineage.copiedRows) rows copied, \(lineage.bucketFunction)); lineage \(lineagePlace)")
        }
    }

    /// `2026-01-05T00:00:00Z` for epoch seconds.
    private static func iso(_ seconds: Int64) -> String {
        UTCCalendar.iso8601(Double(seconds))
    }

    private func makeRequest(now: Int64) throws(MetricsSourceError) -> ValidatedPullRequest {
        var parsedAggregates: [Aggregate] = []
        for name in aggregates { parsedAggregates.append(try Aggregate.parse(name)) }
        return try PullRequest(
            tenant: tenant, from: try PullTime.parse(from, now: now), to: try PullTime.parse(to, now: now),
            bucket: try BucketWidth.parse(bucket), collectors: collectors, metrics: metrics,
            aggregates: parsedAggregates.isEmpty ? [.avg] : parsedAggregates,
            labelsFromIncidents: labels == .incidents, schema: database.schema, timescale: timescaledb
        ).validated()
    }
}
