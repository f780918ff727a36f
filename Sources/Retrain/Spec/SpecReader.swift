import NumericCore
import Yams

/// Walks a YAML node tree, collecting every problem with its key path instead of stopping at the first.
struct SpecReader {
    private(set) var problems: [SpecProblem] = []

    mutating func fail(_ path: String, _ message: String) {
        problems.append(SpecProblem(path: path, message: message))
    }

    /// The entries of a mapping node, after rejecting keys outside `allowed` (with a did-you-mean).
    mutating func mapping(_ node: Node?, at path: String, allowed: [String]) -> [String: (node: Node, path: String)]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            fail(path, "expected a mapping of keys (\(allowed.joined(separator: ", "))), got \(Self.show(node))")
            return nil
        }
        var entries: [String: (node: Node, path: String)] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let child = path.isEmpty ? name : "\(path).\(name)"
            guard allowed.contains(name) else {
                let hint = Self.closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                fail(child, "unknown key\(hint) (expected one of \(allowed.joined(separator: ", ")))")
                continue
            }
            entries[name] = (value, child)
        }
        return entries
    }

    mutating func string(_ entry: (node: Node, path: String)?) -> String? {
        guard let entry else { return nil }
        guard let scalar = entry.node.scalar, !scalar.string.isEmpty else {
            fail(entry.path, "expected text, got \(Self.show(entry.node))")
            return nil
        }
        return scalar.string
    }

    mutating func requiredString(_ entry: (node: Node, path: String)?, at path: String) -> String? {
        guard entry != nil else {
            fail(path, "is required")
            return nil
        }
        return string(entry)
    }

    mutating func number(_ entry: (node: Node, path: String)) -> Double? {
        guard let scalar = entry.node.scalar, let value = Double(scalar.string), value.isFinite else {
            fail(entry.path, "expected a number, got \(Self.show(entry.node))")
            return nil
        }
        return value
    }

    mutating func bool(_ entry: (node: Node, path: String)?) -> Bool? {
        guard let entry else { return nil }
        switch entry.node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            fail(entry.path, "expected true or false, got \(Self.show(entry.node))")
            return nil
        }
    }

    mutating func duration(_ entry: (node: Node, path: String)?) -> Int? {
        guard let text = string(entry), let entry else { return nil }
        guard let seconds = DurationText.seconds(text) else {
            fail(entry.path, "expected a duration such as 90s, 5m, 1h, 7d, got '\(text)'")
            return nil
        }
        return seconds
    }

    mutating func stringList(_ entry: (node: Node, path: String)?) -> [String]? {
        guard let entry else { return nil }
        guard let sequence = entry.node.sequence else {
            fail(entry.path, "expected a list, got \(Self.show(entry.node))")
            return nil
        }
        var values: [String] = []
        for (index, item) in sequence.enumerated() {
            if let text = string((item, "\(entry.path)[\(index)]")) { values.append(text) }
        }
        return values
    }

    mutating func numberMap(_ entry: (node: Node, path: String)?) -> [String: Double] {
        guard let entry else { return [:] }
        guard let mapping = entry.node.mapping else {
            fail(entry.path, "expected a mapping of metric: number, got \(Self.show(entry.node))")
            return [:]
        }
        var values: [String: Double] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard MetricDirection.of(name) != nil else {
                let hint = Self.closest(to: name, in: MetricDirection.knownMetrics).map { "; did you mean '\($0)'?" } ?? ""
                fail("\(entry.path).\(name)", "unknown metric\(hint)")
                continue
            }
            if let number = number((value, "\(entry.path).\(name)")) { values[name] = number }
        }
        return values
    }

    /// A short rendering of a node for messages.
    static func show(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The allowed word closest to `word` (at most two edits away), for did-you-mean hints.
    static func closest(to word: String, in candidates: [String]) -> String? {
        NameSuggestions.likelyTypo(of: word, in: candidates)
    }
}
