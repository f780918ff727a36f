/// Incident-level metrics: which incidents a model found, how late, and how many pages it sent besides.
///
/// These are what on-call engineers live with. Rows are ordered by time within each group (tenant,
/// host) and never compared across groups.
/// - An **incident** is a maximal run of consecutive positive rows (truth 1) within a group. Its start is
///   the time of its first row; its kind the kind of its first row (empty → `unknown`).
/// - A model **alerts** on a row when its alert is 1; an **alert episode** is a maximal run of consecutive
///   alerting rows within a group. An episode is **false** when none of its rows is positive, so an episode
///   that begins before an incident and runs into it is not false.
/// - An incident is **detected** when at least one of its rows alerts; its **delay** is the time of its
///   first alerting row minus its start.
/// - **Group-days** is Σ over groups of `(last − first + step) / 86 400`, where `step` is the median positive
///   time difference between consecutive rows of that group (of all groups pooled when the group has one row),
///   so 288 five-minute buckets count exactly one day. It equals groups × days when every group spans the
///   same window.
///
/// Encodes to JSON with the keys `total`, `detected`, `recall`, `median_delay_seconds`, `alert_episodes`,
/// `false_alerts`, `groups`, `group_days`, `false_alerts_per_group_day`, `alert_episodes_per_group_day` and,
/// when kinds were given, `by_kind`. Undefined values (no incident, no time span) are `null`.
public struct EventMetrics: Codable, Sendable, Equatable {
    /// The number of incidents.
    public let total: Int
    /// The number of incidents with at least one alerting row.
    public let detected: Int
    /// `detected / total`; `nil` without incidents.
    public let recall: Double?
    /// The median delay of detected incidents, in seconds (the mean of the two middle ones for an even count);
    /// `nil` when none was detected.
    public let medianDelaySeconds: Double?
    /// The number of alert episodes.
    public let alertEpisodes: Int
    /// The number of alert episodes that overlap no incident.
    public let falseAlerts: Int
    /// The number of distinct groups.
    public let groups: Int
    /// The observed time, summed over groups, in days (see the type's documentation).
    public let groupDays: Double
    /// `falseAlerts / groupDays`; `nil` when `groupDays` is 0.
    public let falseAlertsPerGroupDay: Double?
    /// `alertEpisodes / groupDays`, for detectors judged without labels; `nil` when `groupDays` is 0.
    public let alertEpisodesPerGroupDay: Double?
    /// The incident counts per kind, when kinds were given.
    public let byKind: [String: KindEvents]?

    /// Incident counts of one kind.
    public struct KindEvents: Codable, Sendable, Equatable {
        /// The number of incidents of this kind.
        public let total: Int
        /// The number of them with at least one alerting row.
        public let detected: Int
        /// `detected / total`.
        public let recall: Double?
        /// The median delay of the detected ones, in seconds; `nil` when none was detected.
        public let medianDelaySeconds: Double?

        enum CodingKeys: String, CodingKey {
            case total, detected, recall, medianDelaySeconds = "median_delay_seconds"
        }

        /// Encodes every key, writing `null` for an undefined value.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(total, forKey: .total)
            try container.encode(detected, forKey: .detected)
            try container.encode(recall, forKey: .recall)
            try container.encode(medianDelaySeconds, forKey: .medianDelaySeconds)
        }
    }

    enum CodingKeys: String, CodingKey {
        case total, detected, recall, groups
        case medianDelaySeconds = "median_delay_seconds", alertEpisodes = "alert_episodes", falseAlerts = "false_alerts"
        case groupDays = "group_days", falseAlertsPerGroupDay = "false_alerts_per_group_day"
        case alertEpisodesPerGroupDay = "alert_episodes_per_group_day", byKind = "by_kind"
    }

    /// Encodes every key, writing `null` for an undefined value; `by_kind` only when kinds were given.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(detected, forKey: .detected)
        try container.encode(recall, forKey: .recall)
        try container.encode(medianDelaySeconds, forKey: .medianDelaySeconds)
        try container.encode(alertEpisodes, forKey: .alertEpisodes)
        try container.encode(falseAlerts, forKey: .falseAlerts)
        try container.encode(groups, forKey: .groups)
        try container.encode(groupDays, forKey: .groupDays)
        try container.encode(falseAlertsPerGroupDay, forKey: .falseAlertsPerGroupDay)
        try container.encode(alertEpisodesPerGroupDay, forKey: .alertEpisodesPerGroupDay)
        try container.encodeIfPresent(byKind, forKey: .byKind)
    }
}

/// The median of `values` (the mean of the two middle values for an even count); `nil` when empty.
func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
}
