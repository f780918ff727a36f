import NumericCore
import Foundation
import Yams

/// A parsed YAML or JSON document before validation: both text forms become this, so one
/// validator gives both the same key-path errors.
public enum SpecValue: Sendable {
    case null
    case bool(Bool)
    /// A number and, for YAML, the text it was written as (a column called `2024` stays text).
    case number(Double, text: String?)
    case string(String)
    case array([SpecValue])
    /// Key–value pairs in document order.
    case object([(key: String, value: SpecValue)])

    /// A short description for error messages: `'1x'`, `a list`, `a mapping`.
    public var shown: String {
        switch self {
        case .null: "nothing"
        case .bool(let value): "\(value)"
        case .number(let value, let text): "'\(text ?? Self.format(value))'"
        case .string(let value): "'\(value)'"
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    /// Shortest round-tripping text of a number, always readable back as a YAML/JSON number.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}

extension SpecValue {
    /// Converts a composed YAML node, recording every anchored node in `anchors` (the caller refuses the
    /// document when there is one). An anchored node is converted at its first visit, its definition, so
    /// anchors inside it are found too; a later visit is an alias the composer resolved to it and becomes
    /// `.null` without descending, so nested aliases cannot multiply the work.
    init(yaml node: Node, path: String, anchors: inout YAMLAnchors) {
        if let anchor = node.anchor, !anchors.record(anchor.rawValue, mark: node.mark, path: path) {
            self = .null
            return
        }
        switch node {
        case .alias:
            // Recorded above. Yams' composer resolves every alias, so only a hand-built node is one.
            self = .null
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: self = .null
            case .bool: self = node.bool.map(SpecValue.bool) ?? .string(scalar.string)
            case .int, .float:
                if let number = node.float ?? node.int.map(Double.init) {
                    self = .number(number, text: scalar.string)
                } else {
                    self = .string(scalar.string)
                }
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .array(sequence.enumerated().map { index, element in
                SpecValue(yaml: element, path: "\(path)[\(index)]", anchors: &anchors)
            })
        case .mapping(let mapping):
            var pairs: [(key: String, value: SpecValue)] = []
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                let child = path.isEmpty ? name : "\(path).\(name)"
                if let anchor = key.anchor { anchors.record(anchor.rawValue, mark: key.mark, path: child) }
                pairs.append((name, SpecValue(yaml: value, path: child, anchors: &anchors)))
            }
            self = .object(pairs)
        }
    }

    /// Canonical JSON: keys sorted, no whitespace, numbers in shortest round-tripping form.
    public var json: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value, _): Self.format(value)
        case .string(let value): JSONText.quoted(value)
        case .array(let values): "[" + values.map(\.json).joined(separator: ",") + "]"
        case .object(let pairs):
            "{" + pairs.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ":" + $0.value.json }
                .joined(separator: ",") + "}"
        }
    }
}

extension SpecValue: Codable {
    /// Decodes any JSON (or other `Decoder`) value; object keys come out sorted.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() { self = .null; return }
            if let value = try? container.decode(Bool.self) { self = .bool(value); return }
            if let value = try? container.decode(Double.self) { self = .number(value, text: nil); return }
            if let value = try? container.decode(String.self) { self = .string(value); return }
            if let value = try? container.decode([SpecValue].self) { self = .array(value); return }
        }
        let object = try decoder.container(keyedBy: AnyKey.self)
        self = .object(try object.allKeys.map(\.stringValue).sorted().map {
            ($0, try object.decode(SpecValue.self, forKey: AnyKey(stringValue: $0)))
        })
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value, _):
            var container = encoder.singleValueContainer()
            if let whole = Int(exactly: value) { try container.encode(whole) } else { try container.encode(value) }
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let pairs):
            var container = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in pairs { try container.encode(value, forKey: AnyKey(stringValue: key)) }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
