import Datasets
import NumericCore

/// Turns what a pull fetched into the documented data set layout and its lineage.
enum PullAssembly {
    static func result(_ request: ValidatedPullRequest, _ fetched: MetricsPuller.Fetched, attempts: Int, now: Int64)
        throws(MetricsSourceError) -> PullResult
    {
        var fetched = fetched
        let aggregates = request.aggregates
        let order = fetched.names.indices.sorted { a, b in
            let x = fetched.names[a], y = fetched.names[b]
            if x.collector != y.collector { return x.collector.utf8.lexicographicallyPrecedes(y.collector.utf8) }
            return x.metric.utf8.lexicographicallyPrecedes(y.metric.utf8)
        }
        var columns: [Column] = []
        columns.reserveCapacity(1 + order.count * aggregates.count + 1)
        let width = request.request.bucket.seconds
        columns.append(Column(name: "timestamp", data: .numeric(
            (0 ..< request.bucketCount).map { Double(request.firstBucket + Int64($0) * width) })))
        for series in order {
            let name = fetched.names[series]
            for (offset, aggregate) in aggregates.enumerated() {
                let index = series * aggregates.count + offset
                let values = fetched.columns[index]
                fetched.columns[index] = []
                columns.append(Column(
                    name: PullResult.columnName(collector: name.collector, metric: name.metric, aggregate: aggregate),
                    data: .numeric(values)))
            }
        }
        if request.request.labelsFromIncidents {
            columns.append(Column(name: "label", data: .numeric(labels(request, fetched))))
        }
        let dataset: Dataset
        do {
            dataset = try Dataset(columns: columns)
        } catch {
            throw .invalidRequest("The pulled series cannot form a data set: \(error) Names containing '/' or ':' can collide; filter them with --collector/--metric.")
        }
        let lineage = PullLineage(
            tenant: request.request.tenant,
            requestedFrom: PullTime.iso8601(request.request.from), requestedTo: PullTime.iso8601(request.request.to),
            windowStart: PullTime.iso8601(request.firstBucket), windowEnd: PullTime.iso8601(request.end),
            bucketSeconds: width, bucketFunction: fetched.timescale ? "time_bucket" : "date_bin",
            aggregates: aggregates.map(\.rawValue), collectors: request.collectors, metrics: request.metrics,
            schema: request.schema.schema.name, query: fetched.copy.template, parameters: fetched.copy.parameters,
            labelsQuery: fetched.labels?.template, labelsParameters: fetched.labels?.parameters,
            server: fetched.server, serverVersion: fetched.serverVersion, columns: dataset.columnNames,
            rowCount: dataset.rowCount, copiedRows: fetched.copiedRows, copiedBytes: fetched.copiedBytes,
            attempts: attempts, pulledAt: PullTime.iso8601(now), contentSHA256: contentDigest(dataset))
        return PullResult(dataset: dataset, lineage: lineage)
    }

    /// 1 for buckets overlapped by an incident of a pulled series (metric nil:
    /// any pulled metric of the collector), else 0.
    static func labels(_ request: ValidatedPullRequest, _ fetched: MetricsPuller.Fetched) -> [Double] {
        var labels = [Double](repeating: 0, count: request.bucketCount)
        let collectors = Set(fetched.names.map(\.collector))
        let series = Set(fetched.names.map { "\($0.collector)\u{0}\($0.metric)" })
        let width = request.request.bucket.seconds
        for incident in fetched.incidents {
            let matches = incident.metric.map { series.contains("\(incident.collector)\u{0}\($0)") }
                ?? collectors.contains(incident.collector)
            guard matches, incident.end > request.firstBucket, incident.start < request.end else { continue }
            let first = max(0, request.request.bucket.floor(incident.start - request.firstBucket) / width)
            let last = min(Int64(request.bucketCount), (incident.end - request.firstBucket + width - 1) / width)
            for bucket in Int(first) ..< Int(max(first, last)) { labels[bucket] = 1 }
        }
        return labels
    }

    /// SHA-256 of every column as little-endian float64, column after column.
    static func contentDigest(_ dataset: Dataset) -> String {
        var hasher = Digest.Hasher()
        for column in dataset.columns {
            guard case .numeric(let values) = column.data else { continue }
            #if _endian(little)
            values.withUnsafeBytes { hasher.update($0) }
            #else
            values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { hasher.update($0) }
            #endif
        }
        return hasher.finalizeHex()
    }
}
