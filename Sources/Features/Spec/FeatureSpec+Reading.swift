import Foundation
import SpecDocuments

extension FeatureSpec {
    /// Reads a specification from YAML text, validated as a whole.
    /// - Parameters:
    ///   - yaml: the document.
    ///   - source: the name used in messages, usually the file path.
    /// - Throws: `FeatureError.invalidSpec` listing every problem with its key path.
    public init(yaml: String, source: String = "feature spec") throws(FeatureError) {
        var reader = SpecReader()
        let value = reader.document(yaml: yaml)
        try self.init(value: value, reader: reader, source: source)
    }

    /// Reads a specification from its JSON form (`canonicalJSON`, or any equivalent JSON).
    /// - Throws: `FeatureError.invalidSpec` listing every problem with its key path.
    public init(json: String, source: String = "feature spec JSON") throws(FeatureError) {
        var reader = SpecReader()
        let value = reader.document(json: json)
        try self.init(value: value, reader: reader, source: source)
    }

    /// Reads a YAML (or JSON, a subset of YAML) specification file.
    /// - Throws: `FeatureError.cannotRead` when the file cannot be read;
    ///   `FeatureError.invalidSpec` naming the file and every problem.
    public init(contentsOfFile path: String) throws(FeatureError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .cannotRead(path: path, reason: SpecReader.oneLine(error))
        }
        try self.init(yaml: text, source: path)
    }

    /// Validates a parsed document; `reader` carries the problems parsing found.
    init(value: SpecValue?, reader: SpecReader, source: String) throws(FeatureError) {
        var reader = reader
        guard let value else { throw .invalidSpec(source: source, problems: reader.problems.map(\.description)) }
        let top = reader.mapping(value, at: "", allowed: ["time", "group", "exclude", "transforms"],
                                 what: "a feature spec")
        let time = reader.text(top?["time"], at: "time", what: "a column name")
        var group: String?
        if let value = top?["group"], case .null = value {} else if let value = top?["group"] {
            group = reader.text(value, at: "group", what: "a column name")
        }
        var exclude: [String] = []
        if let value = top?["exclude"], case .array(let items) = value, items.isEmpty {} else {
            exclude = reader.names(top?["exclude"], at: "exclude") ?? []
        }
        var transforms: [FeatureTransform] = []
        switch top?["transforms"] {
        case .array(let items)? where !items.isEmpty:
            for (index, item) in items.enumerated() {
                if let transform = reader.transform(item, at: "transforms[\(index)]") {
                    transforms.append(transform)
                }
            }
        case nil where top != nil:
            reader.report("transforms", "is required (a non-empty list).")
        case let other?:
            reader.report("transforms", "expected a non-empty list of transforms; got \(other.shown).")
        default: break
        }
        if let time, time == group {
            reader.report("group", "'\(time)' is also the time column.")
        }
        guard reader.problems.isEmpty, let time else {
            throw .invalidSpec(source: source, problems: reader.problems.map(\.description))
        }
        self.init(time: time, group: group, exclude: exclude, transforms: transforms)
    }
}

extension FeatureSpec {
    /// Every key a transform kind accepts, in the order the text forms write them.
    static let transformKeys: [String: [String]] = [
        "raw": ["kind", "columns"],
        "lag": ["kind", "rows", "columns"],
        "diff": ["kind", "rows", "columns"],
        "rolling": ["kind", "stats", "window", "min_count", "columns"],
        "seasonal_residual": ["kind", "period", "tolerance", "columns"],
        "robust_z": ["kind", "window", "min_count", "epsilon", "columns"],
        "calendar": ["kind", "fields"],
        "ratio": ["kind", "numerator", "denominator"],
    ]

    /// The transform kinds, in the order the documentation lists them.
    static let transformKinds = ["raw", "lag", "diff", "rolling", "seasonal_residual", "robust_z", "calendar", "ratio"]
}

