import Datasets

/// Pulls one tenant's metrics from PostgreSQL into a bucketed data set (`workbench pull`).
///
/// Goals, in order: tenant-safe → exact → bounded memory → fast.
/// - Every statement filters on the tenant; values reach SQL only as
///   escaped literals or bind parameters (see `PullQuery`), and name
///   suggestions come from the same tenant's names only.
/// - The server aggregates per (bucket, collector, metric) with `date_bin`, or
///   `time_bucket` where TimescaleDB is installed; binary COPY brings the rows
///   and they are decoded straight into the output columns.
/// - A transient failure (server restart, dropped connection) restarts the
///   whole pull on a new connection with empty buffers, so a retried pull is
///   identical to an uninterrupted one.
public struct MetricsPuller: Sendable {
    /// Where to connect, with timeouts and the retry policy.
    public let settings: ConnectionSettings

    /// A puller using `settings`.
    public init(settings: ConnectionSettings) {
        self.settings = settings
    }

    /// Pulls `request`.
    ///
    /// - Parameters:
    ///   - progress: called every quarter second or so during the transfer.
    ///   - onRetry: told about each retry (for logging).
    ///   - now: the current time in Unix seconds, recorded as `pulledAt`.
    /// - Throws: `MetricsSourceError.noData` when the window holds no rows for the
    ///   tenant, or a requested collector or metric has none (the message lists
    ///   the tenant's closest names); `.unavailable` when the server stayed
    ///   unreachable; `.configuration` for credentials, a missing table or
    ///   schema; `.invalidRequest` when two series map to one column name.
    /// - Complexity: O(server rows) time; memory O(buckets × columns).
    public func pull(
        _ request: ValidatedPullRequest, now: Int64, progress: (PullProgress) -> Void = { _ in },
        onRetry: (RetryEvent) -> Void = { _ in }
    ) throws(MetricsSourceError) -> PullResult {
        var attempts = 0
        let fetched = try settings.retry.run(onRetry: onRetry) { attempt throws(MetricsSourceError) in
            attempts = attempt
            return try fetch(request, progress: progress)
        }
        return try PullAssembly.result(request, fetched, attempts: attempts, now: now)
    }

    /// Everything one successful attempt brought back.
    struct Fetched {
        var names: [(collector: String, metric: String)]
        var columns: [[Double]]
        var incidents: [(collector: String, metric: String?, start: Int64, end: Int64)]
        var copy: PullQuery
        var labels: PullQuery?
        var timescale: Bool
        var server: String
        var serverVersion: Int
        var copiedRows: Int
        var copiedBytes: Int
    }

    private func fetch(_ request: ValidatedPullRequest, progress: (PullProgress) -> Void) throws(MetricsSourceError) -> Fetched {
        let connection = try PostgresConnection.connect(settings)
        var timescale = false
        if request.request.timescale != .off {
            timescale = try TimescaleSQL.detect(on: connection).installed != nil
        }
        if request.request.timescale == .require, !timescale {
            throw .configuration("TimescaleDB is required (--timescaledb require) but is not installed in this database.")
        }
        let copy = try PullQuery.copy(request, timescale: timescale, on: connection)
        var grid = PullGrid(request: request, queryName: "pull metrics")
        var reader = BinaryCopyReader(fieldCount: grid.fieldCount, queryName: "pull metrics")
        let clock = ContinuousClock()
        let started = clock.now
        var lastReport = started
        var received = 0
        var checkEvery = 0
        _ = try connection.copyOut("pull metrics", copy.text) { chunk throws(MetricsSourceError) in
            try reader.feed(chunk) { row throws(MetricsSourceError) in try grid.add(row) }
            received += chunk.count
            checkEvery += 1
            if checkEvery & 4095 == 0 {
                let now = clock.now
                if now - lastReport >= .milliseconds(250) {
                    lastReport = now
                    progress(PullProgress(rows: reader.rowCount, bytes: received, seconds: seconds(now - started)))
                }
            }
        }
        try reader.finish()
        progress(PullProgress(rows: reader.rowCount, bytes: received, seconds: seconds(clock.now - started)))

        let (names, columns) = grid.take()
        try PullDiagnosis.check(request, seen: names, on: connection)

        var incidents: [(collector: String, metric: String?, start: Int64, end: Int64)] = []
        var labels: PullQuery?
        if request.request.labelsFromIncidents {
            // Not a COPY: the template runs with real bind parameters.
            let query = try PullQuery.incidents(request, on: connection)
            let rows = try connection.query("find incidents", query.template, query.parameters.map(\.value))
            for row in rows.rows {
                guard row.count == 4, let collector = row[0], let start = row[2].flatMap({ Int64($0) }),
                      let end = row[3].flatMap({ Int64($0) })
                else { throw .malformedResponse(query: "find incidents", message: "an incident row is incomplete.") }
                incidents.append((collector, row[1], start, end))
            }
            labels = query
        }
        return Fetched(names: names, columns: columns, incidents: incidents, copy: copy, labels: labels,
                       timescale: timescale, server: connection.endpointDescription,
                       serverVersion: connection.serverVersion, copiedRows: reader.rowCount, copiedBytes: received)
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
