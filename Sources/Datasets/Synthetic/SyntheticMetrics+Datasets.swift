extension SyntheticMetrics {
    /// Column names of the long format, in order: the collectors' table
    /// (`metadata` left out) plus the row's label.
    public static let longColumnNames = [
        "timestamp", "collector_name", "metric_name", "metric_value", "tenant_id", "is_incident",
    ]

    /// Column names of the wide format, in order: `timestamp`, `tenant_id`, one `collector/metric`
    /// column per catalog series, `label`, `incident_kind`.
    public static var wideColumnNames: [String] {
        ["timestamp", "tenant_id"] + SyntheticSeries.catalog.map(\.wideColumnName) + ["label", "incident_kind"]
    }

    /// Every sample as one row, as in the collectors' table.
    ///
    /// Columns: `timestamp` (numeric, epoch seconds UTC), `collector_name`, `metric_name`,
    /// `metric_value` (numeric), `tenant_id` (text), `is_incident` (numeric 1 when an incident
    /// targets this row's series at this time, else 0). Missing samples are absent rows.
    /// Rows are in `forEachSample` order.
    /// - Complexity: O(tenants × buckets × series) time and memory; stream with
    ///   `forEachSample` or `writeCSV` for large configurations.
    public func longDataset() -> Dataset {
        var timestamps: [Double] = []
        var collectors: [String?] = []
        var metrics: [String?] = []
        var values: [Double] = []
        var tenantIDs: [String?] = []
        var labels: [Double] = []
        let catalog = SyntheticSeries.catalog
        forEachBucket { tenant, bucket in
            for i in catalog.indices where !bucket.values[i].isNaN {
                timestamps.append(Double(bucket.timestamp))
                collectors.append(catalog[i].collector)
                metrics.append(catalog[i].metric)
                values.append(bucket.values[i])
                tenantIDs.append(tenant.name)
                labels.append(bucket.affected[i] ? 1 : 0)
            }
        }
        let names = Self.longColumnNames
        return Self.assemble([
            Column(name: names[0], data: .numeric(timestamps)),
            Column(name: names[1], data: .text(collectors)),
            Column(name: names[2], data: .text(metrics)),
            Column(name: names[3], data: .numeric(values)),
            Column(name: names[4], data: .text(tenantIDs)),
            Column(name: names[5], data: .numeric(labels)),
        ])
    }

    /// One row per (tenant, bucket), every series side by side: the matrix models train on.
    ///
    /// Columns: `timestamp` (numeric, epoch seconds UTC), `tenant_id` (text), one numeric
    /// column per catalog series named `collector/metric` (NaN where the sample is missing),
    /// `label` (1 when any incident of the tenant is active at the bucket, else 0) and
    /// `incident_kind` (`spike`, `level_shift`, `drift`, or missing when `label` is 0).
    /// Every bucket has a row, even when all its samples are missing.
    /// - Complexity: O(tenants × buckets × series) time and memory.
    public func wideDataset() -> Dataset {
        let catalog = SyntheticSeries.catalog
        let rows = configuration.tenants * configuration.bucketCount
        var timestamps: [Double] = []
        var tenantIDs: [String?] = []
        var series = [[Double]](repeating: [], count: catalog.count)
        var labels: [Double] = []
        var kinds: [String?] = []
        timestamps.reserveCapacity(rows)
        for i in series.indices { series[i].reserveCapacity(rows) }
        forEachBucket { tenant, bucket in
            timestamps.append(Double(bucket.timestamp))
            tenantIDs.append(tenant.name)
            for i in catalog.indices { series[i].append(bucket.values[i]) }
            labels.append(bucket.incident == nil ? 0 : 1)
            kinds.append(bucket.incident.map { tenant.incidents[$0].kind })
        }
        var columns = [
            Column(name: "timestamp", data: .numeric(timestamps)),
            Column(name: "tenant_id", data: .text(tenantIDs)),
        ]
        for i in catalog.indices {
            columns.append(Column(name: catalog[i].wideColumnName, data: .numeric(series[i])))
        }
        columns.append(Column(name: "label", data: .numeric(labels)))
        columns.append(Column(name: "incident_kind", data: .text(kinds)))
        return Self.assemble(columns)
    }

    /// The incidents as a table: `tenant_id`, `collector_name`, `metric_name` (missing = every
    /// metric of the collector), `start` and `end` (numeric epoch seconds, end exclusive),
    /// `kind`, `severity`.
    public func incidentDataset() -> Dataset {
        let all = incidents
        return Self.assemble([
            Column(name: "tenant_id", data: .text(all.map(\.tenant))),
            Column(name: "collector_name", data: .text(all.map(\.collector))),
            Column(name: "metric_name", data: .text(all.map(\.metric))),
            Column(name: "start", data: .numeric(all.map { Double($0.start) })),
            Column(name: "end", data: .numeric(all.map { Double($0.end) })),
            Column(name: "kind", data: .text(all.map(\.kind))),
            Column(name: "severity", data: .numeric(all.map(\.severity))),
        ])
    }

    /// Builds a data set from columns that are equal in length and uniquely named by construction.
    private static func assemble(_ columns: [Column]) -> Dataset {
        do {
            return try Dataset(columns: columns)
        } catch {
            preconditionFailure("synthetic columns break a Dataset invariant: \(error)")
        }
    }
}
