import Foundation
import MetricsSource
import ModelStore

/// Publishes bundles to PostgreSQL for collectors on other hosts (tables from `workbench db init`).
///
/// One transaction per move: it takes a per-model advisory lock, writes the bundle's files
/// (`workbench_model_artifacts`, bytea + SHA-256) and levels (`workbench_model_thresholds`) unless that version
/// is already stored, moves `workbench_model_current`, appends `workbench_model_history`, and queues
/// `NOTIFY workbench_models, 'NAME VERSION'`, which PostgreSQL delivers only when the transaction commits.
/// Every statement is parameterised; the DSN never appears in messages (MetricsSource redacts server text).
public struct DatabasePublisher: Sendable {
    /// The `LISTEN` channel collectors wait on; the payload is `NAME VERSION`.
    public static let channel = "workbench_models"

    private let settings: ConnectionSettings
    private let schema: MetricsSchema

    /// A publisher for the database at `dsn`, tables in `schema`.
    /// - Throws: `PublishingError.configuration` for a schema name that is not a plain identifier.
    public init(dsn: String, schema: String = "public") throws(PublishingError) {
        settings = ConnectionSettings(dsn: dsn, statementTimeoutSeconds: 300)
        do {
            self.schema = try MetricsSchema(schema: schema)
        } catch {
            throw .configuration(error.description)
        }
    }

    /// The one query a collector runs to fetch the live bundle of model `$1`: one row per file with the
    /// version and the manifest hash it must match.
    public static func pullQuery(schema: String = "public") -> String {
        let tables = try? MetricsSchema(schema: schema)
        let current = tables?.qualifiedCurrentTable ?? "workbench_model_current"
        let artifacts = tables?.qualifiedArtifactsTable ?? "workbench_model_artifacts"
        return """
            SELECT c.version, c.manifest_sha256, a.path, a.sha256, a.content
              FROM \(current) c JOIN \(artifacts) a ON a.model_name = c.model_name AND a.version = c.version
             WHERE c.model_name = $1
            """
    }

    /// Stores `bundle` (unless that version is stored already) and makes it current, in one transaction.
    /// - Throws: `PublishingError.invalidRequest` when the version is stored with other content,
    ///   `.configuration` when the tables are missing (run `workbench db init`), `.unavailable` when the server
    ///   cannot be reached.
    public func publish(_ bundle: ModelBundle, threshold: String?) throws(PublishingError) -> PublicationOutcome {
        try withTransaction(bundle.name) { connection throws(MetricsSourceError) -> PublicationOutcome in
            let current = try currentRow(bundle.name, on: connection)
            let stored = try connection.query("find published manifest", """
                SELECT content FROM \(schema.qualifiedArtifactsTable)
                 WHERE model_name = $1 AND version = $2 AND path = 'manifest.json'
                """, [bundle.name, String(bundle.version)])
            var manifestSHA256 = bundle.manifestSHA256
            let reused = !stored.rows.isEmpty
            if let text = stored.rows.first?[0] {
                let existing = try Self.bytes(fromHex: text)
                let manifest = try? JSONDecoder().decode(BundleManifest.self, from: Data(existing))
                guard manifest?.files == bundle.manifest.files else {
                    throw .invalidRequest("\(bundle.name)@v\(bundle.version) is already stored in the database with "
                        + "different files (another --threshold?); published versions are immutable.")
                }
                manifestSHA256 = JSONFiles.sha256(existing)
            }
            if let current, current.version == bundle.version, current.manifestSHA256 == manifestSHA256 {
                return PublicationOutcome(changed: false, from: current.version, to: current.version,
                                          manifestSHA256: manifestSHA256, reusedBundle: reused)
            }
            if !reused { try insert(bundle, on: connection) }
            try movePointer(bundle.name, to: bundle.version, manifestSHA256: manifestSHA256, from: current,
                            action: "publish", threshold: threshold, on: connection)
            return PublicationOutcome(changed: true, from: current?.version, to: bundle.version,
                                      manifestSHA256: manifestSHA256, reusedBundle: reused)
        }
    }

    /// Makes the previous version current again after re-hashing its stored files, in one transaction.
    /// - Throws: `PublishingError.notFound` when there is nothing to roll back to, `.corrupted` when the
    ///   previous version's stored files fail verification (nothing moves then).
    public func rollback(name: String) throws(PublishingError) -> PublicationOutcome {
        try withTransaction(name) { connection throws(MetricsSourceError) -> PublicationOutcome in
            guard let current = try currentRow(name, on: connection) else {
                throw .noData("Nothing is published for model '\(name)' in the database.")
            }
            guard let previous = current.previous else {
                throw .noData("Model '\(name)' has no previous publication in the database to roll back to "
                    + "(current is v\(current.version)).")
            }
            let problems = try verify(name, version: previous.version, manifestSHA256: previous.manifestSHA256,
                                      on: connection).problems
            guard problems.isEmpty else {
                throw .invalidRequest("CORRUPTED:Cannot roll back \(name) to v\(previous.version): "
                    + problems.joined(separator: " "))
            }
            try movePointer(name, to: previous.version, manifestSHA256: previous.manifestSHA256, from: current,
                            action: "rollback", threshold: nil, on: connection)
            return PublicationOutcome(changed: true, from: current.version, to: previous.version,
                                      manifestSHA256: previous.manifestSHA256, reusedBundle: true)
        }
    }

