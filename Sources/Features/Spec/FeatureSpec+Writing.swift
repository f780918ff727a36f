import Foundation
import SpecDocuments

extension FeatureSpec {
    /// The one JSON encoding model files store: keys sorted, no whitespace, every default
    /// written out, so equal specifications give equal bytes and digests.
    public var canonicalJSON: String { value.json }

    /// The specification as YAML in document order (keys as a user writes them), readable
    /// back by `init(yaml:source:)` into an equal value.
    public var yaml: String {
        guard case .object(let pairs) = value else { return "" }
        var lines: [String] = []
        for (key, child) in pairs {
            if case .array(let transforms) = child, key == "transforms" {
                lines.append("transforms:")
                for transform in transforms {
                    guard case .object(let fields) = transform else { continue }
                    for (index, field) in fields.enumerated() {
                        lines.append((index == 0 ? "  - " : "    ") + "\(field.key): " + Self.yamlScalar(field.value))
                    }
                }
            } else {
                lines.append("\(key): " + Self.yamlScalar(child))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A scalar or a flow list of scalars; text quoted whenever YAML could read it as
    /// anything but that text.
    private static func yamlScalar(_ value: SpecValue) -> String {
        switch value {
        case .string(let text):
            let plain = text.range(of: #"^[A-Za-z_][A-Za-z0-9_./\-]*$"#, options: .regularExpression) != nil
                || FeatureDuration(text) != nil
            let reserved = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"]
            if plain, !reserved.contains(text.lowercased()) { return text }
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .array(let items):
            return "[" + items.map(yamlScalar).joined(separator: ", ") + "]"
        default:
            return value.json
        }
    }

    /// The document both text forms are written from, with every default made explicit.
    var value: SpecValue {
        var pairs: [(key: String, value: SpecValue)] = [("time", .string(time))]
        if let group { pairs.append(("group", .string(group))) }
        if !exclude.isEmpty { pairs.append(("exclude", .array(exclude.map(SpecValue.string)))) }
        pairs.append(("transforms", .array(transforms.map(\.value))))
        return .object(pairs)
    }
}

extension FeatureTransform {
    var value: SpecValue {
        var pairs: [(key: String, value: SpecValue)] = [("kind", .string(kind))]
        func number(_ value: Int) -> SpecValue { .number(Double(value), text: nil) }
        switch self {
        case .raw:
            break
        case .lag(let rows, _), .diff(let rows, _):
            pairs.append(("rows", number(rows)))
        case .rolling(let statistics, let window, let minCount, _):
            pairs.append(("stats", .array(statistics.map { .string($0.rawValue) })))
            pairs.append(("window", .string(window.description)))
            pairs.append(("min_count", number(minCount)))
        case .seasonalResidual(let period, let tolerance, _):
            pairs.append(("period", .string(period.description)))
            if let tolerance { pairs.append(("tolerance", .string(tolerance.description))) }
        case .robustZ(let window, let minCount, let epsilon, _):
            pairs.append(("window", .string(window.description)))
            pairs.append(("min_count", number(minCount)))
            pairs.append(("epsilon", .number(epsilon, text: nil)))
        case .calendar(let fields):
            pairs.append(("fields", .array(fields.map { .string($0.rawValue) })))
        case .ratio(let numerator, let denominator):
            pairs.append(("numerator", .string(numerator)))
            pairs.append(("denominator", .string(denominator)))
        }
        if case .ratio = self {} else if let columns {
            if case .calendar = self {} else { pairs.append(("columns", .array(columns.map(SpecValue.string)))) }
        }
        return .object(pairs)
    }
}

extension FeatureSpec: Codable {
    /// Encodes the document of the JSON form (every default explicit).
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }

    /// Decodes and validates a specification as a whole.
    /// - Throws: `DecodingError.dataCorrupted` whose description lists every problem.
    public init(from decoder: any Decoder) throws {
        let value = try SpecValue(from: decoder)
        do {
            try self.init(value: value, reader: SpecReader(), source: "feature spec")
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
