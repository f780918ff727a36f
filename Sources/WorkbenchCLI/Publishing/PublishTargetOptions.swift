import ArgumentParser
import Foundation
import MetricsSource
import Publishing

/// Where publications go: a directory, or a PostgreSQL database given inline or through an environment variable.
struct PublishTargetOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Publication directory, or a postgresql:// URI (prefer --to-dsn-env: a password on the command line is visible to other users).",
        valueName: "dir|uri"))
    var to: String?

    @Option(help: ArgumentHelp("Publish to the PostgreSQL database whose DSN is in this environment variable.",
                               valueName: "var"))
    var toDsnEnv: String?

    @Option(help: ArgumentHelp("Schema of the publication tables (created by `workbench db init`).", valueName: "name"))
    var schema: String = "public"

    func validate() throws {
        guard (to == nil) != (toDsnEnv == nil) else {
            throw ValidationError("Give exactly one of --to DIR|postgresql://… and --to-dsn-env VAR.")
        }
        if let dsn = toDsnEnv.flatMap({ ProcessInfo.processInfo.environment[$0] }) ?? to.flatMap({ $0.hasPrefix("postgres") ? $0 : nil }) {
            Log.redacting(ConnectionSettings(dsn: dsn))
        }
    }

    /// The destination these options name.
    /// - Throws: `PublishingError.configuration` for an unset or empty environment variable.
    func destination() throws -> PublicationDestination {
        if let toDsnEnv {
            guard let dsn = ProcessInfo.processInfo.environment[toDsnEnv], !dsn.isEmpty else {
                throw PublishingError.configuration("Environment variable \(toDsnEnv) is unset or empty; "
                    + "it should hold the publication database's DSN.")
            }
            return .database(try DatabasePublisher(dsn: dsn, schema: schema))
        }
        let target = to ?? ""
        if target.hasPrefix("postgresql://") || target.hasPrefix("postgres://") {
            return .database(try DatabasePublisher(dsn: target, schema: schema))
        }
        return .directory(target)
    }
}

/// A publication destination.
enum PublicationDestination {
    /// A directory of bundles.
    case directory(String)
    /// A PostgreSQL database (the DSN is never printed).
    case database(DatabasePublisher)
}
