/// The text of a pull's statements, kept twice: a template with `$n`
/// placeholders for lineage, and the executed text.
///
/// Why literals: `COPY (query) TO STDOUT` cannot take bind parameters. Values
/// (tenant, window, collector and metric names) are therefore spliced only as
/// `PQescapeLiteral` output, which quotes and escapes for the connection's
/// encoding and `standard_conforming_strings` (switching to `E''` when a
/// backslash appears). Identifiers (schema, tables) are validated
/// `SQLIdentifier`s. Nothing else is ever concatenated into SQL. A side
/// benefit: the planner sees the real tenant and window, so it can pick the
/// (tenant_id, timestamp) index with true selectivity.
struct PullQuery {
    private(set) var template = ""
    private(set) var text = ""
    private(set) var parameters: [PullLineage.Parameter] = []

    mutating func append(_ sql: String) {
        template += sql
        text += sql
    }

    mutating func appendLiteral(_ value: String, name: String, on connection: PostgresConnection) throws(MetricsSourceError) {
        parameters.append(PullLineage.Parameter(name: name, value: value))
        template += "$\(parameters.count)"
        text += try connection.literal(value)
    }

    /// `COPY (SELECT bucket, collector, metric, aggregates… GROUP BY 1, 2, 3) TO STDOUT (FORMAT binary)`.
    static func copy(_ request: ValidatedPullRequest, timescale: Bool, on connection: PostgresConnection)
        throws(MetricsSourceError) -> PullQuery
    {
        var query = PullQuery()
        query.append("COPY (SELECT ")
        var width = PullQuery()
        try width.appendLiteral(request.request.bucket.intervalText, name: "bucket", on: connection)
        func bucket(_ width: String) -> String {
            let column = "m.\"timestamp\""
            return timescale
                ? TimescaleSQL.bucketExpression(width: width + "::interval", column: column)
                : "date_bin(\(width)::interval, \(column), TIMESTAMPTZ 'epoch')"
        }
        query.parameters = width.parameters
        query.template += bucket(width.template)
        query.text += bucket(width.text)
        query.append(" AS bucket, m.collector_name, m.metric_name")
        for aggregate in request.aggregates {
            query.append(", \(aggregate.sqlExpression) AS \(aggregate.rawValue)")
        }
        query.append(" FROM \(request.schema.qualifiedMetricsTable) AS m WHERE m.tenant_id = ")
        try query.appendLiteral(request.request.tenant, name: "tenant", on: connection)
        try query.appendWindow(request, on: connection)
        try query.appendList("m.collector_name", request.collectors, name: "collector", on: connection)
        try query.appendList("m.metric_name", request.metrics, name: "metric", on: connection)
        query.append(" GROUP BY 1, 2, 3) TO STDOUT (FORMAT binary)")
        return query
    }

    /// The tenant's incidents overlapping the window, as epoch seconds (start
    /// rounded down, end rounded up, so a sub-second incident still marks its bucket).
    static func incidents(_ request: ValidatedPullRequest, on connection: PostgresConnection)
        throws(MetricsSourceError) -> PullQuery
    {
        var query = PullQuery()
        query.append("""
            SELECT collector_name, metric_name,
                   floor(extract(epoch FROM start_time))::bigint, ceil(extract(epoch FROM end_time))::bigint
            FROM \(request.schema.qualifiedIncidentsTable) WHERE tenant_id = 
            """)
        try query.appendLiteral(request.request.tenant, name: "tenant", on: connection)
        query.append(" AND end_time > ")
        try query.appendLiteral(PullTime.iso8601(request.firstBucket), name: "from", on: connection)
        query.append("::timestamptz AND start_time < ")
        try query.appendLiteral(PullTime.iso8601(request.end), name: "to", on: connection)
        query.append("::timestamptz")
        return query
    }

    private mutating func appendWindow(_ request: ValidatedPullRequest, on connection: PostgresConnection) throws(MetricsSourceError) {
        append(" AND m.\"timestamp\" >= ")
        try appendLiteral(PullTime.iso8601(request.firstBucket), name: "from", on: connection)
        append("::timestamptz AND m.\"timestamp\" < ")
        try appendLiteral(PullTime.iso8601(request.end), name: "to", on: connection)
        append("::timestamptz")
    }

    private mutating func appendList(_ column: String, _ values: [String], name: String, on connection: PostgresConnection)
        throws(MetricsSourceError)
    {
        guard !values.isEmpty else { return }
        append(" AND \(column) IN (")
        for (index, value) in values.enumerated() {
            if index > 0 { append(", ") }
            try appendLiteral(value, name: name, on: connection)
        }
        append(")")
    }
}
