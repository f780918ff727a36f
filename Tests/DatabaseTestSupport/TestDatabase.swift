import Datasets
import Foundation
import MetricsSource
import Testing

/// The PostgreSQL that `scripts/with-postgres` started for this test run.
///
/// Integration tests fail (never skip) when it is missing: a green run must
/// mean the database code ran.
public enum TestDatabase {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String {
            "\(variable) is not set: run the tests through scripts/test or `scripts/with-postgres swift test`, which start a throwaway PostgreSQL 15."
        }
    }

    public static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// The test server's URI, with the test role's password.
    public static func dsn() throws -> String { try environment("WORKBENCH_TEST_DSN") }

    /// The test role's password, to check that no message contains it.
    public static func password() throws -> String {
        let dsn = try dsn()
        let userInfo = dsn.components(separatedBy: "://")[1].components(separatedBy: "@")[0]
        return userInfo.components(separatedBy: ":")[1]
    }

    /// Retries kept short so failing tests fail fast.
    public static let quickRetry = RetryPolicy(maxAttempts: 3, initialDelay: 0.05, multiplier: 2, maxDelay: 0.2)

    public static func settings(dsn override: String? = nil, retry: RetryPolicy = quickRetry) throws -> ConnectionSettings {
        ConnectionSettings(dsn: try override ?? dsn(), statementTimeoutSeconds: 120, retry: retry)
    }

    public static func connect() throws -> PostgresConnection {
        try PostgresConnection.connect(settings())
    }

    /// A new schema with the collectors' tables, so tests never see each other's rows.
    public static func freshSchema(_ label: String) throws -> MetricsSchema {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let schema = try MetricsSchema(schema: "t_\(label)_\(suffix)")
        try schema.install(on: connect(), timescale: .off)
        return schema
    }

    /// Loads `samples` and `incidents` with the binary COPY loader.
    public static func load(_ samples: [MetricSample], incidents: [Incident] = [], into schema: MetricsSchema) throws {
        let tenants = Array(Set(samples.map(\.tenant) + incidents.map(\.tenant)))
        let summary = try MetricsLoader(settings: settings(), schema: schema)
            .replace(tenants: tenants, incidents: incidents) { sink in samples.forEach(sink.append) }
        #expect(summary.metricRows == samples.count)
    }

    /// Pulls with the test settings.
    public static func pull(_ request: PullRequest, dsn: String? = nil) throws -> PullResult {
        try MetricsPuller(settings: settings(dsn: dsn)).pull(request.validated(), now: 1_800_000_000)
    }

    /// The numeric values of a pulled column.
    public static func values(_ result: PullResult, _ name: String) -> [Double] {
        guard case .numeric(let values)? = result.dataset.column(named: name)?.data else {
            Issue.record("no numeric column '\(name)' in \(result.dataset.columnNames.prefix(10))")
            return []
        }
        return values
    }

    /// True when both data sets have the same column names and bit-identical values (NaN equals NaN).
    public static func identical(_ a: Dataset, _ b: Dataset) -> Bool {
        guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
        return zip(a.columns, b.columns).allSatisfy { x, y in
            switch (x.data, y.data) {
            case (.numeric(let u), .numeric(let v)): u.map(\.bitPattern) == v.map(\.bitPattern)
            case (.text(let u), .text(let v)): u == v
            default: false
            }
        }
    }

    /// Runs `pg_ctl ARGS` on the test server as its owner (root uses runuser).
    public static func pgCtl(_ arguments: [String]) throws {
        let bin = try environment("WORKBENCH_TEST_PGBIN")
        let data = try environment("WORKBENCH_TEST_PGDATA")
        let log = try environment("WORKBENCH_TEST_PGLOG")
        let owner = try environment("WORKBENCH_TEST_PGUSER")
        var command = ["\(bin)/pg_ctl", "-D", data, "-l", log, "-w", "-t", "60"] + arguments
        if getuid() == 0, owner != "root" { command = ["runuser", "-u", owner, "--"] + command }
        let status = try spawnAndWait(command)
        guard status == 0 else {
            throw Missing(variable: "a working pg_ctl (\(command.joined(separator: " ")) exited \(status))")
        }
    }

    /// Runs `command` (searched in PATH) and waits for it with `waitpid`.
    ///
    /// Not Foundation's `Process`: on Linux it learns of the exit when a pipe
    /// shared with the child closes, and the postmaster that pg_ctl leaves
    /// running inherits that pipe, so `waitUntilExit` would never return.
    public static func spawnAndWait(_ command: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        // The server outlives this call: it must not inherit (and hold open) any of our pipes.
        for descriptor in Int32(3) ..< 1_024 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
        var pid: pid_t = 0
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, arguments, environ)
        guard spawned == 0 else { throw Missing(variable: "\(command[0]) (posix_spawnp failed: \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Waits until a session runs a statement starting with `prefix`; false after `timeout` seconds.
    public static func waitForQuery(startingWith prefix: String, timeout: Double = 30) throws -> Bool {
        let connection = try connect()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let rows = try connection.query("find running pull", """
                SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND starts_with(query, $1) AND pid <> pg_backend_pid()
                """, [prefix])
            if rows.rows.first?[0] != "0" { return true }
            usleep(20_000)
        }
        return false
    }
}

/// Every test that talks to PostgreSQL lives under this suite, one test at a
/// time: some restart the server.
@Suite("PostgreSQL integration", .serialized)
public struct DatabaseTests {}
