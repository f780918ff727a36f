import Datasets
import Foundation
import MetricsSource
import Testing

/// One of the two databases `scripts/with-postgres` creates on its throwaway server.
///
/// Every database test takes a `Backend` argument and runs on both, so each run
/// covers the plain-PostgreSQL path (`date_bin`, ordinary tables) and the
/// TimescaleDB path (hypertable, compression policy, `metrics_hourly`,
/// `time_bucket` pulls).
public enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `workbench_test`: no TimescaleDB extension in the database (the server preloads it).
    case postgres
    /// `workbench_test_timescale`: `CREATE EXTENSION timescaledb` done by the script.
    case timescale

    /// The variable holding this database's URI.
    public var variable: String {
        switch self {
        case .postgres: "WORKBENCH_TEST_DSN"
        case .timescale: "WORKBENCH_TEST_TIMESCALE_DSN"
        }
    }

    /// The database name in that URI.
    public var database: String {
        switch self {
        case .postgres: "workbench_test"
        case .timescale: "workbench_test_timescale"
        }
    }

    /// How test schemas are installed: TimescaleDB is required where it exists, so a
    /// lost extension fails the test instead of quietly testing plain tables twice.
    public var timescaleMode: MetricsSchema.TimescaleMode {
        switch self {
        case .postgres: .off
        case .timescale: .require
        }
    }

    /// The pull's bucket function on this backend.
    public var bucketFunction: String {
        switch self {
        case .postgres: "date_bin"
        case .timescale: "time_bucket"
        }
    }

    public var testDescription: String {
        switch self {
        case .postgres: "plain PostgreSQL"
        case .timescale: "TimescaleDB"
        }
    }
}

/// The PostgreSQL server that `scripts/with-postgres` started for this test run.
///
/// Integration tests fail (never skip) when it is missing or unreachable: a
/// green run must mean the database code ran, on both backends. Even a bare
/// `swift test` without the script fails them, with a message naming the script.
public enum TestDatabase {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String {
            "\(variable) is not set: run the tests through scripts/test or `scripts/with-postgres swift test`, which start a throwaway PostgreSQL 15 with a plain and a TimescaleDB database."
        }
    }

    public static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// The URI of `backend`'s database, with the test role's password.
    public static func dsn(_ backend: Backend) throws -> String { try environment(backend.variable) }

    /// The test role's password (the same in both databases), to check that no message contains it.
    public static func password() throws -> String {
        let dsn = try dsn(.postgres)
        let userInfo = dsn.components(separatedBy: "://")[1].components(separatedBy: "@")[0]
        return userInfo.components(separatedBy: ":")[1]
    }

    /// Retries kept short so failing tests fail fast.
    public static let quickRetry = RetryPolicy(maxAttempts: 3, initialDelay: 0.05, multiplier: 2, maxDelay: 0.2)

    public static func settings(_ backend: Backend, dsn override: String? = nil, retry: RetryPolicy = quickRetry) throws -> ConnectionSettings {
        ConnectionSettings(dsn: try override ?? dsn(backend), statementTimeoutSeconds: 120, retry: retry)
    }

    public static func connect(_ backend: Backend) throws -> PostgresConnection {
        try PostgresConnection.connect(settings(backend))
    }

    /// A new schema with the collectors' tables, so tests never see each other's rows;
    /// on TimescaleDB a hypertable with compression and `metrics_hourly`.
    public static func freshSchema(_ label: String, _ backend: Backend) throws -> MetricsSchema {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let schema = try MetricsSchema(schema: "t_\(label)_\(suffix)")
        let report = try schema.install(on: connect(backend), timescale: backend.timescaleMode)
        #expect((report.timescaleVersion != nil) == (backend == .timescale), "\(backend): \(report.steps)")
        return schema
    }

    /// Loads `samples` and `incidents` with the binary COPY loader.
    public static func load(_ samples: [MetricSample], incidents: [Incident] = [], into schema: MetricsSchema, _ backend: Backend) throws {
        let tenants = Array(Set(samples.map(\.tenant) + incidents.map(\.tenant)))
        let summary = try MetricsLoader(settings: settings(backend), schema: schema)
            .replace(tenants: tenants, incidents: incidents) { sink in samples.forEach(sink.append) }
        #expect(summary.metricRows == samples.count)
    }

    /// Pulls with the test settings.
    /// On TimescaleDB the pull must have bucketed with `time_bucket`, on plain PostgreSQL with `date_bin`.
    public static func pull(_ request: PullRequest, _ backend: Backend, dsn: String? = nil) throws -> PullResult {
        let result = try MetricsPuller(settings: settings(backend, dsn: dsn)).pull(request.validated(), now: 1_800_000_000)
        if request.timescale != .off {
            #expect(result.lineage.bucketFunction == backend.bucketFunction, "\(backend)")
        }
        return result
    }

    /// The numeric values of a pulled column.
    public static func values(_ result: PullResult, _ name: String) -> [Double] {
        guard case .numeric(let values)? = result.dataset.column(named: name)?.data else {
            Issue.record("no numeric column '\(name)' in \(result.dataset.columnNames.prefix(10))")
            return []
        }
        return values
    }

    /// True when both data sets have the same column names, the same text, and numbers equal to within
    /// 1e-12 relative (NaN equals NaN): TimescaleDB's compression job may compress a chunk between two
    /// pulls, and an aggregate over compressed rows adds the same values in another order.
    public static func equalWithinRounding(_ a: Dataset, _ b: Dataset) -> Bool {
        guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
        return zip(a.columns, b.columns).allSatisfy { x, y in
            switch (x.data, y.data) {
            case (.numeric(let u), .numeric(let v)):
                zip(u, v).allSatisfy { p, q in
                    (p.isNaN && q.isNaN) || p == q || abs(p - q) <= 1e-12 * max(abs(p), abs(q))
                }
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
        let connection = try connect(.postgres)
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
/// time: some restart the server. Each takes a `Backend` and runs on both databases.
@Suite("PostgreSQL integration", .serialized)
public struct DatabaseTests {}