    /// The current publication of `name` (default every published model), each re-hashed from the stored bytes.
    /// - Throws: `PublishingError.notFound` when `name` was never published.
    public func status(name: String?) throws(PublishingError) -> [PublicationStatus] {
        let connection = try connect()
        do throws(MetricsSourceError) {
            let names: [String]
            if let name {
                names = [name]
            } else {
                names = try connection.query("list published models",
                    "SELECT model_name FROM \(schema.qualifiedCurrentTable) ORDER BY model_name").rows.compactMap { $0[0] }
            }
            return try names.map { (name) throws(MetricsSourceError) -> PublicationStatus in
                guard let row = try currentRow(name, on: connection) else {
                    throw .noData("Nothing is published for model '\(name)' in the database.")
                }
                let check = try verify(name, version: row.version, manifestSHA256: row.manifestSHA256, on: connection)
                let rule = check.manifest == nil ? nil : try anomalyRule(name, version: row.version, on: connection)
                return PublicationStatus(
                    name: name, current: row.pointer(name),
                    previous: row.previous.map { PublicationPointer(name: name, version: $0.version, path: "v\($0.version)",
                                                                    manifestSHA256: $0.manifestSHA256, publishedUTC: "") },
                    verified: check.problems.isEmpty, problems: check.problems, anomalyRule: rule)
            }
        } catch {
            throw Self.translate(error)
        }
    }

    // MARK: - Steps

    private struct CurrentRow {
        var version: Int
        var manifestSHA256: String
        var previous: (version: Int, manifestSHA256: String)?
        var publishedUTC: String

        func pointer(_ name: String) -> PublicationPointer {
            PublicationPointer(name: name, version: version, path: "v\(version)", manifestSHA256: manifestSHA256,
                               publishedUTC: publishedUTC)
        }
    }

    private func currentRow(_ name: String, on connection: PostgresConnection) throws(MetricsSourceError) -> CurrentRow? {
        let rows = try connection.query("read current publication", """
            SELECT version, manifest_sha256, previous_version, previous_manifest_sha256,
                   to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
              FROM \(schema.qualifiedCurrentTable) WHERE model_name = $1
            """, [name]).rows
        guard let row = rows.first, let version = row[0].flatMap(Int.init), let digest = row[1] else { return nil }
        let previous = row[2].flatMap(Int.init).flatMap { number in row[3].map { (number, $0) } }
        return CurrentRow(version: version, manifestSHA256: digest, previous: previous, publishedUTC: row[4] ?? "")
    }

    private func insert(_ bundle: ModelBundle, on connection: PostgresConnection) throws(MetricsSourceError) {
        for file in bundle.allFiles {
            try connection.query("store bundle file", """
                INSERT INTO \(schema.qualifiedArtifactsTable) (model_name, version, path, content, sha256, bytes, tenant_id)
                VALUES ($1, $2, $3, $4::bytea, $5, $6, $7)
                """, [bundle.name, String(bundle.version), file.path, Self.hex(file.bytes), JSONFiles.sha256(file.bytes),
                      String(file.bytes.count), bundle.manifest.tenant])
        }
        for scope in bundle.thresholds.scopes {
            var levels = scope.levels
            if let rule = scope.isAnomaly, !levels.contains(where: { $0.name == rule.level }) {
                levels.append(PublishedLevel(name: rule.level, value: rule.value, score: rule.score,
                                             direction: rule.direction, rule: "chosen at publication"))
            }
            for level in levels {
                try connection.query("store threshold level", """
                    INSERT INTO \(schema.qualifiedThresholdsTable) (model_name, version, tenant_id, group_name,
                        collector_name, metric_name, level, value, score, direction, raises_anomaly)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    """, [bundle.name, String(bundle.version), scope.tenant, scope.group, scope.collector, scope.metric,
                          level.name, "\(level.value)", level.score, level.direction,
                          scope.isAnomaly?.level == level.name ? "true" : "false"])
            }
        }
    }

