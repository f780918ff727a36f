/// One unit of work: one model for one tenant (or for every tenant at once).
public struct PlannedRun: Equatable, Sendable {
    /// The tenant whose rows train the model; nil for a model shared by all tenants.
    public let tenant: String?
    /// The tenants whose rows the run reads: its tenant, or for a shared model every tenant of the spec
    /// (all of them whatever the shard, since the one shared model runs in shard 0 only).
    public let tenants: [String]
    /// The model entry of the spec.
    public let model: ModelSpec
    /// The registry name the version goes to (`NAME-TENANT` for per-tenant models).
    public let registryName: String
}

/// The runs of one invocation, in a stable order (model order of the spec, then tenant id).
public struct RetrainPlan: Equatable, Sendable {
    public let runs: [PlannedRun]

    /// Expands `spec` over `tenantsInSource`, keeping `only` (a `--tenant` filter) and the tenants of `shard`.
    ///
    /// Models shared by all tenants run in shard 0 only, so N shards never train them N times.
    /// - Throws: `RetrainError.invalidRequest` when `only` or a listed tenant is not in the source,
    ///   `.badData` when the source has no tenants.
    public init(spec: RetrainSpec, tenantsInSource: [String], only: String? = nil,
                shard: Shard = .all) throws(RetrainError) {
        let found = Set(tenantsInSource)
        guard !found.isEmpty else { throw .badData("The source has no rows in the group column '\(spec.group)'.") }
        var tenants: [String]
        switch spec.tenants {
        case .all: tenants = found.sorted()
        case .list(let listed):
            if let missing = listed.first(where: { !found.contains($0) }) {
                throw .invalidRequest("Tenant '\(missing)' listed in the spec is not in the source (found: \(Self.sample(found))).")
            }
            tenants = listed
        }
        if let only {
            guard tenants.contains(only) else {
                throw .invalidRequest("--tenant '\(only)' is not among the spec's tenants (\(Self.sample(Set(tenants)))).")
            }
            tenants = [only]
        }
        let mine = tenants.filter { shard.contains($0) }
        var runs: [PlannedRun] = []
        for model in spec.models {
            if model.perTenant {
                runs += mine.map {
                    PlannedRun(tenant: $0, tenants: [$0], model: model,
                               registryName: RegistryNames.perTenant(model.name, tenant: $0))
                }
            } else if shard.index == 0 && only == nil {
                runs.append(PlannedRun(tenant: nil, tenants: tenants, model: model, registryName: model.name))
            }
        }
        self.runs = runs
    }

    private static func sample(_ tenants: Set<String>) -> String {
        let sorted = tenants.sorted()
        return sorted.prefix(5).joined(separator: ", ") + (sorted.count > 5 ? ", …" : "")
    }
}
