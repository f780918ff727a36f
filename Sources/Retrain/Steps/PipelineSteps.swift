import Datasets
import Foundation
import Forests
import ModelStore
import Pipeline
import Publishing

/// The real work of each step: rows from the source, `Pipeline` training and scoring, the registry, publishing.
///
/// Every write goes through the registry (atomic version files, index and alias moves) or the publishers
/// (staged bundles, atomic pointers), so a crash at any step leaves both as they were or fully moved; the
/// next run with the same data finds the registered version by its idempotency key and finishes its moves.
public final class PipelineSteps: RetrainSteps {
    public typealias RunData = RunRows
    public typealias Candidate = TrainingResult

    /// The alias the job promotes to and evaluates against.
    public static let productionAlias = "production"

    public let spec: RetrainSpec
    public let source: RetrainSource
    public let registry: ModelRegistry
    /// Called as trees finish while a forest trains (finished, total).
    public var onTrees: TreeProgress?
    /// What each run measured, by registry name, for the report.
    public private(set) var records: [String: RunRecord] = [:]
    private let environment: [String: String]

    public init(spec: RetrainSpec, source: RetrainSource, registry: ModelRegistry, environment: [String: String]) {
        self.spec = spec
        self.source = source
        self.registry = registry
        self.environment = environment
    }

    public func load(_ run: PlannedRun) throws -> (data: RunRows, digest: String) {
        let rows = try source.rows(tenants: run.tenants)
        let split = try rows.split(tenants: run.tenants, holdoutSeconds: spec.holdoutSeconds)
            .keepingRowsWithValue(in: run.model.target)
        let data = try RunRows(split: split, source: source.description)
        records[run.registryName] = RunRecord(
            trainingRows: split.training.rowCount, holdoutRows: split.holdout.rowCount,
            trainingEnd: split.trainingEnd, holdoutStart: split.holdoutStart, holdoutEnd: split.holdoutEnd)
        return (data, data.digest)
    }

    public func existingVersion(_ run: PlannedRun, key: IdempotencyKey) throws -> ExistingVersion? {
        guard let index = try Self.unlessNotFound({ () throws(ModelStoreError) in try registry.index(of: run.registryName) })
        else { return nil }
        guard let entry = index.versions.last(where: { $0.metadata.lineage.idempotencyKey == key.hex }) else { return nil }
        return ExistingVersion(version: "v\(entry.version)",
                               isProduction: index.aliases[Self.productionAlias] == entry.version,
                               metrics: HoldoutMetricNames.holdout(entry.metadata.metrics))
    }

    public func train(_ run: PlannedRun, on data: RunRows) throws -> TrainingResult {
        var request = try TrainingPlan.request(for: run.model, spec: spec, columns: data.split.training)
        // Pipeline applies the spec, stores it with the model, and every scorer (predict, evaluate, the
        // Python loader, collectors) applies the stored spec to raw rows the same way.
        request.featureSpec = try run.model.features.map(TrainingPlan.featureSpec)
        return try ModelTraining.train(request, on: data.split.training, source: data.source, progress: onTrees)
    }

    /// Measures the candidate on the hold-out, together with the production version when there is one (both
    /// scored once, on the same rows, features computed once when they share a spec), so `evaluateProduction`
    /// then returns the production figures without scoring again.
    public func evaluate(_ candidate: TrainingResult, _ run: PlannedRun, on data: RunRows) throws -> [String: Double] {
        let production = try self.production(run)
        let measured = try measure((candidate.model, candidate.metadata, "\(run.registryName) candidate"),
                                   production.map { ($0.model, $0.metadata, $0.name) }, run, data)
        records[run.registryName]?.candidate = candidate
        records[run.registryName]?.evaluation = measured
        records[run.registryName]?.productionVersion = production?.version
        return measured.metrics
    }

    /// The production version's metrics on the same hold-out: those `evaluate` measured beside this run's
    /// candidate, or (a re-run reusing a registered version, no candidate) measured now.
    public func evaluateProduction(_ run: PlannedRun, on data: RunRows) throws -> [String: Double]? {
        if records[run.registryName]?.candidate != nil {
            return records[run.registryName]?.evaluation?.production
        }
        guard let production = try production(run) else { return nil }
        return try measure((production.model, production.metadata, production.name), nil, run, data).metrics
    }

