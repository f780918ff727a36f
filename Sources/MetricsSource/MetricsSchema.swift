/// The collectors' tables in one PostgreSQL schema, and `workbench db init`.
///
/// `collectors_metrics` holds raw samples (the collectors' layout);
/// `incidents` holds labelled time ranges (metric NULL = every metric of the
/// collector). Installing is idempotent: every statement is `IF NOT EXISTS`
/// or guarded by a catalog check, so `db init` can run on every deploy.
public struct MetricsSchema: Sendable, Equatable {
    /// The schema holding the tables; validated, spliced quoted.
    public let schema: SQLIdentifier
    /// The raw metrics table (`collectors_metrics`).
    public let metricsTable: SQLIdentifier
    /// The incidents table (`incidents`).
    public let incidentsTable: SQLIdentifier

    /// The tables in `schema`.
    /// - Parameter schema: default "public", PostgreSQL's default schema.
    /// - Throws: `MetricsSourceError.configuration` for a name that is not a plain identifier.
    public init(schema: String = "public") throws(MetricsSourceError) {
        self.schema = try SQLIdentifier(schema, role: "schema")
        metricsTable = try SQLIdentifier("collectors_metrics", role: "table")
        incidentsTable = try SQLIdentifier("incidents", role: "table")
    }

    /// `"schema"."collectors_metrics"`.
    public var qualifiedMetricsTable: String { schema.qualifying(metricsTable) }
    /// `"schema"."incidents"`.
    public var qualifiedIncidentsTable: String { schema.qualifying(incidentsTable) }

    /// Whether to use TimescaleDB.
    public enum TimescaleMode: String, Sendable, CaseIterable {
        /// Use it when the extension is installed in the database (the default).
        case auto
        /// Plain PostgreSQL tables even where TimescaleDB is installed.
        case off
        /// Fail unless the extension is installed.
        case require
    }

    /// What `install` did.
    public struct InstallReport: Sendable, Equatable {
        /// The TimescaleDB version used, nil for plain PostgreSQL.
        public let timescaleVersion: String?
        /// The TimescaleDB version the server could install but the database has not, if any.
        public let timescaleAvailableNotInstalled: String?
        /// Names of the steps run, in order.
        public let steps: [String]
    }

