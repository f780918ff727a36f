/// Scalar and list readers: each returns the value, or reports a problem naming the key path,
/// the bad value and what was expected.
extension SpecReader {
    /// A non-empty text value; a number or boolean written in YAML reads as its text (a column
    /// or tenant called `2024` stays text). Reports "is required" when absent.
    /// - Parameter what: what the text is, e.g. `a column name`.
    public mutating func text(_ value: SpecValue?, at path: String, what: String = "text") -> String? {
        guard let value else {
            report(path, "is required.")
            return nil
        }
        if let text = value.scalarText, !text.isEmpty { return text }
        report(path, "expected \(what); got \(value.shown).")
        return nil
    }

    /// A list of distinct non-empty texts; nil when absent.
    /// - Parameters:
    ///   - what: what the list holds, e.g. `column names`.
    ///   - each: what one item is, e.g. `a column name`.
    public mutating func names(_ value: SpecValue?, at path: String, what: String = "column names",
                               each: String = "a column name") -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            report(path, "expected a non-empty list of \(what); got \(value.shown).")
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = text(item, at: "\(path)[\(index)]", what: each) else { continue }
            if result.contains(name) {
                report("\(path)[\(index)]", "'\(name)' is listed twice.")
            } else {
                result.append(name)
            }
        }
        return result
    }

    /// A whole number in `range`, `fallback` when absent.
    public mutating func integer(_ value: SpecValue?, at path: String, in range: ClosedRange<Int>, fallback: Int) -> Int {
        guard let value else { return fallback }
        if case .number(let number, _) = value, number == number.rounded(),
           let whole = Int(exactly: number), range.contains(whole) {
            return whole
        }
        report(path, "expected a whole number from \(range.lowerBound) to \(range.upperBound); got \(value.shown).")
        return fallback
    }

    /// A finite number; nil (reported) when it is anything else.
    public mutating func number(_ value: SpecValue, at path: String) -> Double? {
        if case .number(let number, _) = value, number.isFinite { return number }
        report(path, "expected a finite number; got \(value.shown).")
        return nil
    }

    /// A finite number > 0, `fallback` when absent.
    public mutating func positive(_ value: SpecValue?, at path: String, fallback: Double) -> Double {
        guard let value else { return fallback }
        if case .number(let number, _) = value, number.isFinite, number > 0 { return number }
        report(path, "expected a finite number greater than 0; got \(value.shown).")
        return fallback
    }

    /// `true` or `false`, `fallback` when absent.
    public mutating func bool(_ value: SpecValue?, at path: String, fallback: Bool) -> Bool {
        guard let value else { return fallback }
        if case .bool(let flag) = value { return flag }
        report(path, "expected true or false; got \(value.shown).")
        return fallback
    }

    /// A list of distinct values of a string enumeration; `fallback` when absent.
    public mutating func choices<Choice: RawRepresentable & CaseIterable>(
        _ value: SpecValue?, at path: String, fallback: [Choice]
    ) -> [Choice] where Choice.RawValue == String {
        guard let value else { return fallback }
        let names = Choice.allCases.map(\.rawValue)
        let allowed = names.joined(separator: ", ")
        guard case .array(let items) = value, !items.isEmpty else {
            report(path, "expected a non-empty list of \(allowed); got \(value.shown).")
            return fallback
        }
        var result: [Choice] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, let choice = Choice(rawValue: text) else {
                let hint = item.scalarText.map { Self.suggestion(for: $0, in: names) } ?? ""
                report("\(path)[\(index)]", "\(item.shown) is not one of \(allowed)\(hint.isEmpty ? "." : hint)")
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

extension SpecValue {
    /// The text of a scalar as written (a YAML number keeps its spelling); nil for null, lists and mappings.
    public var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(let value, let text): text ?? Self.format(value)
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}
