import Logging

/// The server's notices (NOTICE, WARNING, INFO sent to the client, e.g. `CREATE … IF NOT EXISTS` skipping an
/// existing object), logged through swift-log as `workbench.postgres` at the notice's own level, so they
/// reach the application's log handler and its format instead of going straight to stderr.
enum PostgresNotices {
    private static let logger = Logger(label: "workbench.postgres")
    private static let levels: [(prefix: String, level: Logger.Level)] = [
        ("WARNING:", .warning), ("NOTICE:", .notice), ("INFO:", .info), ("LOG:", .info), ("DEBUG:", .debug),
    ]

    /// Logs libpq's notice text (`NOTICE:  message\nDETAIL:  …\n`) without its severity prefix.
    static func log(_ text: String) {
        var message = Substring(text)
        while let last = message.last, last.isWhitespace { message = message.dropLast() }
        var level = Logger.Level.notice
        if let match = levels.first(where: { message.hasPrefix($0.prefix) }) {
            level = match.level
            message = message.dropFirst(match.prefix.count).drop { $0 == " " }
        }
        logger.log(level: level, "\(message)")
    }
}
