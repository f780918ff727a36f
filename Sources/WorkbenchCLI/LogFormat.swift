import ArgumentParser

/// How lines on standard error are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Plain one-line messages (`error: …`, `warning: …`) and, on a terminal, progress.
    case text
    /// One JSON object per line (`ts`, `level`, `command`, `message`, fields), no progress.
    case json

    /// The environment variable read when `--log-format` is not given.
    static let environmentVariable = "WORKBENCH_LOG_FORMAT"

    /// The format `arguments` and `environment` ask for, read before parsing so that a usage error is
    /// already logged in the right format: the `--log-format` value when it is valid, else a valid
    /// `WORKBENCH_LOG_FORMAT`, else text (the parser then reports the bad value in text).
    static func requested(by arguments: [String], environment: [String: String]) -> LogFormat {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--log-format" {
                let next = arguments.index(after: index)
                return next < arguments.endIndex ? LogFormat(rawValue: arguments[next]) ?? .text : .text
            }
            if argument.hasPrefix("--log-format=") {
                return LogFormat(rawValue: String(argument.dropFirst("--log-format=".count))) ?? .text
            }
            index = arguments.index(after: index)
        }
        return environment[environmentVariable].flatMap { LogFormat(rawValue: $0) } ?? .text
    }
}
