/// Why a notebook could not be run or written; each message names the file and, where there is one, the line.
public enum NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The notebook file cannot be read.
    case unreadable(path: String, reason: String)
    /// The notebook's text breaks a rule of the format (unclosed block, marker without its end, bad command line).
    case malformed(path: String, line: Int, reason: String)
    /// A command ran and exited with a non-zero status (or a signal); nothing was written.
    case blockFailed(path: String, blockLine: Int, commandLine: Int, command: String, status: Int32, standardError: String)
    /// A command could not be started.
    case cannotStart(path: String, line: Int, reason: String)
    /// The notebook or its files directory could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the notebook: \(reason)"
        case .malformed(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .blockFailed(let path, let blockLine, let commandLine, let command, let status, let standardError):
            var text = "\(path):\(commandLine): the block at line \(blockLine) failed: `\(command)` exited with status \(status); the notebook was left unchanged"
            let tail = standardError.split(separator: "\n", omittingEmptySubsequences: true).suffix(5)
            if !tail.isEmpty { text += "\n" + tail.map { "  | \($0)" }.joined(separator: "\n") }
            return text
        case .cannotStart(let path, let line, let reason):
            return "\(path):\(line): cannot start the command: \(reason)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
