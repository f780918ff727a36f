import Foundation

/// A Markdown notebook split into lines, with its runnable blocks and their stored outputs.
///
/// Goals, in order: text outside output regions is reproduced byte for byte (line endings and the final
/// newline included) → every rule violation is reported with its line → one pass.
/// A runnable block is a fenced code block whose info string starts with the word `workbench`; its output
/// region, when present, starts on the line right after the closing fence with `beginMarker` and ends
/// with `endMarker`. Other fenced blocks are skipped whole, so an example inside a ```` ```markdown ````
/// block never runs.
public struct NotebookDocument: Sendable {
    /// The line that opens a generated output region.
    public static let beginMarker = "<!-- workbench:output -->"
    /// The line that closes a generated output region.
    public static let endMarker = "<!-- /workbench:output -->"

    /// One line and its terminator ("\n", "\r\n" or "" for a last line without one).
    struct Line: Sendable {
        var content: String
        var terminator: String
    }

    /// One runnable block.
    public struct Block: Sendable {
        /// 1-based line of the opening fence.
        public let line: Int
        /// The commands, in order.
        public let commands: [NotebookCommandLine]
        /// Output lines matching any of these regular expressions are masked (block attribute `mask=REGEX`).
        public let masks: [String]
        /// 0-based index of the closing fence line.
        let closingIndex: Int
        /// 0-based indices of the existing output region, markers included.
        let outputRange: ClosedRange<Int>?
    }

    let lines: [Line]
    /// The runnable blocks in document order.
    public let blocks: [Block]

    /// Parses `text`; `path` only names the file in errors.
    /// - Throws: `NotebookError.malformed` naming the line.
    public init(text: String, path: String) throws(NotebookError) {
        let lines = Self.split(text)
        self.lines = lines
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            guard let fence = Fence(lines[index].content) else {
                if lines[index].content.trimmingTrailingWhitespace() == Self.endMarker {
                    throw .malformed(path: path, line: index + 1, reason: "an output end marker without its begin marker")
                }
                index += 1
                continue
            }
            guard let closing = (index + 1..<lines.count).first(where: { fence.isClosed(by: lines[$0].content) }) else {
                throw .malformed(path: path, line: index + 1, reason: "the fenced block opened here is never closed")
            }
            guard fence.isWorkbench else {
                index = closing + 1
                continue
            }
            let commands = try NotebookCommandLine.parse(lines: (index + 1..<closing).map { ($0 + 1, lines[$0].content) },
                                                     path: path)
            var outputRange: ClosedRange<Int>?
            let next = closing + 1
            if next < lines.count, lines[next].content.trimmingTrailingWhitespace() == Self.beginMarker {
                guard let end = (next + 1..<lines.count).first(where: {
                    lines[$0].content.trimmingTrailingWhitespace() == Self.endMarker
                }) else {
                    throw .malformed(path: path, line: next + 1, reason: "the output region opened here has no \(Self.endMarker) line")
                }
                outputRange = next...end
            }
            blocks.append(Block(line: index + 1, commands: commands, masks: fence.masks, closingIndex: closing,
                                outputRange: outputRange))
            index = (outputRange?.upperBound ?? closing) + 1
        }
        self.blocks = blocks
    }

    /// The document with each block's output region replaced by (or, where there was none, followed by)
    /// the region for `outputs[i]`; every other line is kept as it was.
    /// - Precondition: `outputs.count == blocks.count`.
    public func splicing(_ outputs: [String]) -> String {
        let newline = lines.first { !$0.terminator.isEmpty }?.terminator ?? "\n"
        var result = ""
        var index = 0
        for (block, output) in zip(blocks, outputs) {
            while index <= block.closingIndex {
                result += lines[index].content + lines[index].terminator
                index += 1
            }
            if block.closingIndex == lines.count - 1, lines[block.closingIndex].terminator.isEmpty {
                result += newline
            }
            let region = [Self.beginMarker] + output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                + [Self.endMarker]
            let trailing: String
            if let range = block.outputRange {
                trailing = lines[range.upperBound].terminator
                index = range.upperBound + 1
            } else {
                trailing = newline
            }
            result += region.dropLast().map { $0 + newline }.joined() + region[region.count - 1] + trailing
        }
        while index < lines.count {
            result += lines[index].content + lines[index].terminator
            index += 1
        }
        return result
    }

    static func split(_ text: String) -> [Line] {
        var lines: [Line] = []
        var current = ""
        var iterator = text.unicodeScalars.makeIterator()
        var pendingCR = false
        while let scalar = iterator.next() {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" {
                    lines.append(Line(content: current, terminator: "\r\n"))
                    current = ""
                    continue
                }
                current.unicodeScalars.append("\r")
            }
            if scalar == "\r" {
                pendingCR = true
            } else if scalar == "\n" {
                lines.append(Line(content: current, terminator: "\n"))
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if pendingCR { current.unicodeScalars.append("\r") }
        if !current.isEmpty { lines.append(Line(content: current, terminator: "")) }
        return lines
    }
}

/// An opening code fence: up to three spaces, three or more backticks or tildes, an info string.
struct Fence {
    let character: Character
    let length: Int
    let info: String

    init?(_ line: String) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }.count
        guard run >= 3 else { return nil }
        let info = String(rest.dropFirst(run)).trimmingCharacters(in: .whitespaces)
        if first == "`", info.contains("`") { return nil }
        character = first
        length = run
        self.info = info
    }

    /// True when the info string's first word is `workbench`.
    var isWorkbench: Bool { info.split(separator: " ").first == "workbench" }

    /// The regular expressions of `mask=REGEX` attributes.
    var masks: [String] {
        info.split(separator: " ").dropFirst().compactMap { word in
            word.hasPrefix("mask=") ? String(word.dropFirst(5)) : nil
        }
    }

    func isClosed(by line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