    private func movePointer(
        _ name: String, to version: Int, manifestSHA256: String, from current: CurrentRow?, action: String,
        threshold: String?, on connection: PostgresConnection
    ) throws(MetricsSourceError) {
        try connection.query("move current publication", """
            INSERT INTO \(schema.qualifiedCurrentTable)
                (model_name, version, manifest_sha256, previous_version, previous_manifest_sha256, published_at)
            VALUES ($1, $2, $3, $4, $5, now())
            ON CONFLICT (model_name) DO UPDATE SET version = EXCLUDED.version,
                manifest_sha256 = EXCLUDED.manifest_sha256, previous_version = EXCLUDED.previous_version,
                previous_manifest_sha256 = EXCLUDED.previous_manifest_sha256, published_at = now()
            """, [name, String(version), manifestSHA256, current.map { String($0.version) }, current?.manifestSHA256])
        try connection.query("record publication", """
            INSERT INTO \(schema.qualifiedHistoryTable)
                (model_name, action, from_version, to_version, manifest_sha256, threshold, actor)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [name, action, current.map { String($0.version) }, String(version), manifestSHA256, threshold,
                  TrainingEnvironment.user() + "@" + TrainingEnvironment.host()])
        try connection.query("notify collectors", "SELECT pg_notify($1, $2)", [Self.channel, "\(name) \(version)"])
    }

    /// Re-hashes the stored files of `name@vversion` against the pinned manifest hash.
    private func verify(
        _ name: String, version: Int, manifestSHA256: String, on connection: PostgresConnection
    ) throws(MetricsSourceError) -> BundleVerifier.Result {
        let rows = try connection.query("read bundle files", """
            SELECT path, content FROM \(schema.qualifiedArtifactsTable) WHERE model_name = $1 AND version = $2
            """, [name, String(version)]).rows
        var files: [String: Data] = [:]
        for row in rows {
            guard let path = row[0], let text = row[1] else { continue }
            files[path] = Data(try Self.bytes(fromHex: text))
        }
        return BundleVerifier.verify(label: "database:\(name)@v\(version)", name: name, version: version,
                                     manifestSHA256: manifestSHA256) { files[$0] }
    }

    private func anomalyRule(_ name: String, version: Int, on connection: PostgresConnection) throws(MetricsSourceError) -> String? {
        let rows = try connection.query("read anomaly level", """
            SELECT level, score, direction, value FROM \(schema.qualifiedThresholdsTable)
             WHERE model_name = $1 AND version = $2 AND raises_anomaly ORDER BY level LIMIT 1
            """, [name, String(version)]).rows
        guard let row = rows.first, let level = row[0], let score = row[1], let value = row[3] else { return nil }
        return "\(level) (\(score) \(row[2] == "below" ? "<" : ">=") \(value))"
    }

    // MARK: - Connection and transaction

    private func connect() throws(PublishingError) -> PostgresConnection {
        do {
            return try PostgresConnection.connect(settings)
        } catch {
            throw Self.translate(error)
        }
    }

    /// Runs `body` in a transaction holding the model's advisory lock; rolls back on any error.
    private func withTransaction<T>(
        _ name: String, _ body: (PostgresConnection) throws(MetricsSourceError) -> T
    ) throws(PublishingError) -> T {
        let connection = try connect()
        do throws(MetricsSourceError) {
            try connection.query("begin publication", "BEGIN")
            do throws(MetricsSourceError) {
                try connection.query("lock model publication", "SELECT pg_advisory_xact_lock(hashtext($1))",
                                     ["workbench_models:" + name])
                let result = try body(connection)
                try connection.query("commit publication", "COMMIT")
                return result
            } catch {
                _ = try? connection.query("roll back publication", "ROLLBACK")
                throw error
            }
        } catch {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: MetricsSourceError) -> PublishingError {
        switch error {
        case .unavailable(let message): return .unavailable(message)
        case .configuration(let message): return .configuration(message)
        case .noData(let message): return .notFound(message)
        case .invalidRequest(let message):
            return message.hasPrefix("CORRUPTED:") ? .corrupted(String(message.dropFirst(10))) : .invalidRequest(message)
        case .queryFailed(let query, let sqlState, _) where sqlState == "42P01":
            return .configuration("Query '\(query)' found no publication tables (SQLSTATE 42P01); "
                + "run 'workbench db init' on this database first.")
        case .queryFailed where error.isTransient:
            return .unavailable(error.description)
        default:
            return .cannotWrite(error.description)
        }
    }

    // MARK: - bytea text form

    /// `\x` followed by lower-case hex: PostgreSQL's bytea input format for a text parameter.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 2 + bytes.count * 2)
        out[0] = UInt8(ascii: "\\")
        out[1] = UInt8(ascii: "x")
        for (index, byte) in bytes.enumerated() {
            out[2 + 2 * index] = digits[Int(byte >> 4)]
            out[3 + 2 * index] = digits[Int(byte & 0x0F)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses bytea's hex output (`\x…`).
    static func bytes(fromHex text: String) throws(MetricsSourceError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            throw .malformedResponse(query: "read bundle files", message: "bytea is not in hex format")
        }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30 ... 0x39: c - 0x30
            case 0x61 ... 0x66: c - 0x61 + 10
            case 0x41 ... 0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else {
                throw .malformedResponse(query: "read bundle files", message: "bytea has a non-hex digit")
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
