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
