/// The pulled values as they stream in: one `[Double]` per (series, aggregate),
/// one slot per bucket, NaN until a row fills it.
///
/// Memory is the output matrix and nothing more: rows are decoded from the
/// COPY stream straight into these buffers, and the buffers become the data
/// set's columns without a copy.
struct PullGrid {
    let firstBucket: Int64
    let width: Int64
    let bucketCount: Int
    let aggregateCount: Int
    let aggregateNames: [String]
    let queryName: String
    private(set) var series = SeriesTable()
    /// Column `series × aggregateCount + aggregate`.
    private(set) var columns: [[Double]] = []
    private(set) var rows = 0

    init(request: ValidatedPullRequest, queryName: String) {
        firstBucket = request.firstBucket
        width = request.request.bucket.seconds
        bucketCount = request.bucketCount
        aggregateCount = request.aggregates.count
        aggregateNames = request.aggregates.map(\.rawValue)
        self.queryName = queryName
    }

    /// Fields of a pulled row: bucket start, collector, metric, then one per aggregate.
    var fieldCount: Int { 3 + aggregateCount }

    /// Stores one row (bucket, collector, metric, aggregates…).
    /// - Throws: `MetricsSourceError.malformedResponse` for a bucket outside the
    ///   window or off the grid, a NULL name, or a field of the wrong size;
    ///   `.invalidValue` for an infinite value (data sets hold finite values or NaN).
    mutating func add(_ row: BinaryCopyRow) throws(MetricsSourceError) {
        guard let microseconds = row.int64(0), let seconds = PostgresTime.unixSeconds(fromMicroseconds: microseconds)
        else { throw .malformedResponse(query: queryName, message: "a bucket start is not a whole-second timestamptz.") }
        let offset = seconds - firstBucket
        let bucket = Int(offset / width)
        guard offset >= 0, offset % width == 0, bucket < bucketCount else {
            throw .malformedResponse(query: queryName, message:
                "bucket \(PullTime.iso8601(seconds)) is outside the window or off the \(width)-second grid.")
        }
        guard !row.isNull(1), !row.isNull(2) else {
            throw .malformedResponse(query: queryName, message: "a collector or metric name is NULL.")
        }
        let index = series.index(collector: row.field(1), metric: row.field(2))
        if index * aggregateCount == columns.count {
            for _ in 0 ..< aggregateCount {
                columns.append([Double](repeating: .nan, count: bucketCount))
            }
        }
        let base = index * aggregateCount
        for aggregate in 0 ..< aggregateCount {
            guard let value = row.double(3 + aggregate) else {
                throw .malformedResponse(query: queryName, message: "an aggregate is not a double precision value.")
            }
            guard !value.isInfinite else {
                let name = series.names[index]
                throw .invalidValue("\(name.collector)/\(name.metric) at \(PullTime.iso8601(seconds)): \(aggregateNames[aggregate]) is \(value)"
                    + "; pulled values must be finite (NULL or NaN marks a missing value).")
            }
            columns[base + aggregate][bucket] = value
        }
        rows += 1
    }

    /// Hands the buffers over (series names in first-seen order, columns by
    /// series then aggregate), leaving the grid empty.
    mutating func take() -> (names: [(collector: String, metric: String)], columns: [[Double]]) {
        defer {
            columns = []
            series = SeriesTable()
        }
        return (series.names, columns)
    }
}
