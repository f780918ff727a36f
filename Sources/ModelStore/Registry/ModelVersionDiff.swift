import NumericCore

/// Two versions side by side: parameters, data lineage, metrics, thresholds and features.
public struct ModelVersionDiff: Sendable, Equatable, Encodable {
    /// One compared field.
    public struct Row: Sendable, Equatable, Encodable {
        /// The section: `version`, `parameters`, `lineage`, `metrics`, `validation`, `thresholds`, `features`.
        public var section: String
        /// The field name within the section.
        public var field: String
        /// The value in the first version ("" when absent).
        public var left: String
        /// The value in the second version ("" when absent).
        public var right: String
        /// Whether the values differ.
        public var differs: Bool { left != right }

        enum CodingKeys: String, CodingKey { case section, field, left, right, differs }

        /// Encodes the fields and `differs`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(section, forKey: .section)
            try container.encode(field, forKey: .field)
            try container.encode(left, forKey: .left)
            try container.encode(right, forKey: .right)
            try container.encode(differs, forKey: .differs)
        }
    }

    /// The first version's label, e.g. `cpu@v3`.
    public var leftLabel: String
    /// The second version's label.
    public var rightLabel: String
    /// Every compared field, sections in the order above, fields sorted within a section.
    public var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case rows
        case leftLabel = "left_label", rightLabel = "right_label"
    }

    /// Compares `left` and `right` (versions of one model or of two).
    public init(_ left: ModelVersion, _ right: ModelVersion) {
        let a = left.metadata, b = right.metadata
        leftLabel = "\(a.name ?? "?")@v\(left.version)"
        rightLabel = "\(b.name ?? "?")@v\(right.version)"
        var rows: [Row] = []
        func add(_ section: String, _ pairs: [String: (String, String)]) {
            for field in pairs.keys.sorted() {
                rows.append(Row(section: section, field: field, left: pairs[field]!.0, right: pairs[field]!.1))
            }
        }
        func optional<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "" }
        add("version", [
            "algorithm": (a.algorithm.rawValue, b.algorithm.rawValue),
            "parent_version": (optional(a.parentVersion), optional(b.parentVersion)),
            "created_utc": (a.createdUTC, b.createdUTC),
            "host": (a.host, b.host),
            "user": (a.user, b.user),
            "git_commit": (optional(a.gitCommit), optional(b.gitCommit)),
            "workbench_version": (a.workbenchVersion, b.workbenchVersion),
            "training_seconds": (String(a.trainingSeconds), String(b.trainingSeconds)),
            "file_sha256": (left.fileSHA256, right.fileSHA256),
            "content_sha256": (left.contentSHA256, right.contentSHA256),
        ])
        add("parameters", Self.union(a.hyperparameters, b.hyperparameters) { $0.description })
        var preprocessing = Self.union(a.preprocessing, b.preprocessing) { $0.description }
        if a.featureSpec != nil || b.featureSpec != nil {
            preprocessing["feature_spec"] = (optional(a.featureSpec), optional(b.featureSpec))
        }
        add("preprocessing", preprocessing)
        add("lineage", [
            "source": (a.lineage.source, b.lineage.source),
            "query": (optional(a.lineage.query), optional(b.lineage.query)),
            "window_start": (optional(a.lineage.windowStart), optional(b.lineage.windowStart)),
            "window_end": (optional(a.lineage.windowEnd), optional(b.lineage.windowEnd)),
            "tenant": (optional(a.lineage.tenant), optional(b.lineage.tenant)),
            "target": (optional(a.lineage.target), optional(b.lineage.target)),
            "dataset_sha256": (a.lineage.datasetSHA256, b.lineage.datasetSHA256),
            "rows": (String(a.lineage.rows), String(b.lineage.rows)),
        ])
        add("metrics", Self.union(a.metrics, b.metrics) { String($0) })
        add("validation", [
            "strategy": (optional(a.validation?.strategy), optional(b.validation?.strategy)),
            "measured_on": (a.validation?.measuredOn.joined(separator: " | ") ?? "",
                            b.validation?.measuredOn.joined(separator: " | ") ?? ""),
            "test_rows": (optional(a.validation?.testRows), optional(b.validation?.testRows)),
        ])
        add("thresholds", Self.union(
            Dictionary(a.thresholds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }),
            Dictionary(b.thresholds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        ) { "\($0.score) \($0.direction) \($0.value)" })
        let onlyA = a.features.filter { !b.features.contains($0) }
        let onlyB = b.features.filter { !a.features.contains($0) }
        add("features", [
            "count": (String(a.features.count), String(b.features.count)),
            "only_in_one": (onlyA.joined(separator: ", "), onlyB.joined(separator: ", ")),
            "names_sha256": (Self.namesDigest(a.features), Self.namesDigest(b.features)),
        ])
        self.rows = rows
    }

    /// The first 12 hex digits of SHA-256 over the names in order (one NUL after each), so a reorder shows.
    private static func namesDigest(_ names: [String]) -> String {
        String(Digest.sha256Hex(names.flatMap { Array($0.utf8) + [0] }).prefix(12))
    }

    private static func union<V>(_ a: [String: V], _ b: [String: V], _ text: (V) -> String) -> [String: (String, String)] {
        var result: [String: (String, String)] = [:]
        for key in Set(a.keys).union(b.keys) {
            result[key] = (a[key].map(text) ?? "", b[key].map(text) ?? "")
        }
        return result
    }
}
