/// A model in a registry named the way users type it: `name`, `name@v3`, `name@3`,
/// `name@production` or `name@latest`.
///
/// A bare name means the latest registered version. Names and aliases use
/// `[a-z0-9][a-z0-9._-]*` (at most 100 characters), so they are safe as file
/// names and cannot climb out of the registry (`..`, `/` and a leading `.`
/// are impossible). `latest`, `v<digits>` and all-digit words are reserved
/// for version selectors and cannot be aliases.
public struct ModelReference: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Which version of the model is meant.
    public enum Selector: Sendable, Equatable, Hashable {
        /// The highest registered version.
        case latest
        /// A version number.
        case version(Int)
        /// The version an alias points at.
        case alias(String)
    }

    /// The model name.
    public let name: String
    /// The version selector.
    public let selector: Selector

    /// A reference to `name` with `selector`.
    /// - Throws: `ModelStoreError.invalidReference` for a bad name or alias.
    public init(name: String, selector: Selector = .latest) throws(ModelStoreError) {
        try Self.validateName(name)
        if case .alias(let alias) = selector { try Self.validateAlias(alias) }
        if case .version(let number) = selector, number < 1 {
            throw .invalidReference("Version numbers start at 1; got \(number) for model '\(name)'.")
        }
        self.name = name
        self.selector = selector
    }

    /// Parses `name`, `name@vN`, `name@N`, `name@latest` or `name@alias`.
    /// - Throws: `ModelStoreError.invalidReference` naming the text and the accepted forms.
    public init(parsing text: String) throws(ModelStoreError) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            try self.init(name: text)
            return
        }
        let word = parts[1]
        guard !word.isEmpty else {
            throw .invalidReference("'\(text)' has nothing after '@'; expected NAME@vN, NAME@ALIAS or NAME@latest.")
        }
        if word == "latest" {
            try self.init(name: parts[0], selector: .latest)
        } else if let number = Self.versionNumber(word) {
            try self.init(name: parts[0], selector: .version(number))
        } else {
            try self.init(name: parts[0], selector: .alias(word))
        }
    }

    public var description: String {
        switch selector {
        case .latest: name
        case .version(let number): "\(name)@v\(number)"
        case .alias(let alias): "\(name)@\(alias)"
        }
    }

    /// Longest accepted name or alias, in characters.
    public static let maximumLength = 100

    /// Checks a model name.
    /// - Throws: `ModelStoreError.invalidReference` explaining the rule.
    public static func validateName(_ name: String) throws(ModelStoreError) {
        guard isWellFormed(name) else {
            throw .invalidReference(
                "Model name '\(name)' is not allowed: use 1–\(maximumLength) characters from a-z, 0-9, '.', '_', '-', "
                    + "starting with a letter or digit.")
        }
    }

    /// Checks an alias name.
    /// - Throws: `ModelStoreError.invalidReference` explaining the rule or the reserved word.
    public static func validateAlias(_ alias: String) throws(ModelStoreError) {
        guard isWellFormed(alias) else {
            throw .invalidReference(
                "Alias '\(alias)' is not allowed: use 1–\(maximumLength) characters from a-z, 0-9, '.', '_', '-', "
                    + "starting with a letter or digit.")
        }
        guard alias != "latest", versionNumber(alias) == nil else {
            throw .invalidReference(
                "Alias '\(alias)' is reserved: 'latest', 'vN' and plain numbers select versions.")
        }
    }

    /// The version number in `v12` or `12`, if the word is one.
    static func versionNumber(_ word: String) -> Int? {
        let digits = word.hasPrefix("v") ? word.dropFirst() : word[...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(digits) ?? Int.max
    }

    private static func isWellFormed(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength, isLowerAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
            || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
