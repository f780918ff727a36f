import Datasets
import MetricsSource

/// Where a job's rows come from: the spec's file, read once, or a PostgreSQL pull per tenant.
///
/// The PostgreSQL DSN is read from the environment variable the spec names and never appears in messages.
public final class RetrainSource {
    public let spec: RetrainSpec
    /// End of the pull window (epoch seconds, rounded down to the bucket so re-runs within a bucket see the
    /// same rows and reuse their versions).
    public let windowEnd: Int64
    private let environment: [String: String]
    /// Keep every tenant's pull for the rest of the run, not only the latest: set when the plan has a model
    /// shared by all tenants, which reads every tenant's rows again after the per-tenant models (one pull per
    /// tenant instead of two, for the memory the shared model's rows take anyway).
    public var retainsPulls = false
    private var fileRows: TenantRows?
    private var pulls: [String: TenantRows] = [:]

    /// A source for `spec`; `now` (epoch seconds) ends the PostgreSQL window.
    public init(spec: RetrainSpec, environment: [String: String], now: Int64) {
        self.spec = spec
        self.environment = environment
        if case .postgres(let postgres) = spec.source {
            let bucket = Int64(postgres.bucketSeconds)
            let end = postgres.until ?? now
            windowEnd = end - ((end % bucket) + bucket) % bucket
        } else {
            windowEnd = now
        }
    }

    /// The source as messages and lineage name it: the file path, or `PostgreSQL ($VAR)`.
    public var description: String {
        switch spec.source {
        case .file(let path): path
        case .postgres(let postgres): "PostgreSQL ($\(postgres.dsnEnv))"
        }
    }

    /// The connection settings of a PostgreSQL source.
    /// - Throws: `RetrainError.configuration` when the DSN variable is unset or empty.
    public func connectionSettings() throws(RetrainError) -> ConnectionSettings? {
        guard case .postgres(let postgres) = spec.source else { return nil }
        guard let dsn = environment[postgres.dsnEnv], !dsn.isEmpty else {
            throw .configuration("source.postgres.dsn_env: environment variable \(postgres.dsnEnv) is unset or empty; "
                + "it should hold the metrics database's DSN.")
        }
        return ConnectionSettings(dsn: dsn)
    }

    /// Every tenant with rows in the source, sorted.
    /// - Throws: `DatasetError` reading the file, `MetricsSourceError` querying the database.
    public func tenants() throws -> [String] {
        switch spec.source {
        case .file:
            return try fileData().tenants
        case .postgres(let postgres):
            guard let settings = try connectionSettings() else { return [] }
            let schema = try MetricsSchema(schema: postgres.schema)
            let connection = try PostgresConnection.connect(settings)
            let rows = try connection.query(
                "list tenants",
                "SELECT DISTINCT tenant_id FROM \(schema.qualifiedMetricsTable) WHERE \"timestamp\" >= to_timestamp($1::double precision) "
                    + "AND \"timestamp\" < to_timestamp($2::double precision) ORDER BY 1",
                [String(windowEnd - Int64(postgres.windowSeconds)), String(windowEnd)])
            return rows.rows.compactMap { $0.first ?? nil }
        }
    }

    /// The rows of `tenants` (a run's `PlannedRun.tenants`), indexed by group and time: the whole file, or the
    /// tenant's pull, or for a shared model every listed tenant's pull stacked (`TenantRows(stacking:)`).
    /// Callers keep only the tenants' rows with `TenantRows.split(tenants:holdoutSeconds:)`.
    /// - Throws: `DatasetError`, `MetricsSourceError`, or `RetrainError.badData` for missing columns.
    public func rows(tenants: [String]) throws -> TenantRows {
        switch spec.source {
        case .file:
            return try fileData()
        case .postgres(let postgres):
            if tenants.count == 1 { return try pulled(tenants[0], postgres) }
            let parts = try tenants.map { tenant in try pulled(tenant, postgres) }
            return try TenantRows(stacking: parts, source: "PostgreSQL pulls of \(tenants.count) tenants")
        }
    }

    /// The tenant's pull: from the ones kept, or pulled now and kept (alone unless `retainsPulls`).
    private func pulled(_ tenant: String, _ postgres: RetrainSpec.PostgresSource) throws -> TenantRows {
        if let rows = pulls[tenant] { return rows }
        let rows = try pull(tenant, postgres)
        if !retainsPulls { pulls.removeAll() }
        pulls[tenant] = rows
        return rows
    }

    private func fileData() throws -> TenantRows {
        if let fileRows { return fileRows }
        guard case .file(let path) = spec.source else { preconditionFailure("not a file source") }
        let dataset = try DatasetIO.read(path: path, csvOptions: .inferred)
        let rows = try TenantRows(dataset, group: spec.group, time: spec.time, source: path)
        fileRows = rows
        return rows
    }

    private func pull(_ tenant: String, _ postgres: RetrainSpec.PostgresSource) throws -> TenantRows {
        guard let settings = try connectionSettings() else { preconditionFailure("not a database source") }
        let request = PullRequest(
            tenant: tenant, from: windowEnd - Int64(postgres.windowSeconds), to: windowEnd,
            bucket: try BucketWidth(seconds: Int64(postgres.bucketSeconds)),
            aggregates: try postgres.aggregates.map { name throws(MetricsSourceError) in try Aggregate.parse(name) },
            labelsFromIncidents: true, schema: postgres.schema)
        let result = try MetricsPuller(settings: settings).pull(try request.validated(), now: windowEnd)
        var dataset = result.dataset
        if dataset.column(named: spec.group) == nil {
            try dataset.append(Column(name: spec.group, data: .text(Array(repeating: tenant, count: dataset.rowCount))))
        }
        let source = "PostgreSQL pull of tenant '\(tenant)'"
        guard dataset.column(named: spec.time) != nil else {
            throw RetrainError.badData("\(source): no time column '\(spec.time)'; a pull names it 'timestamp' (set time: timestamp).")
        }
        return try TenantRows(dataset, group: spec.group, time: spec.time, source: source)
    }
}
