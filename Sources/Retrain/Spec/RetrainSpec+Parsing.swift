import Foundation
import MetricsSource
import NumericCore
import Pipeline
import SpecDocuments

extension RetrainSpec {
    /// The algorithms a model entry may name (as `workbench train --algorithm`).
    public static let algorithms = [
        "random-forest-classifier", "random-forest-regressor", "isolation-forest", "extended-isolation-forest",
    ]

    /// Reads and validates the job spec at `path` as a whole.
    /// - Throws: `RetrainError.unreadableSpec` or `.invalidSpec` listing every problem with its key path.
    public static func load(path: String) throws(RetrainError) -> RetrainSpec {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableSpec(file: path, reason: (error as NSError).localizedFailureReason ?? "\(error)")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses and validates a job spec from YAML text; `file` names it in errors.
    /// - Throws: `RetrainError.invalidSpec` listing every problem with its key path.
    public static func parse(yaml: String, file: String) throws(RetrainError) -> RetrainSpec {
        var reader = SpecReader()
        guard let root = reader.document(yaml: yaml) else { throw .invalidSpec(file: file, problems: reader.problems) }
        let keys = ["source", "registry", "time", "group", "tenants", "holdout", "models", "publish", "report",
                    "metrics_textfile", "seed"]
        let top = reader.mapping(root, at: "", allowed: keys, what: "a job spec") ?? [:]
        let source = readSource(top["source"], reader: &reader)
        let time = reader.text(top["time"], at: "time", what: "a column name")
        let group = reader.text(top["group"], at: "group", what: "a column name")
        let tenants = readTenants(top["tenants"], reader: &reader)
        let holdout = top["holdout"] == nil ? nil : reader.seconds(top["holdout"], at: "holdout")
        if top["holdout"] == nil { reader.report("holdout", "is required (e.g. 7d): candidates are judged on it.") }
        let models = readModels(top["models"], reader: &reader)
        let publish = readPublish(top["publish"], reader: &reader)
        let report = top["report"].flatMap { value in
            reader.mapping(value, at: "report", allowed: ["to"], what: "the report")
                .flatMap { reader.text($0["to"], at: "report.to", what: "a folder") }
        }
        var seed: UInt64 = 0
        if let value = top["seed"] {
            if let whole = value.scalarText.flatMap({ UInt64($0) }) { seed = whole } else {
                reader.report("seed", "expected a whole number from 0 to \(UInt64.max); got \(value.shown).")
            }
        }
        let spec = RetrainSpec(
            source: source ?? .file(path: ""), registry: top["registry"].flatMap { reader.text($0, at: "registry", what: "a folder") },
            time: time ?? "", group: group ?? "", tenants: tenants, holdoutSeconds: holdout ?? 0, models: models,
            publish: publish, reportDirectory: report,
            metricsTextfile: top["metrics_textfile"].flatMap { reader.text($0, at: "metrics_textfile", what: "a file path") },
            seed: seed)
        guard reader.problems.isEmpty else { throw .invalidSpec(file: file, problems: reader.problems) }
        return spec
    }

    private static func readSource(_ value: SpecValue?, reader: inout SpecReader) -> Source? {
        guard let value else {
            reader.report("source", "is required (file: PATH or postgres: {...}).")
            return nil
        }
        guard let fields = reader.mapping(value, at: "source", allowed: ["file", "postgres"], what: "the source") else {
            return nil
        }
        switch (fields["file"], fields["postgres"]) {
        case (let file?, nil):
            return reader.text(file, at: "source.file", what: "a file path").map { .file(path: $0) }
        case (nil, let postgres?):
            let path = "source.postgres"
            let keys = ["dsn_env", "window", "bucket", "aggregates", "schema", "until"]
            guard let pg = reader.mapping(postgres, at: path, allowed: keys, what: "a PostgreSQL source") else { return nil }
            let dsnEnv = reader.text(pg["dsn_env"], at: path + ".dsn_env", what: "an environment variable name")
            let window = pg["window"] == nil ? 30 * 86400 : reader.seconds(pg["window"], at: path + ".window")
            let bucket = pg["bucket"] == nil ? 300 : reader.seconds(pg["bucket"], at: path + ".bucket")
            let aggregates = reader.names(pg["aggregates"], at: path + ".aggregates", what: "aggregates",
                                          each: "an aggregate") ?? ["avg"]
            for (index, name) in aggregates.enumerated() where !Self.aggregates.contains(name) {
                reader.report("\(path).aggregates[\(index)]", "unknown aggregate '\(name)'"
                    + SpecReader.suggestion(for: name, in: Self.aggregates)
                    + " (expected one of \(Self.aggregates.joined(separator: ", "))).")
            }
            if let dsnEnv, !dsnEnv.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                reader.report(path + ".dsn_env", "expected the NAME of an environment variable; got '\(dsnEnv)'.")
            }
            let schema = pg["schema"].flatMap { reader.text($0, at: path + ".schema", what: "a schema name") } ?? "public"
            var until: Int64?
            if let value = pg["until"], let text = reader.text(value, at: path + ".until", what: "a time") {
                until = try? PullTime.parse(text, now: 0)
                if until == nil || text.hasPrefix("now") {
                    reader.report(path + ".until", "expected an ISO 8601 UTC time such as 2026-01-12T00:00:00Z; got '\(text)'.")
                }
            }
            guard let dsnEnv, let window, let bucket else { return nil }
            return .postgres(PostgresSource(dsnEnv: dsnEnv, windowSeconds: window, bucketSeconds: bucket,
                                            aggregates: aggregates, schema: schema, until: until))
        default:
            reader.report("source", "expected exactly one of file or postgres.")
            return nil
        }
    }

