import DurableFiles
extension SyntheticMetrics {
    /// Where `writeCSV` puts each file; a `nil` path skips that file.
    public struct CSVPaths: Sendable, Equatable {
        /// The long format (one row per sample), or nil.
        public var long: String?
        /// The wide format (one row per tenant and bucket), or nil.
        public var wide: String?
        /// The incident list, or nil.
        public var incidents: String?

        /// Paths given one by one; each defaults to nil (not written).
        public init(long: String? = nil, wide: String? = nil, incidents: String? = nil) {
            self.long = long
            self.wide = wide
            self.incidents = incidents
        }

        /// The file set named after `output`: for `metrics.csv`, the long format at `metrics.csv`,
        /// the wide one at `metrics.wide.csv` and the incidents at `metrics.incidents.csv`.
        ///
        /// `output` always receives the primary format: the long one unless only `wide` is asked
        /// for. A missing `.csv` suffix is not added to `output` but is to the companion files.
        /// - Parameters:
        ///   - output: the path the user named.
        ///   - long: whether to write the long format.
        ///   - wide: whether to write the wide format.
        public init(output: String, long: Bool, wide: Bool) {
            let stem = output.hasSuffix(".csv") ? String(output.dropLast(4)) : output
            self.long = long ? output : nil
            self.wide = wide ? (long ? stem + ".wide.csv" : output) : nil
            incidents = stem + ".incidents.csv"
        }

        /// Checks that `output` names a CSV file: a `.csv` extension (any case) or none, since the
        /// files are always CSV and the extension elsewhere decides the format.
        /// - Throws: `DatasetError.unsupportedFormat` for another extension (`metrics.h5`, `metrics.txt`).
        public static func checkOutput(_ output: String) throws(DatasetError) {
            let suffix = FileFormat.suffix(of: output)
            guard suffix.isEmpty || suffix == "csv" else {
                throw .unsupportedFormat("\(output): synthetic metrics are written as CSV; name the file .csv (got '.\(suffix)').")
            }
        }
    }

    /// Row counts of the files `writeCSV` wrote (0 for a skipped file).
    public struct CSVSummary: Sendable, Equatable {
        /// Samples written to the long file.
        public var longRows = 0
        /// Buckets written to the wide file.
        public var wideRows = 0
        /// Incidents written to the incident file.
        public var incidentRows = 0
    }

    /// Writes the long format, the wide format and the incident list as CSV in one pass.
    ///
    /// Columns are those of `longDataset()`, `wideDataset()` and `incidentDataset()`; numbers
    /// use `CSVWriter`'s form, so timestamps are whole epoch seconds and a missing wide cell is
    /// empty. Every file is written to a temporary and renamed only once all are complete.
    /// - Parameters:
    ///   - paths: the destinations; at least one must be set.
    ///   - progress: called with the fraction of buckets done (0 to 1), about a hundred times.
    /// - Throws: `DatasetError.cannotWrite` naming the file; no destination is then replaced
    ///   unless an earlier one had already been renamed.
    /// - Complexity: O(tenants × buckets × series) time, O(series + incidents) memory.
    @discardableResult
    public func writeCSV(to paths: CSVPaths, progress: (Double) -> Void = { _ in }) throws(DatasetError) -> CSVSummary {
        let long = try paths.long.map { path throws(DatasetError) in
            try CSVWriter(path: path, header: Self.longColumnNames)
        }
        let wide = try paths.wide.map { path throws(DatasetError) in
            try CSVWriter(path: path, header: Self.wideColumnNames)
        }
        let catalog = SyntheticSeries.catalog
        let total = configuration.tenants * configuration.bucketCount
        let step = max(1, total / 100)
        var done = 0
        try forEachBucket { (tenant, bucket) throws(DatasetError) in
            if let long {
                for i in catalog.indices where !bucket.values[i].isNaN {
                    long.writeField(bucket.timestamp)
                    long.writeField(catalog[i].collector)
                    long.writeField(catalog[i].metric)
                    long.writeField(bucket.values[i])
                    long.writeField(tenant.name)
                    long.writeField(Int64(bucket.affected[i] ? 1 : 0))
                    try long.endRow()
                }
            }
            if let wide {
                wide.writeField(bucket.timestamp)
                wide.writeField(tenant.name)
                for value in bucket.values { wide.writeField(value) }
                wide.writeField(Int64(bucket.incident == nil ? 0 : 1))
                wide.writeField(bucket.incident.map { tenant.incidents[$0].kind })
                try wide.endRow()
            }
            done += 1
            if done % step == 0 { progress(Double(done) / Double(total)) }
        }
        let incidents = try paths.incidents.map { path throws(DatasetError) in
            let table = incidentDataset()
            let writer = try CSVWriter(path: path, header: table.columnNames)
            try writer.writeRows(of: table)
            return writer
        }
        var summary = CSVSummary()
        for writer in [long, wide, incidents].compactMap({ $0 }) {
            try writer.commit()
        }
        summary.longRows = long?.rowCount ?? 0
        summary.wideRows = wide?.rowCount ?? 0
        summary.incidentRows = incidents?.rowCount ?? 0
        return summary
    }
}