extension SpecReader {
    /// One transform, or nil with the problems reported.
    mutating func transform(_ value: SpecValue, at path: String) -> FeatureTransform? {
        guard case .object(let pairs) = value else {
            report(path, "expected a mapping with a 'kind'; got \(value.shown).")
            return nil
        }
        guard let kindValue = pairs.first(where: { $0.key == "kind" })?.value else {
            report(path, "has no 'kind'; expected one of \(FeatureSpec.transformKinds.joined(separator: ", ")).")
            return nil
        }
        guard case .string(let kind) = kindValue, let allowed = FeatureSpec.transformKeys[kind] else {
            report("\(path).kind", "\(kindValue.shown) is not one of \(FeatureSpec.transformKinds.joined(separator: ", ")).")
            return nil
        }
        let before = problems.count
        guard let fields = mapping(value, at: path, allowed: allowed, what: "a \(kind) transform") else { return nil }
        let columns = names(fields["columns"], at: "\(path).columns")
        let result: FeatureTransform?
        switch kind {
        case "raw":
            result = .raw(columns: columns)
        case "lag", "diff":
            let rows = integer(fields["rows"], at: "\(path).rows", in: 1 ... 1_000_000, fallback: 1)
            result = kind == "lag" ? .lag(rows: rows, columns: columns) : .diff(rows: rows, columns: columns)
        case "rolling":
            let stats: [RollingStatistic] = fields["stats"] == nil
                ? { report("\(path).stats", "is required (a list of mean, std, min, max, median)."); return [] }()
                : choices(fields["stats"], at: "\(path).stats", fallback: [])
            let window = featureDuration(fields["window"], at: "\(path).window", required: true)
            let minCount = integer(fields["min_count"], at: "\(path).min_count", in: 1 ... 1_000_000, fallback: 1)
            result = window.map { .rolling(statistics: stats, window: $0, minCount: minCount, columns: columns) }
        case "seasonal_residual":
            let period = featureDuration(fields["period"], at: "\(path).period", required: true)
            let tolerance = featureDuration(fields["tolerance"], at: "\(path).tolerance", required: false)
            if let period, let tolerance, tolerance >= period {
                report("\(path).tolerance", "'\(tolerance)' must be shorter than the period '\(period)'.")
            }
            result = period.map { .seasonalResidual(period: $0, tolerance: tolerance, columns: columns) }
        case "robust_z":
            let window = featureDuration(fields["window"], at: "\(path).window", required: true)
            let minCount = integer(fields["min_count"], at: "\(path).min_count", in: 1 ... 1_000_000, fallback: 1)
            let epsilon = positive(fields["epsilon"], at: "\(path).epsilon", fallback: FeatureSpec.defaultEpsilon)
            result = window.map { .robustZ(window: $0, minCount: minCount, epsilon: epsilon, columns: columns) }
        case "calendar":
            result = .calendar(fields: choices(fields["fields"], at: "\(path).fields", fallback: CalendarField.allCases))
        default:
            let numerator = text(fields["numerator"], at: "\(path).numerator", what: "a column name")
            let denominator = text(fields["denominator"], at: "\(path).denominator", what: "a column name")
            result = numerator.flatMap { n in denominator.map { .ratio(numerator: n, denominator: $0) } }
        }
        return problems.count == before ? result : nil
    }
}

extension SpecReader {
    /// A duration such as `5m`; nil (reported) when absent and `required`, or malformed.
    mutating func featureDuration(_ value: SpecValue?, at path: String, required: Bool) -> FeatureDuration? {
        guard let value else {
            if required { report(path, "is required (a duration like 5m, 1h, 1d).") }
            return nil
        }
        if case .string(let text) = value, let duration = FeatureDuration(text) { return duration }
        report(path, "\(value.shown) is not a duration like 5m, 1h, 1d.")
        return nil
    }
}

extension FeatureSpec {
    /// The spec a `--feature-spec` argument names: `default` for `FeatureSpec.default`,
    /// anything else a YAML file path.
    /// - Throws: as `init(contentsOfFile:)`.
    public static func named(_ argument: String) throws(FeatureError) -> FeatureSpec {
        argument == "default" ? .default : try FeatureSpec(contentsOfFile: argument)
    }
}
