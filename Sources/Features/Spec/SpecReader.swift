/// Validates a `SpecValue` document into a `FeatureSpec`, collecting every problem with its
/// key path instead of stopping at the first.
struct SpecReader {
    private(set) var problems: [String] = []

    mutating func report(_ path: String, _ message: String) {
        problems.append("\(path.isEmpty ? "document" : path): \(message)")
    }

    /// The pairs of a mapping; reports keys outside `allowed` and repeated keys.
    mutating func mapping(_ value: SpecValue, at path: String, allowed: [String], what: String) -> [String: SpecValue]? {
        guard case .object(let pairs) = value else {
            report(path, "expected a mapping (\(what)); got \(value.shown).")
            return nil
        }
        var result: [String: SpecValue] = [:]
        for (key, child) in pairs {
            guard allowed.contains(key) else {
                report(join(path, key), "unknown key; \(what) takes \(allowed.joined(separator: ", ")).")
                continue
            }
            guard result.updateValue(child, forKey: key) == nil else {
                report(join(path, key), "appears more than once.")
                continue
            }
        }
        return result
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// A non-empty text value; a number written in YAML reads as its text.
    mutating func text(_ value: SpecValue?, at path: String) -> String? {
        switch value {
        case nil:
            report(path, "is required.")
        case .string(let text) where !text.isEmpty:
            return text
        case .number(_, let text?):
            return text
        case let value?:
            report(path, "expected a column name; got \(value.shown).")
        }
        return nil
    }

    /// A list of distinct non-empty names; nil when absent.
    mutating func names(_ value: SpecValue?, at path: String) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            report(path, "expected a non-empty list of column names; got \(value.shown).")
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = text(item, at: "\(path)[\(index)]") else { continue }
            if result.contains(name) {
                report("\(path)[\(index)]", "'\(name)' is listed twice.")
            } else {
                result.append(name)
            }
        }
        return result
    }

    /// A whole number in `range`, `fallback` when absent.
    mutating func integer(_ value: SpecValue?, at path: String, in range: ClosedRange<Int>, fallback: Int) -> Int {
        guard let value else { return fallback }
        if case .number(let number, _) = value, number == number.rounded(),
           let whole = Int(exactly: number), range.contains(whole) {
            return whole
        }
        report(path, "expected a whole number from \(range.lowerBound) to \(range.upperBound); got \(value.shown).")
        return fallback
    }

    /// A finite number > 0, `fallback` when absent.
    mutating func positive(_ value: SpecValue?, at path: String, fallback: Double) -> Double {
        guard let value else { return fallback }
        if case .number(let number, _) = value, number.isFinite, number > 0 { return number }
        report(path, "expected a finite number greater than 0; got \(value.shown).")
        return fallback
    }

    /// A duration such as `5m`; nil (reported) when absent and `required`, or malformed.
    mutating func duration(_ value: SpecValue?, at path: String, required: Bool) -> FeatureDuration? {
        guard let value else {
            if required { report(path, "is required (a duration like 5m, 1h, 1d).") }
            return nil
        }
        if case .string(let text) = value, let duration = FeatureDuration(text) { return duration }
        report(path, "\(value.shown) is not a duration like 5m, 1h, 1d.")
        return nil
    }

    /// A list of distinct values of a string enumeration; `fallback` when absent.
    mutating func choices<Choice: RawRepresentable & CaseIterable>(
        _ value: SpecValue?, at path: String, fallback: [Choice]
    ) -> [Choice] where Choice.RawValue == String {
        guard let value else { return fallback }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .array(let items) = value, !items.isEmpty else {
            report(path, "expected a non-empty list of \(allowed); got \(value.shown).")
            return fallback
        }
        var result: [Choice] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, let choice = Choice(rawValue: text) else {
                report("\(path)[\(index)]", "\(item.shown) is not one of \(allowed).")
                continue
            }
            if result.contains(where: { $0.rawValue == text }) {
                report("\(path)[\(index)]", "'\(text)' is listed twice.")
            } else {
                result.append(choice)
            }
        }
        return result.isEmpty ? fallback : result
    }
}
