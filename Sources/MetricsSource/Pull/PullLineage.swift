/// Where a pulled data set came from, recorded next to it (HDF5 attributes or
/// `FILE.lineage.json` beside a CSV file).
///
/// Holds the statement templates with their parameters, never a password or
/// connection string: `server` is `host:port/database as user`.
public struct PullLineage: Sendable, Codable, Equatable {
    /// One bound value of a statement template (`$n` is the n-th parameter).
    public struct Parameter: Sendable, Codable, Equatable {
        /// What the value is: tenant, from, to, bucket, collector or metric.
        public let name: String
        /// The value.
        public let value: String
    }

    /// The tenant pulled.
    public var tenant: String
    /// The window as asked, ISO-8601 UTC.
    public var requestedFrom: String
    /// The window end as asked (exclusive), ISO-8601 UTC.
    public var requestedTo: String
    /// The window actually read: `requestedFrom` rounded down to a bucket.
    public var windowStart: String
    /// The window end actually read (exclusive): `requestedTo` rounded up to a bucket.
    public var windowEnd: String
    /// Bucket width in seconds.
    public var bucketSeconds: Int64
    /// `date_bin` (plain PostgreSQL) or `time_bucket` (TimescaleDB); same buckets either way.
    public var bucketFunction: String
    /// Aggregates, in column order.
    public var aggregates: [String]
    /// Collectors asked for (empty: all).
    public var collectors: [String]
    /// Metrics asked for (empty: all).
    public var metrics: [String]
    /// The schema read.
    public var schema: String
    /// The COPY statement with `$n` placeholders.
    public var query: String
    /// The values of the placeholders, in order.
    public var parameters: [Parameter]
    /// The incidents statement, when labels were asked for.
    public var labelsQuery: String?
    /// Its parameter values.
    public var labelsParameters: [Parameter]?
    /// `host:port/database as user`.
    public var server: String
    /// PostgreSQL server version number (e.g. 150018).
    public var serverVersion: Int
    /// Data set columns, in order.
    public var columns: [String]
    /// Data set rows (buckets).
    public var rowCount: Int
    /// Rows the server sent (non-empty bucket × series groups).
    public var copiedRows: Int
    /// Bytes of binary COPY data received.
    public var copiedBytes: Int
    /// Attempts the pull took (1 when nothing was retried).
    public var attempts: Int
    /// When the pull finished, ISO-8601 UTC.
    public var pulledAt: String
    /// SHA-256 (hex) of the content: every column's values as little-endian
    /// float64, column after column in `columns` order, NaN for missing. numpy:
    /// `hashlib.sha256(b"".join(df[c].to_numpy("<f8").tobytes() for c in columns))`.
    public var contentSHA256: String
}
