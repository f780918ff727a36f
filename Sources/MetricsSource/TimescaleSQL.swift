/// Every statement that needs TimescaleDB, in one place.
///
/// Used only where the extension is installed (`detect`); the plain
/// PostgreSQL path never reaches this file. Exercised on every test run: the
/// test server has a TimescaleDB database beside the plain one, every database
/// test runs on both, and `TimescaleDBTests` checks the objects created here.
enum TimescaleSQL {
    /// The installed and the installable versions of TimescaleDB, nil when absent.
    static func detect(on connection: PostgresConnection) throws(MetricsSourceError) -> (installed: String?, available: String?) {
        let rows = try connection.query("detect timescaledb", """
            SELECT (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'timescaledb'),
                   (SELECT default_version FROM pg_catalog.pg_available_extensions WHERE name = 'timescaledb')
            """)
        return (rows.rows.first?[0] ?? nil, rows.rows.first?[1] ?? nil)
    }

    /// The bucket expression of a pull: `time_bucket` with its origin pinned to
    /// the Unix epoch so buckets match `date_bin(…, TIMESTAMPTZ 'epoch')`
    /// exactly (TimescaleDB's default origin is 2000-01-03, a Monday).
    static func bucketExpression(width: String, column: String) -> String {
        "time_bucket(\(width), \(column), origin => TIMESTAMPTZ 'epoch')"
    }

    /// Hypertable, compression and the hourly continuous aggregate; returns the step names.
    ///
    /// `CREATE MATERIALIZED VIEW … WITH (timescaledb.continuous)` cannot run in a
    /// transaction block, so each step runs alone; each is idempotent.
    static func install(_ schema: MetricsSchema, on connection: PostgresConnection) throws(MetricsSourceError) -> [String] {
        let table = schema.qualifiedMetricsTable
        let hourly = schema.schema.qualifying(try SQLIdentifier("metrics_hourly", role: "view"))
        var steps: [String] = []

        try connection.query("create hypertable", """
            SELECT create_hypertable($1::regclass, 'timestamp',
                                     chunk_time_interval => INTERVAL '1 day',
                                     if_not_exists => TRUE, migrate_data => TRUE)
            """, [table])
        steps.append("create hypertable")

        let compression = try connection.query("find compression setting", """
            SELECT compression_enabled FROM timescaledb_information.hypertables
            WHERE hypertable_schema = $1 AND hypertable_name = $2
            """, [schema.schema.name, schema.metricsTable.name])
        if compression.rows.first?[0] != "t" {
            try connection.query("enable compression", """
                ALTER TABLE \(table) SET (
                    timescaledb.compress,
                    timescaledb.compress_segmentby = 'tenant_id, collector_name, metric_name',
                    timescaledb.compress_orderby = '"timestamp" DESC')
                """)
            steps.append("enable compression")
        }
        try connection.query("add compression policy", """
            SELECT add_compression_policy($1::regclass, compress_after => INTERVAL '7 days', if_not_exists => TRUE)
            """, [table])
        steps.append("add compression policy")

        // Grouped by tenant as well as collector and metric: an aggregate without
        // tenant_id would mix tenants' values.
        try connection.query("create metrics_hourly", """
            CREATE MATERIALIZED VIEW IF NOT EXISTS \(hourly)
            WITH (timescaledb.continuous) AS
            SELECT time_bucket(INTERVAL '1 hour', "timestamp") AS bucket,
                   tenant_id, collector_name, metric_name,
                   avg(metric_value) AS avg_value,
                   min(metric_value) AS min_value,
                   max(metric_value) AS max_value,
                   count(*) AS sample_count
            FROM \(table)
            GROUP BY bucket, tenant_id, collector_name, metric_name
            WITH NO DATA
            """)
        steps.append("create metrics_hourly")

        try connection.query("add metrics_hourly policy", """
            SELECT add_continuous_aggregate_policy($1::regclass,
                start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour',
                schedule_interval => INTERVAL '1 hour', if_not_exists => TRUE)
            """, [hourly])
        steps.append("add metrics_hourly policy")
        return steps
    }
}
