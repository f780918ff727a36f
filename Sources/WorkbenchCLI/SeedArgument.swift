import ArgumentParser

/// The text of a `--seed` option. Every argument parses, so a negative or non-numeric seed reaches
/// `validate()` and gets a range sentence like every other option rather than argument-parser's own
/// "The value is invalid" wording.
struct SeedArgument: ExpressibleByArgument, Sendable {
    /// The seed as given.
    let text: String

    init(argument: String) { text = argument }

    /// A seed given in code (a default).
    init(_ value: UInt64) { text = String(value) }

    var defaultValueDescription: String { text }

    /// The seed; nil when the text is not a whole number in [0, 2^64 − 1] (refused by `validate`).
    var value: UInt64? { UInt64(text) }

    /// - Throws: `ValidationError` (exit 64) naming the accepted range and the value given.
    func validate(option: String = "--seed") throws {
        guard value == nil else { return }
        throw ValidationError("\(option) must be an integer in [0, \(UInt64.max)]; got \(text.prefix(40)).")
    }
}
