/// Rewrites the command line before argument-parser reads it.
///
/// argument-parser takes every word that starts with `-` for an option, so `--trees -1` read as
/// "Missing value for '--trees'" and never reached the range check that `--trees=-1` reaches.
/// A negative value right after a long option is attached to it (`--trees=-1`), so every numeric
/// option of every command reports its allowed range instead. No command has a negative number
/// as an argument of its own, and after a flag the word was an unknown option before as well.
enum CommandLineArguments {
    /// `arguments` with each negative value that follows a `--name` option (without `=`) attached
    /// to it; words after a `--` terminator are left alone.
    static func attachingNegativeNumbers(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                result += arguments[index...]
                break
            }
            if word.hasPrefix("--"), !word.contains("="), index + 1 < arguments.count,
               isNegativeValue(arguments[index + 1]) {
                result.append(word + "=" + arguments[index + 1])
                index += 2
                continue
            }
            result.append(word)
            index += 1
        }
        return result
    }

    /// True for a word that is a negative value, never an option: `-` then a digit or `.digit`
    /// (`-1`, `-0.5`, `-.5`, `-1e3`, and relative times such as `-7d`), or `-inf`/`-nan`.
    /// argument-parser's short options are letters, so no option is lost.
    static func isNegativeValue(_ word: String) -> Bool {
        guard word.hasPrefix("-") else { return false }
        let body = word.dropFirst()
        if ["inf", "infinity", "nan"].contains(body.lowercased()) { return true }
        guard let first = body.first else { return false }
        if first.isASCII, first.isNumber { return true }
        return first == "." && body.dropFirst().first.map { $0.isASCII && $0.isNumber } == true
    }
}