    /// The `production` version of the run's model with the name reports give it; nil before the first promotion.
    private func production(_ run: PlannedRun) throws -> (model: TrainedModel, metadata: ModelMetadata, name: String,
                                                           version: String)? {
        let reference = try ModelReference(name: run.registryName, selector: .alias(Self.productionAlias))
        guard let loaded = try Self.unlessNotFound({ () throws(ModelStoreError) in try registry.load(reference) })
        else { return nil }
        let version = loaded.metadata.version.map { "v\($0)" } ?? "?"
        return (loaded.model, loaded.metadata, "\(run.registryName)@\(version) (production)", version)
    }

    public func register(
        _ candidate: TrainingResult, _ run: PlannedRun, metrics: [String: Double], key: IdempotencyKey
    ) throws -> String {
        var metadata = candidate.metadata
        metadata.lineage.tenant = run.tenant
        metadata.lineage.idempotencyKey = key.hex
        metadata.metrics.merge(HoldoutMetricNames.stored(metrics), uniquingKeysWith: { $1 })
        if let gate = run.model.gates.minimum.keys.sorted().first ?? run.model.gates.maxRegression.keys.sorted().first,
           metrics[gate] != nil {
            metadata.keyMetric = HoldoutMetricNames.prefix + gate
        }
        let entry = try registry.register(candidate.model, metadata: metadata, name: run.registryName,
                                          selfTestRows: candidate.selfTestRows)
        return "v\(entry.version)"
    }

    public func promoteAndPublish(_ run: PlannedRun, version: String, reason: String) throws {
        try registry.promote(try reference(run, version), alias: Self.productionAlias, reason: "retrain: \(reason)")
        _ = try publish(run, version: version)
    }

    public func publish(_ run: PlannedRun, version: String) throws -> Bool {
        guard let target = spec.publish else { return false }
        let bundle = try ModelBundle(registry: registry, reference: try reference(run, version), threshold: nil,
                                     producer: "workbench \(WorkbenchVersion.current) retrain")
        switch target {
        case .directory(let root):
            return try DirectoryPublisher(root: root).publish(bundle, threshold: nil).changed
        case .postgres(let dsnEnv):
            guard let dsn = environment[dsnEnv], !dsn.isEmpty else {
                throw RetrainError.configuration("publish.dsn_env: environment variable \(dsnEnv) is unset or empty; "
                    + "it should hold the publication database's DSN.")
            }
            return try DatabasePublisher(dsn: dsn).publish(bundle, threshold: nil).changed
        }
    }

    public func falseAlertsKey(_ run: PlannedRun) -> String {
        run.model.target == nil ? "alert_episodes_per_group_day" : "false_alerts_per_group_day"
    }

    private func measure(
        _ model: (TrainedModel, ModelMetadata, name: String), _ production: (TrainedModel, ModelMetadata, name: String)?,
        _ run: PlannedRun, _ data: RunRows
    ) throws -> HoldoutEvaluation {
        try HoldoutEvaluation.measure(
            model, against: production, window: data.window, holdoutStart: data.split.holdoutStart,
            source: "\(data.source) (hold-out)",
            target: run.model.target, time: spec.time, group: spec.group,
            compareOn: run.model.gates.maxRegression.keys.sorted().first)
    }

    /// `body`'s value, or nil when what it looks up does not exist.
    private static func unlessNotFound<T>(_ body: () throws(ModelStoreError) -> T) throws(ModelStoreError) -> T? {
        do {
            return try body()
        } catch {
            if case .notFound = error { return nil }
            throw error
        }
    }

    private func reference(_ run: PlannedRun, _ version: String) throws -> ModelReference {
        try ModelReference(parsing: "\(run.registryName)@\(version)")
    }
}

/// What one run measured, kept for its report page.
public struct RunRecord: Sendable {
    public var trainingRows: Int
    public var holdoutRows: Int

    public var trainingEnd: Double
    public var holdoutStart: Double
    public var holdoutEnd: Double
    /// The model this run trained.
    public var candidate: TrainingResult?
    /// The candidate on the hold-out, with production when there is one.
    public var evaluation: HoldoutEvaluation?
    public var productionVersion: String?
}

/// Hold-out metrics as stored in model metadata: `holdout_` + key, so they never pass for training figures.
enum HoldoutMetricNames {
    static let prefix = "holdout_"

    static func stored(_ metrics: [String: Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: metrics.map { (prefix + $0.key, $0.value) })
    }

    static func holdout(_ metrics: [String: Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: metrics.compactMap { key, value in
            key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil
        })
    }
}
