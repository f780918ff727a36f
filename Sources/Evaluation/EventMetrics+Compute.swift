// Incidents and alert episodes from per-row labels and alerts.
// Goals, in order: deterministic (independent of input row order) → correct (runs never cross a group)
// → O(n log n) for the one sort.

extension EventMetrics {
    /// Finds incidents and alert episodes and counts them.
    /// - Parameters:
    ///   - groups: the group of each row (tenant, host); any hashable identifier.
    ///   - times: the time of each row in epoch seconds; finite. Rows need not be sorted: they are ordered by
    ///     time within each group (input order breaks ties).
    ///   - truth: 1 for a row inside an incident, 0 otherwise.
    ///   - alerts: 1 when the model alerts on the row, 0 otherwise.
    ///   - kinds: the event kind of each row (`incident_kind`); an incident takes its first row's kind, empty → `unknown`.
    ///     Default `nil`: no `byKind`.
    /// - Throws: `EvaluationError.invalidInput` for empty or mismatched arrays, non-finite times, or labels and
    ///   alerts other than 0 and 1, naming the row.
    /// - Complexity: O(n log n).
    public static func compute<Group: Hashable>(
        groups: [Group], times: [Double], truth: [Int], alerts: [Int], kinds: [String]? = nil
    ) throws(EvaluationError) -> EventMetrics {
        let metric = "Event metrics"
        try Metrics.requireMatching(groups.count, "groups", times.count, "times", metric: metric)
        try Metrics.requireMatching(groups.count, "groups", truth.count, "truth", metric: metric)
        try Metrics.requireMatching(groups.count, "groups", alerts.count, "alerts", metric: metric)
        if let kinds { try Metrics.requireMatching(groups.count, "groups", kinds.count, "kinds", metric: metric) }
        try Metrics.requireFinite(times, "times", metric: metric)
        try requireBinary(truth, "truth")
        try requireBinary(alerts, "alerts")

        var groupIndex: [Group: Int] = [:]
        let groupOfRow = groups.map { group in
            if let index = groupIndex[group] { return index }
            groupIndex[group] = groupIndex.count
            return groupIndex.count - 1
        }
        let order = groups.indices.sorted {
            (groupOfRow[$0], times[$0], $0) < (groupOfRow[$1], times[$1], $1)
        }

        var incidents: [(kind: String, delay: Double?)] = []
        var episodes = 0, falseEpisodes = 0
        var spans: [(first: Double, last: Double, step: Double?)] = []
        var pooledSteps: [Double] = []
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count, groupOfRow[order[end]] == groupOfRow[order[start]] { end += 1 }
            let rows = order[start ..< end]
            let steps = zip(rows.dropFirst(), rows).map { times[$0] - times[$1] }.filter { $0 > 0 }
            pooledSteps += steps
            spans.append((times[rows.first!], times[rows.last!], median(steps)))
            incidents += incidentsOf(rows, times: times, truth: truth, alerts: alerts, kinds: kinds)
            let (all, unmatched) = episodesOf(rows, truth: truth, alerts: alerts)
            episodes += all
            falseEpisodes += unmatched
            start = end
        }

        let pooledStep = median(pooledSteps) ?? 0
        let groupDays = spans.reduce(0.0) { $0 + ($1.last - $1.first + ($1.step ?? pooledStep)) / 86_400 }
        let counts = KindEvents(incidents)
        var byKind: [String: KindEvents]?
        if kinds != nil {
            byKind = Dictionary(grouping: incidents, by: \.kind).mapValues { KindEvents($0) }
        }
        return EventMetrics(
            total: counts.total, detected: counts.detected, recall: counts.recall,
            medianDelaySeconds: counts.medianDelaySeconds, alertEpisodes: episodes, falseAlerts: falseEpisodes,
            groups: groupIndex.count, groupDays: groupDays,
            falseAlertsPerGroupDay: groupDays > 0 ? Double(falseEpisodes) / groupDays : nil,
            alertEpisodesPerGroupDay: groupDays > 0 ? Double(episodes) / groupDays : nil,
            byKind: byKind)
    }

    /// The same with integer epoch seconds (a separate label, so array literals are not ambiguous).
    /// - Throws: as ``compute(groups:times:truth:alerts:kinds:)``.
    /// - Complexity: O(n log n).
    public static func compute<Group: Hashable>(
        groups: [Group], epochSeconds: [Int64], truth: [Int], alerts: [Int], kinds: [String]? = nil
    ) throws(EvaluationError) -> EventMetrics {
        try compute(groups: groups, times: epochSeconds.map(Double.init), truth: truth, alerts: alerts, kinds: kinds)
    }

    /// The incidents of one group's rows (in time order), with their kinds and delays (`nil`: not detected).
    private static func incidentsOf(
        _ rows: ArraySlice<Int>, times: [Double], truth: [Int], alerts: [Int], kinds: [String]?
    ) -> [(kind: String, delay: Double?)] {
        var result: [(kind: String, delay: Double?)] = []
        var position = rows.startIndex
        while position < rows.endIndex {
            guard truth[rows[position]] == 1 else { position += 1; continue }
            let first = rows[position]
            var delay: Double?
            while position < rows.endIndex, truth[rows[position]] == 1 {
                if delay == nil, alerts[rows[position]] == 1 { delay = times[rows[position]] - times[first] }
                position += 1
            }
            let kind = kinds.map { $0[first].isEmpty ? "unknown" : $0[first] } ?? "unknown"
            result.append((kind, delay))
        }
        return result
    }

    /// The number of alert episodes in one group's rows (in time order), and how many contain no positive row.
    private static func episodesOf(_ rows: ArraySlice<Int>, truth: [Int], alerts: [Int]) -> (all: Int, unmatched: Int) {
        var all = 0, unmatched = 0
        var position = rows.startIndex
        while position < rows.endIndex {
            guard alerts[rows[position]] == 1 else { position += 1; continue }
            var overlaps = false
            while position < rows.endIndex, alerts[rows[position]] == 1 {
                overlaps = overlaps || truth[rows[position]] == 1
                position += 1
            }
            all += 1
            if !overlaps { unmatched += 1 }
        }
        return (all, unmatched)
    }

    private static func requireBinary(_ values: [Int], _ name: String) throws(EvaluationError) {
        if let row = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidInput("Event metrics: \(name) must be 0 or 1; row \(row) is \(values[row]).")
        }
    }
}

extension EventMetrics.KindEvents {
    /// Counts a set of incidents given as (kind, delay or `nil` when missed).
    init(_ incidents: [(kind: String, delay: Double?)]) {
        let delays = incidents.compactMap(\.delay)
        self.init(total: incidents.count, detected: delays.count,
                  recall: incidents.isEmpty ? nil : Double(delays.count) / Double(incidents.count),
                  medianDelaySeconds: median(delays))
    }
}
