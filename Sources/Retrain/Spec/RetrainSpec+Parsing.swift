import Foundation
import MetricsSource
import Pipeline
import Yams

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
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            let reason = "\(error)".split(separator: "\n").first.map(String.init) ?? "not YAML"
            throw .invalidSpec(file: file, problems: [SpecProblem(path: "", message: "not valid YAML: \(reason)")])
        }
        var reader = SpecReader()
        let keys = ["source", "registry", "time", "group", "tenants", "holdout", "models", "publish", "report",
                    "metrics_textfile", "seed"]
        guard let root else {
            throw .invalidSpec(file: file, problems: [SpecProblem(path: "", message: "the spec is empty")])
        }
        let top = reader.mapping(root, at: "", allowed: keys) ?? [:]
        let source = readSource(top["source"], reader: &reader)
        let time = reader.requiredString(top["time"], at: "time")
        let group = reader.requiredString(top["group"], at: "group")
        let tenants = readTenants(top["tenants"], reader: &reader)
        let holdout = top["holdout"] == nil ? nil : reader.duration(top["holdout"])
        if top["holdout"] == nil { reader.fail("holdout", "is required (e.g. 7d): candidates are judged on it") }
        let models = readModels(top["models"], reader: &reader)
        let publish = readPublish(top["publish"], reader: &reader)
        let report = top["report"].flatMap { entry in
            reader.mapping(entry.node, at: entry.path, allowed: ["to"]).flatMap { reader.requiredString($0["to"], at: entry.path + ".to") }
        }
        var seed: UInt64 = 0
        if let entry = top["seed"] {
            if let value = UInt64(entry.node.scalar?.string ?? "") { seed = value } else {
                reader.fail(entry.path, "expected a non-negative integer, got \(SpecReader.show(entry.node))")
            }
        }
        let spec = RetrainSpec(
            source: source ?? .file(path: ""), registry: reader.string(top["registry"]), time: time ?? "",
            group: group ?? "", tenants: tenants, holdoutSeconds: holdout ?? 0, models: models,
            publish: publish, reportDirectory: report, metricsTextfile: reader.string(top["metrics_textfile"]),
            seed: seed)
        guard reader.problems.isEmpty else { throw .invalidSpec(file: file, problems: reader.problems) }
        return spec
    }

    private static func readSource(_ entry: (node: Node, path: String)?, reader: inout SpecReader) -> Source? {
        guard let entry else {
            reader.fail("source", "is required (file: PATH or postgres: {...})")
            return nil
        }
        guard let fields = reader.mapping(entry.node, at: entry.path, allowed: ["file", "postgres"]) else { return nil }
        switch (fields["file"], fields["postgres"]) {
        case (let file?, nil):
            return reader.string(file).map { .file(path: $0) }
        case (nil, let postgres?):
            let keys = ["dsn_env", "window", "bucket", "aggregates", "schema", "until"]
            guard let pg = reader.mapping(postgres.node, at: postgres.path, allowed: keys) else { return nil }
            let dsnEnv = reader.requiredString(pg["dsn_env"], at: postgres.path + ".dsn_env")
            let window = pg["window"] == nil ? 30 * 86400 : reader.duration(pg["window"])
            let bucket = pg["bucket"] == nil ? 300 : reader.duration(pg["bucket"])
            let aggregates = reader.stringList(pg["aggregates"]) ?? ["avg"]
            for (index, name) in aggregates.enumerated() where !Self.aggregates.contains(name) {
                reader.fail("\(postgres.path).aggregates[\(index)]",
                            "unknown aggregate '\(name)' (expected one of \(Self.aggregates.joined(separator: ", ")))")
            }
            if let dsnEnv, !dsnEnv.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                reader.fail(postgres.path + ".dsn_env", "expected the NAME of an environment variable, got '\(dsnEnv)'")
            }
            let schema = reader.string(pg["schema"]) ?? "public"
            var until: Int64?
            if let entry = pg["until"], let text = reader.string(entry) {
                until = try? PullTime.parse(text, now: 0)
                if until == nil || text.hasPrefix("now") {
                    reader.fail(entry.path, "expected an ISO 8601 UTC time such as 2026-01-12T00:00:00Z, got '\(text)'")
                }
            }
            guard let dsnEnv, let window, let bucket else { return nil }
            return .postgres(PostgresSource(dsnEnv: dsnEnv, windowSeconds: window, bucketSeconds: bucket,
                                            aggregates: aggregates, schema: schema, until: until))
        default:
            reader.fail(entry.path, "expected exactly one of file or postgres")
            return nil
        }
    }

    /// The aggregates `workbench pull --aggregate` accepts.
    static let aggregates = ["avg", "min", "max", "sum", "count", "last", "p50", "p95", "p99"]

    private static func readTenants(_ entry: (node: Node, path: String)?, reader: inout SpecReader) -> Tenants {
        guard let entry else { return .all }
        if entry.node.scalar?.string == "all" { return .all }
        guard let list = reader.stringList(entry) else { return .all }
        if list.isEmpty { reader.fail(entry.path, "expected all or a non-empty list of tenant ids") }
        return .list(list)
    }

    private static func readPublish(_ entry: (node: Node, path: String)?, reader: inout SpecReader) -> PublishTarget? {
        guard let entry else { return nil }
        guard let fields = reader.mapping(entry.node, at: entry.path, allowed: ["to", "dsn_env"]) else { return nil }
        switch (fields["to"], fields["dsn_env"]) {
        case (let to?, nil): return reader.string(to).map { .directory($0) }
        case (nil, let env?): return reader.string(env).map { .postgres(dsnEnv: $0) }
        default:
            reader.fail(entry.path, "expected exactly one of to (a folder) or dsn_env (a PostgreSQL DSN variable)")
            return nil
        }
    }

    private static func readModels(_ entry: (node: Node, path: String)?, reader: inout SpecReader) -> [ModelSpec] {
        guard let entry else {
            reader.fail("models", "is required: a list of models to train")
            return []
        }
        guard let sequence = entry.node.sequence, !sequence.isEmpty else {
            reader.fail(entry.path, "expected a non-empty list of models, got \(SpecReader.show(entry.node))")
            return []
        }
        var models: [ModelSpec] = []
        var names: Set<String> = []
        for (index, node) in sequence.enumerated() {
            let path = "\(entry.path)[\(index)]"
            if let model = readModel(node, at: path, reader: &reader) {
                if !names.insert(model.name).inserted { reader.fail(path + ".name", "'\(model.name)' is used twice") }
                models.append(model)
            }
        }
        return models
    }

    private static func readModel(_ node: Node, at path: String, reader: inout SpecReader) -> ModelSpec? {
        let keys = ["name", "per_tenant", "algorithm", "target", "features", "hyperparameters", "gates"]
        guard let fields = reader.mapping(node, at: path, allowed: keys) else { return nil }
        let name = reader.requiredString(fields["name"], at: path + ".name")
        if let name, !RegistryNames.isValid(name) {
            reader.fail(path + ".name", "'\(name)' is not a registry name (lowercase letters, digits, '.', '_', '-'; starting with a letter or digit)")
        }
        let algorithm = reader.requiredString(fields["algorithm"], at: path + ".algorithm")
        if let algorithm, !algorithms.contains(algorithm) {
            let hint = SpecReader.closest(to: algorithm, in: algorithms).map { "; did you mean '\($0)'?" } ?? ""
            reader.fail(path + ".algorithm", "unknown algorithm '\(algorithm)'\(hint)")
        }
        let target = reader.string(fields["target"])
        if let algorithm, algorithm.hasPrefix("random-forest"), target == nil {
            reader.fail(path + ".target", "is required for \(algorithm)")
        }
        let features = readFeatures(fields["features"], reader: &reader)
        let hyperparameters = readHyperparameters(fields["hyperparameters"], reader: &reader)
        let gates = readGates(fields["gates"], reader: &reader)
        guard let name, let algorithm else { return nil }
        return ModelSpec(name: name, perTenant: reader.bool(fields["per_tenant"]) ?? false, algorithm: algorithm,
                         target: target, features: features, hyperparameters: hyperparameters, gates: gates)
    }

    /// `features: default`, a file path, or an inline mapping kept as YAML text for the Features library.
    private static func readFeatures(_ entry: (node: Node, path: String)?, reader: inout SpecReader) -> String? {
        guard let entry else { return nil }
        var text: String?
        if entry.node.mapping != nil {
            do { text = try Yams.serialize(node: entry.node) } catch {
                reader.fail(entry.path, "cannot be read back as YAML: \(error)")
                return nil
            }
        } else {
            text = reader.string(entry)
        }
        if let text {
            do { _ = try TrainingPlan.featureSpec(text) } catch { reader.fail(entry.path, "\(error)") }
        }
        return text
    }

    private static func readHyperparameters(_ entry: (node: Node, path: String)?, reader: inout SpecReader) -> [String: String] {
        guard let entry else { return [:] }
        guard let mapping = entry.node.mapping else {
            reader.fail(entry.path, "expected a mapping such as {trees: 200}, got \(SpecReader.show(entry.node))")
            return [:]
        }
        var values: [String: String] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let path = "\(entry.path).\(name)"
            guard let option = HyperparameterNames.option(for: name) else {
                let hint = SpecReader.closest(to: name, in: HyperparameterNames.all).map { "; did you mean '\($0)'?" } ?? ""
                reader.fail(path, "unknown hyperparameter\(hint)")
                continue
            }
            guard let text = value.scalar?.string, !text.isEmpty else {
                reader.fail(path, "expected a value for \(option), got \(SpecReader.show(value))")
                continue
            }
            var probe = Hyperparameters()
            if let expected = HyperparameterValues.set(name, text, in: &probe) {
                reader.fail(path, "expected \(expected), got '\(text)'")
                continue
            }
            values[name] = text
        }
        return values
    }

    private static func readGates(_ entry: (node: Node, path: String)?, reader: inout SpecReader) -> Gates {
        guard let entry else { return Gates() }
        let keys = ["min", "max", "max_regression", "max_false_alerts_per_day"]
        guard let fields = reader.mapping(entry.node, at: entry.path, allowed: keys) else { return Gates() }
        var gates = Gates(minimum: reader.numberMap(fields["min"]), maximum: reader.numberMap(fields["max"]),
                          maxRegression: reader.numberMap(fields["max_regression"]))
        if let limit = fields["max_false_alerts_per_day"] {
            gates.maxFalseAlertsPerDay = reader.number(limit)
            if let value = gates.maxFalseAlertsPerDay, value < 0 {
                reader.fail(limit.path, "must be ≥ 0, got \(value)")
            }
        }
        for (metric, limit) in gates.maxRegression where limit < 0 {
            reader.fail("\(entry.path).max_regression.\(metric)", "must be ≥ 0 (the largest allowed worsening), got \(limit)")
        }
        return gates
    }
}