    /// The aggregates `workbench pull --aggregate` accepts.
    static let aggregates = ["avg", "min", "max", "sum", "count", "last", "p50", "p95", "p99"]

    private static func readTenants(_ value: SpecValue?, reader: inout SpecReader) -> Tenants {
        guard let value else { return .all }
        if value.scalarText == "all" { return .all }
        guard let list = reader.names(value, at: "tenants", what: "tenant ids (or all)", each: "a tenant id") else {
            return .all
        }
        return .list(list)
    }

    private static func readPublish(_ value: SpecValue?, reader: inout SpecReader) -> PublishTarget? {
        guard let value else { return nil }
        guard let fields = reader.mapping(value, at: "publish", allowed: ["to", "dsn_env"], what: "the publish target") else {
            return nil
        }
        switch (fields["to"], fields["dsn_env"]) {
        case (let to?, nil): return reader.text(to, at: "publish.to", what: "a folder").map { .directory($0) }
        case (nil, let env?):
            return reader.text(env, at: "publish.dsn_env", what: "an environment variable name").map { .postgres(dsnEnv: $0) }
        default:
            reader.report("publish", "expected exactly one of to (a folder) or dsn_env (a PostgreSQL DSN variable).")
            return nil
        }
    }

    private static func readModels(_ value: SpecValue?, reader: inout SpecReader) -> [ModelSpec] {
        guard let value else {
            reader.report("models", "is required: a list of models to train.")
            return []
        }
        guard case .array(let items) = value, !items.isEmpty else {
            reader.report("models", "expected a non-empty list of models; got \(value.shown).")
            return []
        }
        var models: [ModelSpec] = []
        var names: Set<String> = []
        for (index, item) in items.enumerated() {
            let path = "models[\(index)]"
            if let model = readModel(item, at: path, reader: &reader) {
                if !names.insert(model.name).inserted { reader.report(path + ".name", "'\(model.name)' is used twice.") }
                models.append(model)
            }
        }
        return models
    }

    private static func readModel(_ value: SpecValue, at path: String, reader: inout SpecReader) -> ModelSpec? {
        let keys = ["name", "per_tenant", "algorithm", "target", "features", "hyperparameters", "gates"]
        guard let fields = reader.mapping(value, at: path, allowed: keys, what: "a model") else { return nil }
        let name = reader.text(fields["name"], at: path + ".name", what: "a registry name")
        if let name, !RegistryNames.isValid(name) {
            reader.report(path + ".name", "'\(name)' is not a registry name (lowercase letters, digits, '.', '_', '-'; starting with a letter or digit).")
        }
        let algorithm = reader.text(fields["algorithm"], at: path + ".algorithm", what: "an algorithm")
        if let algorithm, !algorithms.contains(algorithm) {
            reader.report(path + ".algorithm", "unknown algorithm '\(algorithm)'"
                + SpecReader.suggestion(for: algorithm, in: algorithms)
                + " (expected one of \(algorithms.joined(separator: ", "))).")
        }
        let target = fields["target"].flatMap { reader.text($0, at: path + ".target", what: "a column name") }
        if let algorithm, algorithm.hasPrefix("random-forest"), target == nil {
            reader.report(path + ".target", "is required for \(algorithm).")
        }
        let features = readFeatures(fields["features"], at: path + ".features", reader: &reader)
        let hyperparameters = readHyperparameters(fields["hyperparameters"], at: path + ".hyperparameters", reader: &reader)
        let gates = readGates(fields["gates"], at: path + ".gates", reader: &reader)
        let perTenant = reader.bool(fields["per_tenant"], at: path + ".per_tenant", fallback: false)
        guard let name, let algorithm else { return nil }
        return ModelSpec(name: name, perTenant: perTenant, algorithm: algorithm,
                         target: target, features: features, hyperparameters: hyperparameters, gates: gates)
    }

