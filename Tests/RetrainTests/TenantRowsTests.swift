import Datasets
import Foundation
import Retrain
import Testing

@Suite("Tenant rows and hold-out")
struct TenantRowsTests {
    static let bundled: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/datasets/synthetic/metrics.wide.csv"

    @Test("the bundled metrics split per tenant with the hold-out strictly after training")
    func bundledSplit() throws {
        let rows = try TenantRows(DatasetIO.read(path: Self.bundled, csvOptions: .inferred), group: "tenant_id", time: "timestamp",
                                  source: Self.bundled)
        #expect(rows.tenants.count >= 2)
        let tenant = rows.tenants[0]
        let split = try rows.split(tenant: tenant, holdoutSeconds: 2 * 86400)
        guard case .numeric(let trainTimes) = split.training.column(named: "timestamp")?.data,
              case .numeric(let holdoutTimes) = split.holdout.column(named: "timestamp")?.data else {
            Issue.record("timestamp must be numeric")
            return
        }
        #expect(trainTimes.max()! < holdoutTimes.min()!)
        #expect(holdoutTimes.max()! - holdoutTimes.min()! < 2 * 86400)
        #expect(split.training.textValues(of: "tenant_id")!.allSatisfy { $0 == tenant })
        #expect(split.holdout.textValues(of: "tenant_id")!.allSatisfy { $0 == tenant })
        #expect(trainTimes == trainTimes.sorted())
    }

    @Test("missing columns and a hold-out covering everything are data errors")
    func errors() throws {
        let dataset = try Dataset(columns: [
            Column(name: "t", data: .numeric([0, 60, 120])), Column(name: "g", data: .text(["a", "a", "a"])),
        ])
        #expect(throws: RetrainError.self) { try TenantRows(dataset, group: "tenant", time: "t", source: "x.csv") }
        let rows = try TenantRows(dataset, group: "g", time: "t", source: "x.csv")
        #expect(throws: RetrainError.self) { try rows.split(tenant: "a", holdoutSeconds: 86400) }
        let split = try rows.split(tenant: "a", holdoutSeconds: 60)
        #expect(split.training.rowCount == 2 && split.holdout.rowCount == 1)
    }
}

@Suite("Rows of several tenants")
struct StackedTenantRowsTests {
    func part(_ tenant: String, times: [Double], columns: [(String, [Double])]) throws -> TenantRows {
        try TenantRows(Dataset(columns: [Column(name: "timestamp", data: .numeric(times))]
                                   + columns.map { Column(name: $0.0, data: .numeric($0.1)) }
                                   + [Column(name: "tenant_id", data: .text(times.map { _ in tenant }))]),
                       group: "tenant_id", time: "timestamp", source: "pull of \(tenant)")
    }

    @Test("stacked pulls keep every row; a metric one tenant lacks is missing in its rows")
    func stacking() throws {
        let a = try part("a", times: [0, 60, 120], columns: [("cpu", [1, 2, 3]), ("rps", [10, 20, 30])])
        let b = try part("b", times: [0, 60], columns: [("cpu", [4, 5])])
        let stacked = try TenantRows(stacking: [a, b], source: "pulls")
        #expect(stacked.dataset.columnNames == ["timestamp", "cpu", "rps", "tenant_id"])
        #expect(stacked.dataset.rowCount == 5)
        #expect(stacked.tenants == ["a", "b"])
        guard case .numeric(let rps)? = stacked.dataset.column(named: "rps")?.data else {
            Issue.record("rps must stay numeric")
            return
        }
        #expect(rps[0 ..< 3] == [10, 20, 30] && rps[3 ..< 5].allSatisfy(\.isNaN))
        let split = try stacked.split(tenants: ["a", "b"], holdoutSeconds: 60)
        #expect(split.training.rowCount == 4 && split.holdout.rowCount == 1)
        #expect(split.training.textValues(of: "tenant_id") == ["a", "b", "a", "b"])
        #expect(split.holdout.textValues(of: "tenant_id") == ["a"])
    }

    @Test("a column holding numbers for one tenant and text for another is a data error naming it")
    func mixedTypes() throws {
        let a = try part("a", times: [0], columns: [("host", [1])])
        let b = try TenantRows(Dataset(columns: [Column(name: "timestamp", data: .numeric([0])),
                                                 Column(name: "host", data: .text(["db-1"])),
                                                 Column(name: "tenant_id", data: .text(["b"]))]),
                               group: "tenant_id", time: "timestamp", source: "pull of b")
        #expect(throws: RetrainError.badData("pulls: column 'host' holds numbers for one tenant and text for another.")) {
            try TenantRows(stacking: [a, b], source: "pulls")
        }
        #expect(throws: RetrainError.self) { try TenantRows(stacking: [], source: "pulls") }
    }

    @Test("a split of some tenants keeps only their rows, in time order, with one cut for all of them")
    func subsetSplit() throws {
        let rows = try TenantRows(DatasetIO.read(path: TenantRowsTests.bundled, csvOptions: .inferred), group: "tenant_id",
                                  time: "timestamp", source: TenantRowsTests.bundled)
        let chosen = Array(rows.tenants.prefix(2))
        let split = try rows.split(tenants: chosen, holdoutSeconds: 2 * 86400)
        let each = try chosen.map { try rows.split(tenant: $0, holdoutSeconds: 2 * 86400) }
        #expect(split.training.rowCount == each.map(\.training.rowCount).reduce(0, +))
        #expect(split.holdout.rowCount == each.map(\.holdout.rowCount).reduce(0, +))
        #expect(Set(split.training.textValues(of: "tenant_id")!.compactMap { $0 }) == Set(chosen))
        guard case .numeric(let times)? = split.training.column(named: "timestamp")?.data else {
            Issue.record("timestamp must be numeric")
            return
        }
        #expect(times == times.sorted())
        #expect(throws: RetrainError.badData("No rows for tenant 'nosuch'.")) {
            try rows.split(tenants: ["nosuch"], holdoutSeconds: 60)
        }
    }
}