    /// Creates the schema, tables and indexes, plus the hypertable, compression
    /// policy and `metrics_hourly` continuous aggregate when TimescaleDB is used.
    ///
    /// TimescaleDB is never installed by this call (`CREATE EXTENSION` needs a
    /// superuser and `shared_preload_libraries`); when the server offers it but the
    /// database lacks it, the report says so. Server notices below WARNING (a second run's
    /// "already exists, skipping") are silenced for the install and restored after it.
    /// - Throws: `MetricsSourceError.configuration` when `mode` is `.require` and
    ///   the extension is missing, or for missing privileges; `.queryFailed` otherwise.
    @discardableResult
    public func install(on connection: PostgresConnection, timescale mode: TimescaleMode = .auto)
        throws(MetricsSourceError) -> InstallReport
    {
        let detection = try TimescaleSQL.detect(on: connection)
        if mode == .require, detection.installed == nil {
            let hint = detection.available.map { " The server offers version \($0): run CREATE EXTENSION timescaledb as a superuser." }
                ?? " The server does not offer it."
            throw .configuration("TimescaleDB is required (--timescaledb require) but is not installed in this database." + hint)
        }
        // Every statement is idempotent, so the server's "already exists, skipping" notices on a second
        // run are noise on stderr; warnings and errors still come through.
        try connection.query("quiet notices", "SET client_min_messages = warning")
        defer { _ = try? connection.query("restore notices", "RESET client_min_messages") }
        var steps: [String] = []
        try connection.query("begin schema install", "BEGIN")
        do {
            let exists = try connection.query(
                "find schema", "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema.name])
            if exists.rows.isEmpty {
                try connection.query("create schema", "CREATE SCHEMA \(schema.quoted)")
                steps.append("create schema")
            }
            for (name, sql) in plainStatements {
                try connection.query(name, sql)
                steps.append(name)
            }
            try connection.query("commit schema install", "COMMIT")
        } catch {
            _ = try? connection.query("roll back schema install", "ROLLBACK")
            throw error
        }
        var used: String?
        if mode != .off, let version = detection.installed {
            steps += try TimescaleSQL.install(self, on: connection)
            used = version
        }
        return InstallReport(timescaleVersion: used,
                             timescaleAvailableNotInstalled: detection.installed == nil ? detection.available : nil,
                             steps: steps)
    }

    /// The plain PostgreSQL tables and indexes, each idempotent.
    var plainStatements: [(String, String)] {
        [
            ("create metrics table", """
                CREATE TABLE IF NOT EXISTS \(qualifiedMetricsTable) (
                    "timestamp" timestamptz NOT NULL,
                    collector_name text NOT NULL,
                    metric_name text NOT NULL,
                    metric_value double precision NOT NULL,
                    tenant_id text NOT NULL,
                    metadata jsonb
                )
                """),
            ("create metrics index", """
                CREATE INDEX IF NOT EXISTS collectors_metrics_tenant_time_idx
                    ON \(qualifiedMetricsTable) (tenant_id, "timestamp" DESC)
                """),
            ("create incidents table", """
                CREATE TABLE IF NOT EXISTS \(qualifiedIncidentsTable) (
                    tenant_id text NOT NULL,
                    collector_name text NOT NULL,
                    metric_name text,
                    start_time timestamptz NOT NULL,
                    end_time timestamptz NOT NULL,
                    kind text NOT NULL,
                    CONSTRAINT incidents_end_after_start CHECK (end_time > start_time)
                )
                """),
            ("create incidents index", """
                CREATE INDEX IF NOT EXISTS incidents_tenant_time_idx
                    ON \(qualifiedIncidentsTable) (tenant_id, start_time)
                """),
        ] + publicationStatements
    }

    /// `"schema"."workbench_model_artifacts"`: every file of every published bundle (bytea + SHA-256).
    public var qualifiedArtifactsTable: String { schema.quoted + ".workbench_model_artifacts" }
    /// `"schema"."workbench_model_thresholds"`: the published alert levels, one row per scope and level.
    public var qualifiedThresholdsTable: String { schema.quoted + ".workbench_model_thresholds" }
    /// `"schema"."workbench_model_current"`: the live version of each model (and the previous one).
    public var qualifiedCurrentTable: String { schema.quoted + ".workbench_model_current" }
    /// `"schema"."workbench_model_history"`: every move of the current pointer.
    public var qualifiedHistoryTable: String { schema.quoted + ".workbench_model_history" }

    /// The tables `workbench publish --to postgresql://…` writes (docs/publishing.md), each idempotent.
    var publicationStatements: [(String, String)] {
        [
            ("create model artifacts table", """
                CREATE TABLE IF NOT EXISTS \(qualifiedArtifactsTable) (
                    model_name text NOT NULL,
                    version integer NOT NULL,
                    path text NOT NULL,
                    content bytea NOT NULL,
                    sha256 text NOT NULL,
                    bytes bigint NOT NULL,
                    tenant_id text,
                    published_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (model_name, version, path),
                    CONSTRAINT workbench_model_artifacts_size CHECK (octet_length(content) = bytes)
                )
                """),
            ("create model thresholds table", """
                CREATE TABLE IF NOT EXISTS \(qualifiedThresholdsTable) (
                    model_name text NOT NULL,
                    version integer NOT NULL,
                    tenant_id text,
                    group_name text,
                    collector_name text,
                    metric_name text,
                    level text NOT NULL,
                    value double precision NOT NULL,
                    score text NOT NULL,
                    direction text NOT NULL,
                    raises_anomaly boolean NOT NULL
                )
                """),
            ("create model thresholds index", """
                CREATE UNIQUE INDEX IF NOT EXISTS workbench_model_thresholds_key ON \(qualifiedThresholdsTable) (
                    model_name, version, coalesce(tenant_id, ''), coalesce(group_name, ''),
                    coalesce(collector_name, ''), coalesce(metric_name, ''), level)
                """),
            ("create model current table", """
                CREATE TABLE IF NOT EXISTS \(qualifiedCurrentTable) (
                    model_name text PRIMARY KEY,
                    version integer NOT NULL,
                    manifest_sha256 text NOT NULL,
                    previous_version integer,
                    previous_manifest_sha256 text,
                    published_at timestamptz NOT NULL DEFAULT now()
                )
                """),
            ("create model history table", """
                CREATE TABLE IF NOT EXISTS \(qualifiedHistoryTable) (
                    model_name text NOT NULL,
                    action text NOT NULL,
                    from_version integer,
                    to_version integer NOT NULL,
                    manifest_sha256 text NOT NULL,
                    threshold text,
                    actor text NOT NULL,
                    at timestamptz NOT NULL DEFAULT now()
                )
                """),
        ]
    }
}
