import Datasets
import Foundation

/// Loads metric samples and incidents into the collectors' tables with binary
/// `COPY … FROM STDIN` (`workbench db seed`).
///
/// Goals, in order: all or nothing → repeatable → fast. One transaction
/// replaces the listed tenants' rows (delete, then copy), so a rerun with the
/// same generator gives the same tables and a failure leaves them as they
/// were. Rows stream through a 1 MiB buffer: memory does not grow with the
/// row count. A transient failure reruns the whole load, so `produce` must
/// yield the same rows each time (a seeded generator does).
public struct MetricsLoader: Sendable {
    /// Where to connect.
    public let settings: ConnectionSettings
    /// The tables to load.
    public let schema: MetricsSchema

    /// A loader for `schema` reached with `settings`.
    public init(settings: ConnectionSettings, schema: MetricsSchema) {
        self.settings = settings
        self.schema = schema
    }

    /// What a load did.
    public struct Summary: Sendable, Equatable {
        /// Metric rows copied.
        public let metricRows: Int
        /// Incident rows copied.
        public let incidentRows: Int
        /// Bytes of binary COPY data sent.
        public let bytes: Int
        /// Attempts made (1 when nothing was retried).
        public let attempts: Int
    }

    /// Replaces the rows of `tenants` with the samples `produce` appends and `incidents`.
    ///
    /// - Parameters:
    ///   - tenants: tenants whose existing metrics and incidents are deleted first.
    ///   - incidents: rows for the incidents table.
    ///   - onRetry: told about each retry (for logging).
    ///   - produce: appends every sample to the sink; called again on a retry.
    /// - Throws: `MetricsSourceError.configuration` when the tables are missing
    ///   (run `workbench db init`) or credentials are wrong; `.unavailable` when the
    ///   server stayed unreachable; `.queryFailed` when the server rejects the data.
    /// - Complexity: O(rows) time, O(1) memory beyond the sink's 1 MiB buffer.
    public func replace(
        tenants: [String], incidents: [Incident], onRetry: (RetryEvent) -> Void = { _ in },
        produce: (MetricSampleSink) -> Void
    ) throws(MetricsSourceError) -> Summary {
        try settings.retry.run(onRetry: onRetry) { attempt throws(MetricsSourceError) in
            let connection = try PostgresConnection.connect(settings)
            try connection.query("begin load", "BEGIN")
            for tenant in tenants {
                try connection.query("delete tenant metrics",
                                     "DELETE FROM \(schema.qualifiedMetricsTable) WHERE tenant_id = $1", [tenant])
                try connection.query("delete tenant incidents",
                                     "DELETE FROM \(schema.qualifiedIncidentsTable) WHERE tenant_id = $1", [tenant])
            }
            let sink = MetricSampleSink(connection: connection, queryName: "copy metrics")
            try connection.beginCopyIn("copy metrics", """
                COPY \(schema.qualifiedMetricsTable) ("timestamp", tenant_id, collector_name, metric_name, metric_value)
                FROM STDIN (FORMAT binary)
                """)
            produce(sink)
            let metricRows = try sink.finish()
            let incidentBytes = try copyIncidents(incidents, on: connection)
            try connection.query("commit load", "COMMIT")
            return Summary(metricRows: metricRows, incidentRows: incidents.count,
                           bytes: sink.bytesSent + incidentBytes, attempts: attempt)
        }
    }

    private func copyIncidents(_ incidents: [Incident], on connection: PostgresConnection) throws(MetricsSourceError) -> Int {
        let name = "copy incidents"
        try connection.beginCopyIn(name, """
            COPY \(schema.qualifiedIncidentsTable) (tenant_id, collector_name, metric_name, start_time, end_time, kind)
            FROM STDIN (FORMAT binary)
            """)
        var writer = BinaryCopyWriter(reservingCapacity: 64 * 1024)
        writer.writeHeader()
        for incident in incidents {
            writer.beginRow(fieldCount: 6)
            writer.writeText(incident.tenant)
            writer.writeText(incident.collector)
            if let metric = incident.metric { writer.writeText(metric) } else { writer.writeNull() }
            writer.writeTimestamp(unixSeconds: incident.start)
            writer.writeTimestamp(unixSeconds: incident.end)
            writer.writeText(incident.kind)
        }
        writer.writeTrailer()
        let bytes = writer.bytes
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(MetricsSourceError) in try connection.sendCopyData(name, buffer) }
        }.get()
        _ = try connection.endCopyIn(name)
        return bytes.count
    }
}

/// Receives samples during `MetricsLoader.replace` and streams them to the server.
///
/// `append` never throws, so a generator's `forEachSample` can feed it directly;
/// the first failure is kept, later samples are dropped (check `failed` to stop
/// early), and the loader reports the failure when `produce` returns.
public final class MetricSampleSink {
    private let connection: PostgresConnection
    private let queryName: String
    private var writer = BinaryCopyWriter()
    private var error: MetricsSourceError?
    private static let flushThreshold = 1 << 20
    /// Samples appended so far.
    public private(set) var count = 0
    /// Bytes handed to libpq so far.
    public private(set) var bytesSent = 0

    init(connection: PostgresConnection, queryName: String) {
        self.connection = connection
        self.queryName = queryName
        writer.writeHeader()
    }

    /// True once sending failed; further samples are ignored.
    public var failed: Bool { error != nil }

    /// Encodes one sample into the COPY stream.
    public func append(_ sample: MetricSample) {
        guard error == nil else { return }
        writer.beginRow(fieldCount: 5)
        writer.writeTimestamp(unixSeconds: sample.timestamp)
        writer.writeText(sample.tenant)
        writer.writeText(sample.collector)
        writer.writeText(sample.metric)
        writer.writeDouble(sample.value)
        count += 1
        if writer.bytes.count >= Self.flushThreshold { flush() }
    }

    private func flush() {
        guard error == nil, !writer.bytes.isEmpty else { return }
        let result = writer.bytes.withUnsafeBytes { buffer in
            Result { () throws(MetricsSourceError) in try connection.sendCopyData(queryName, buffer) }
        }
        if case .failure(let failure) = result { error = failure }
        bytesSent += writer.bytes.count
        writer.removeAll()
    }

    /// Sends the trailer, ends the COPY and returns the rows the server loaded.
    func finish() throws(MetricsSourceError) -> Int {
        writer.writeTrailer()
        flush()
        if let error { throw error }
        let loaded = try connection.endCopyIn(queryName)
        guard loaded == count else {
            throw .malformedResponse(query: queryName, message: "the server loaded \(loaded) rows; \(count) were sent.")
        }
        return loaded
    }
}
