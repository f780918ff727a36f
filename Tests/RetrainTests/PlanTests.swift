import Retrain
import Testing

@Suite("Planning runs")
struct PlanTests {
    func spec(tenants: RetrainSpec.Tenants = .all) throws -> RetrainSpec {
        var spec = try RetrainSpec.parse(yaml: RetrainSpecTests.valid, file: "j.yaml")
        spec.tenants = tenants
        var shared = spec.models[0]
        shared.name = "load"
        shared.perTenant = false
        spec.models.append(shared)
        return spec
    }

    @Test("per-tenant models expand over tenants; shared models run once")
    func expands() throws {
        let plan = try RetrainPlan(spec: spec(), tenantsInSource: ["Tenant B", "tenant-a"])
        #expect(plan.runs.map(\.registryName) == ["anomalies-tenant-b", "anomalies-tenant-a", "load"])
        #expect(plan.runs.map(\.tenant) == ["Tenant B", "tenant-a", nil])
        #expect(plan.runs.map(\.tenants) == [["Tenant B"], ["tenant-a"], ["Tenant B", "tenant-a"]])
    }

    @Test("the shared model reads every tenant of the spec, whatever the shard, and only the listed ones")
    func sharedTenants() throws {
        let tenants = (0 ..< 20).map { "t\($0)" }
        let first = try RetrainPlan(spec: spec(), tenantsInSource: tenants, shard: Shard(index: 0, of: 3))
        #expect(first.runs.last?.tenant == nil)
        #expect(first.runs.last?.tenants == tenants.sorted())
        let listed = try RetrainPlan(spec: spec(tenants: .list(["t3", "t1"])), tenantsInSource: tenants)
        #expect(listed.runs.last?.tenants == ["t3", "t1"])
    }

    @Test("--tenant keeps one tenant and skips shared models")
    func onlyOneTenant() throws {
        let plan = try RetrainPlan(spec: spec(), tenantsInSource: ["tenant-a", "tenant-b"], only: "tenant-b")
        #expect(plan.runs.map(\.registryName) == ["anomalies-tenant-b"])
        #expect(throws: RetrainError.self) { try RetrainPlan(spec: spec(), tenantsInSource: ["tenant-a"], only: "nosuch") }
    }

    @Test("shards plan disjoint runs whose union is the whole plan")
    func shards() throws {
        let tenants = (0 ..< 20).map { "t\($0)" }
        let whole = try RetrainPlan(spec: spec(), tenantsInSource: tenants)
        let parts = try (0 ..< 3).map { try RetrainPlan(spec: spec(), tenantsInSource: tenants, shard: Shard(index: $0, of: 3)) }
        let names = parts.flatMap { $0.runs.map(\.registryName) }
        #expect(names.sorted() == whole.runs.map(\.registryName).sorted())
        #expect(Set(names).count == names.count)
    }

    @Test("a listed tenant missing from the source is an error")
    func missingTenant() throws {
        #expect(throws: RetrainError.self) {
            try RetrainPlan(spec: spec(tenants: .list(["tenant-z"])), tenantsInSource: ["tenant-a"])
        }
    }
}
