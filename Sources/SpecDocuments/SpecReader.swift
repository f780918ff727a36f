import Foundation
import NumericCore
import Yams

/// Validates a `SpecValue` document, collecting every problem with its key path instead of
/// stopping at the first, so one run of a spec lists everything to fix.
///
/// Every message names the bad value (`got '1x'`) and what was expected; unknown names get a
/// did-you-mean from `NameSuggestions`.
public struct SpecReader: Sendable {
    /// Every problem reported so far, in document order.
    public private(set) var problems: [SpecProblem] = []

    /// An empty reader.
    public init() {}

    /// Records a problem at `path` (empty: the whole document).
    public mutating func report(_ path: String, _ message: String) {
        problems.append(SpecProblem(path: path.isEmpty ? "document" : path, message: message))
    }

    /// `path.key`, or `key` at the top level.
    public func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Parses YAML text into a document; nil with the problem recorded when it is not YAML, is
    /// empty, or uses anchors or aliases (`&name`, `*name`: refused with the anchor's line, since a value
    /// written out is what reviewers and the canonical JSON form see).
    public mutating func document(yaml: String) -> SpecValue? {
        // Not `Yams.compose`: a node holds its anchor weakly and the parser owns it, so the anchors vanish with
        // the parser; `parser` lives until the document is converted.
        let parser: Parser
        let node: Node?
        do {
            parser = try Parser(yaml: yaml)
            node = try parser.singleRoot()
        } catch {
            problems.append(SpecProblem(path: "", message: "not valid YAML: \(Self.oneLine(error))"))
            return nil
        }
        guard let node else {
            problems.append(SpecProblem(path: "", message: "the document is empty."))
            return nil
        }
        var anchors = YAMLAnchors()
        let value = withExtendedLifetime(parser) { SpecValue(yaml: node, path: "", anchors: &anchors) }
        guard anchors.isEmpty else {
            problems += anchors.problems
            return nil
        }
        return value
    }

    /// Parses JSON text into a document; nil with the problem recorded when it is not JSON.
    public mutating func document(json: String) -> SpecValue? {
        do {
            return try JSONDecoder().decode(SpecValue.self, from: Data(json.utf8))
        } catch {
            problems.append(SpecProblem(path: "", message: "not valid JSON: \(Self.oneLine(error))"))
            return nil
        }
    }

    /// The pairs of a mapping; reports keys outside `allowed` (with a did-you-mean) and repeated keys.
    /// - Parameter what: the mapping's role in messages, e.g. `a feature spec`.
    public mutating func mapping(_ value: SpecValue, at path: String, allowed: [String], what: String) -> [String: SpecValue]? {
        guard case .object(let pairs) = value else {
            report(path, "expected a mapping (\(what)); got \(value.shown).")
            return nil
        }
        var result: [String: SpecValue] = [:]
        for (key, child) in pairs {
            guard allowed.contains(key) else {
                let takes = "\(what) takes \(allowed.joined(separator: ", "))"
                let hint = Self.suggestion(for: key, in: allowed)
                report(join(path, key), hint.isEmpty ? "unknown key; \(takes)." : "unknown key\(hint) (\(takes)).")
                continue
            }
            guard result.updateValue(child, forKey: key) == nil else {
                report(join(path, key), "appears more than once.")
                continue
            }
        }
        return result
    }

    /// `; did you mean 'x'?` when `name` is at most two edits from one of `candidates`, else empty.
    public static func suggestion(for name: String, in candidates: [String]) -> String {
        NameSuggestions.likelyTypo(of: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// An error's text joined onto one line, for one-line messages.
    public static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}
