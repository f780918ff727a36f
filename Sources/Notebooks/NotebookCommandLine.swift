import Foundation

/// One command of a runnable block: `workbench` and its arguments, split like a shell would split them
/// but never run by a shell (no pipes, globs or substitutions; nothing a notebook can inject).
///
/// Rules: blank lines and lines starting with `#` are skipped; a line ending in `\` continues on the next;
/// words are separated by spaces; `'…'` is literal; `"…"` allows `\"`, `\\` and variables; outside quotes
/// `\` escapes the next character. `$NAME` and `${NAME}` expand only the variables the runner provides
/// (`WORKBENCH_OUT`, `WORKBENCH_FILES`); any other `$NAME` is an error, so a typo cannot silently
/// write somewhere else.
public struct NotebookCommandLine: Sendable, Equatable {
    /// 1-based line where the command starts.
    public let line: Int
    /// The command as written (continuations joined by a space).
    public let text: String

    /// The arguments after `workbench`, with `variables` expanded.
    /// - Throws: `NotebookError.malformed` for unbalanced quotes, a first word other than `workbench`, or an
    ///   unknown variable.
    public func arguments(variables: [String: String], path: String) throws(NotebookError) -> [String] {
        let words = try Self.split(text, variables: variables, line: line, path: path)
        guard words.first == "workbench" else {
            throw .malformed(path: path, line: line, reason: "a workbench block runs only workbench commands; this line starts with '\(words.first ?? "")'")
        }
        return Array(words.dropFirst())
    }

    /// The commands in `lines` (1-based line number and text).
    static func parse(lines: [(Int, String)], path: String) throws(NotebookError) -> [NotebookCommandLine] {
        var commands: [NotebookCommandLine] = []
        var pending: (line: Int, text: String)?
        for (number, raw) in lines {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if pending == nil, trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let continues = trimmed.hasSuffix("\\")
            let part = continues ? String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) : trimmed
            if var current = pending {
                current.text += " " + part
                pending = current
            } else {
                pending = (number, part)
            }
            if !continues, let complete = pending {
                let command = NotebookCommandLine(line: complete.line, text: complete.text)
                // Checks quoting and the leading word now, so a malformed block fails before anything runs.
                _ = try command.arguments(variables: Self.placeholders, path: path)
                commands.append(command)
                pending = nil
            }
        }
        if let pending {
            throw .malformed(path: path, line: pending.line, reason: "the command's last line ends with '\\' but the block ends")
        }
        return commands
    }

    /// The variables a notebook may use, with dummy values for checking syntax before a run.
    public static let variableNames = ["WORKBENCH_OUT", "WORKBENCH_FILES"]
    static let placeholders = Dictionary(uniqueKeysWithValues: variableNames.map { ($0, "/placeholder") })

    static func split(_ text: String, variables: [String: String], line: Int, path: String) throws(NotebookError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = Array(text)[...]
        func variable() throws(NotebookError) -> String {
            var name = ""
            if characters.first == "{" {
                characters = characters.dropFirst()
                while let next = characters.first, next != "}" { name.append(next); characters = characters.dropFirst() }
                guard characters.first == "}" else {
                    throw .malformed(path: path, line: line, reason: "'${' without its closing '}'")
                }
                characters = characters.dropFirst()
            } else {
                while let next = characters.first, next.isLetter || next.isNumber || next == "_" {
                    name.append(next)
                    characters = characters.dropFirst()
                }
            }
            guard let value = variables[name] else {
                throw .malformed(path: path, line: line,
                                 reason: "unknown variable '$\(name)'; notebooks can use \(variableNames.map { "$" + $0 }.joined(separator: ", "))")
            }
            return value
        }
        while let character = characters.first {
            characters = characters.dropFirst()
            switch character {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                guard let end = characters.firstIndex(of: "'") else {
                    throw .malformed(path: path, line: line, reason: "a single quote is not closed")
                }
                word += String(characters[characters.startIndex..<end])
                characters = characters[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let next = characters.first {
                    characters = characters.dropFirst()
                    if next == "\"" { closed = true; break }
                    if next == "\\", let escaped = characters.first, escaped == "\"" || escaped == "\\" || escaped == "$" {
                        word.append(escaped)
                        characters = characters.dropFirst()
                    } else if next == "$" {
                        word += try variable()
                    } else {
                        word.append(next)
                    }
                }
                guard closed else { throw .malformed(path: path, line: line, reason: "a double quote is not closed") }
            case "\\":
                inWord = true
                if let escaped = characters.first {
                    word.append(escaped)
                    characters = characters.dropFirst()
                }
            case "$":
                inWord = true
                word += try variable()
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
