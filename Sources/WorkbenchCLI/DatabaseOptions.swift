import ArgumentParser
import Foundation
import Logging
import MetricsSource

/// Connection options shared by `db init`, `db seed` and `pull`.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "libpq connection string or URI (sslmode, sslrootcert, ... pass through). Default: $WORKBENCH_DSN, else libpq's PG* variables and ~/.pgpass. Prefer the environment: a password on the command line is visible to other users.",
        valueName: "dsn"))
    var dsn: String?

    @Option(help: "Schema of the collectors' tables.")
    var schema: String = "public"

    @Option(help: ArgumentHelp("Seconds to wait for a connection (default: the DSN's connect_timeout, else 10).", valueName: "seconds"))
    var connectTimeout: Int?

    @Option(help: ArgumentHelp("Server-side statement_timeout in seconds; 0 keeps the server's.", valueName: "seconds"))
    var statementTimeout: Int = 900

    @Option(help: ArgumentHelp("Attempts for transient failures (refused or dropped connections, server restarts), with exponential backoff.", valueName: "n"))
    var attempts: Int = 6

    func validate() throws {
        if let connectTimeout, connectTimeout < 1 { throw ValidationError("--connect-timeout must be at least 1 second; got \(connectTimeout).") }
        guard statementTimeout >= 0 else { throw ValidationError("--statement-timeout must be 0 or more seconds; got \(statementTimeout).") }
        guard attempts >= 1 else { throw ValidationError("--attempts must be at least 1; got \(attempts).") }
        Log.redacting(settings)
    }

    /// The settings these options describe.
    var settings: ConnectionSettings {
        ConnectionSettings(
            dsn: dsn ?? ProcessInfo.processInfo.environment["WORKBENCH_DSN"] ?? "",
            connectTimeoutSeconds: connectTimeout, statementTimeoutSeconds: statementTimeout,
            retry: RetryPolicy(maxAttempts: attempts))
    }

    /// Logs a retry on stderr (through `Log`, which `Workbench.main()` installs as swift-log's handler);
    /// the event's error text is already redacted.
    static func logRetry(_ event: RetryEvent) {
        Logger(label: "workbench.db").warning("\(event)")
    }
}