    /// `features: default`, a file path, or an inline mapping kept as canonical JSON text (JSON is YAML) for the
    /// Features library.
    private static func readFeatures(_ value: SpecValue?, at path: String, reader: inout SpecReader) -> String? {
        guard let value else { return nil }
        let text: String?
        if case .object = value { text = value.json } else { text = reader.text(value, at: path, what: "default, a file path or a mapping") }
        if let text {
            do { _ = try TrainingPlan.featureSpec(text) } catch { reader.report(path, "\(error)") }
        }
        return text
    }

    private static func readHyperparameters(_ value: SpecValue?, at path: String, reader: inout SpecReader) -> [String: String] {
        guard let value else { return [:] }
        guard case .object(let pairs) = value else {
            reader.report(path, "expected a mapping such as {trees: 200}; got \(value.shown).")
            return [:]
        }
        var values: [String: String] = [:]
        for (name, child) in pairs {
            let key = "\(path).\(name)"
            guard let option = HyperparameterNames.option(for: name) else {
                reader.report(key, "unknown hyperparameter\(SpecReader.suggestion(for: name, in: HyperparameterNames.all)).")
                continue
            }
            guard let text = child.scalarText, !text.isEmpty else {
                reader.report(key, "expected a value for \(option); got \(child.shown).")
                continue
            }
            var probe = Hyperparameters()
            if let expected = HyperparameterValues.set(name, text, in: &probe) {
                reader.report(key, "expected \(expected); got '\(text)'.")
                continue
            }
            values[name] = text
        }
        return values
    }

    private static func readGates(_ value: SpecValue?, at path: String, reader: inout SpecReader) -> Gates {
        guard let value else { return Gates() }
        let keys = ["min", "max", "max_regression", "max_false_alerts_per_day"]
        guard let fields = reader.mapping(value, at: path, allowed: keys, what: "the gates") else { return Gates() }
        var gates = Gates(minimum: reader.metrics(fields["min"], at: path + ".min"),
                          maximum: reader.metrics(fields["max"], at: path + ".max"),
                          maxRegression: reader.metrics(fields["max_regression"], at: path + ".max_regression"))
        if let limit = fields["max_false_alerts_per_day"] {
            gates.maxFalseAlertsPerDay = reader.number(limit, at: path + ".max_false_alerts_per_day")
            if let value = gates.maxFalseAlertsPerDay, value < 0 {
                reader.report(path + ".max_false_alerts_per_day", "must be ≥ 0; got \(value).")
            }
        }
        for (metric, limit) in gates.maxRegression where limit < 0 {
            reader.report("\(path).max_regression.\(metric)", "must be ≥ 0 (the largest allowed worsening); got \(limit).")
        }
        return gates
    }
}

extension SpecReader {
    /// A duration such as `90s`, `5m`, `1h`, `7d` in seconds; nil (reported) when malformed.
    mutating func seconds(_ value: SpecValue?, at path: String) -> Int? {
        guard let text = text(value, at: path, what: "a duration such as 90s, 5m, 1h, 7d") else { return nil }
        guard let seconds = DurationText.seconds(text) else {
            report(path, "expected a duration such as 90s, 5m, 1h, 7d; got '\(text)'.")
            return nil
        }
        return seconds
    }

    /// A mapping of gate metric names to finite numbers; unknown metrics get a did-you-mean.
    mutating func metrics(_ value: SpecValue?, at path: String) -> [String: Double] {
        guard let value else { return [:] }
        guard case .object(let pairs) = value else {
            report(path, "expected a mapping of metric: number; got \(value.shown).")
            return [:]
        }
        var values: [String: Double] = [:]
        for (name, child) in pairs {
            guard MetricDirection.of(name) != nil else {
                report("\(path).\(name)", "unknown metric\(Self.suggestion(for: name, in: MetricDirection.knownMetrics)).")
                continue
            }
            if let number = number(child, at: "\(path).\(name)") { values[name] = number }
        }
        return values
    }
}
