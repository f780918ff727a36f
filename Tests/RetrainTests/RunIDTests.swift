import Testing
@testable import Retrain

@Suite("Run folder names")
struct RunIDTests {
    @Test("a run is named by its UTC start second, with the shard and tenant when partial")
    func names() throws {
        #expect(RetrainJob.runID(now: 1_796_526_900, shard: .all, tenant: nil) == "20261206T031500Z")
        #expect(RetrainJob.runID(now: 1_796_526_900, shard: try Shard(index: 1, of: 3), tenant: nil)
            == "20261206T031500Z-shard1of3")
        #expect(RetrainJob.runID(now: -1, shard: .all, tenant: "Acme Co") == "19691231T235959Z-acme-co")
    }
}
