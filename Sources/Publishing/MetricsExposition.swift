/// Prometheus metrics in the text exposition format 0.0.4, rendered deterministically.
///
/// Families are sorted by name, each with `# HELP` and `# TYPE`; samples within a family are sorted by their
/// label text; label values are escaped (`\\`, `"`, newline) as the format requires. A one-shot renderer, not a
/// registry: a batch job writes its numbers once, to a node_exporter textfile or a Pushgateway.
public struct MetricsExposition: Sendable, Equatable {
    /// The metric type.
    public enum Kind: String, Sendable {
        /// A value that goes up and down.
        case gauge
        /// A value that only grows (its name ends in `_total`).
        case counter
    }

    private struct Family: Sendable, Equatable {
        var help: String
        var kind: Kind
        var samples: [String: Double]
    }

    private var families: [String: Family] = [:]

    /// An empty exposition.
    public init() {}

    /// Sets the sample of `name` with `labels` to `value` (replacing an earlier one with the same labels).
    /// Labels with nil values are left out. `help` and `kind` of the first call for a name win.
    public mutating func set(_ name: String, help: String, kind: Kind = .gauge, labels: [String: String?] = [:],
                             value: Double) {
        var family = families[name] ?? Family(help: help, kind: kind, samples: [:])
        family.samples[Self.labelText(labels)] = value
        families[name] = family
    }

    /// The value of `name` with `labels`, if set.
    public func value(_ name: String, labels: [String: String?] = [:]) -> Double? {
        families[name]?.samples[Self.labelText(labels)]
    }

    /// The exposition text, ending in a newline.
    public var text: String {
        var lines: [String] = []
        for name in families.keys.sorted() {
            let family = families[name]!
            lines.append("# HELP \(name) \(Self.escapeHelp(family.help))")
            lines.append("# TYPE \(name) \(family.kind.rawValue)")
            for labels in family.samples.keys.sorted() {
                lines.append("\(name)\(labels) \(Self.format(family.samples[labels]!))")
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// `{a="x",b="y"}` sorted by label name, or empty.
    static func labelText(_ labels: [String: String?]) -> String {
        let present = labels.compactMap { key, value in value.map { (key, $0) } }.sorted { $0.0 < $1.0 }
        guard !present.isEmpty else { return "" }
        return "{" + present.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
    }

    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Integers without a fraction, `NaN`, `+Inf`, `-Inf`, otherwise the shortest round-trip form.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
