import Retrain
import Testing

@Suite("Shards by rendezvous hashing")
struct ShardTests {
    let tenants = (0 ..< 300).map { "tenant-\($0)" }

    @Test("shards 0/3, 1/3, 2/3 cover every tenant exactly once")
    func partition() throws {
        var seen: [String: Int] = [:]
        for index in 0 ..< 3 {
            let shard = try Shard(index: index, of: 3)
            for tenant in tenants where shard.contains(tenant) { seen[tenant, default: 0] += 1 }
        }
        #expect(seen.count == tenants.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test("shards are balanced and stable")
    func balanced() {
        let counts = (0 ..< 3).map { index in tenants.filter { Shard.owner(of: $0, shards: 3) == index }.count }
        #expect(counts.allSatisfy { $0 > 70 && $0 < 130 }, "\(counts)")
        #expect(Shard.owner(of: "tenant-a", shards: 5) == Shard.owner(of: "tenant-a", shards: 5))
    }

    @Test("going from 3 to 4 shards moves only tenants to the new shard")
    func minimalMovement() {
        let moved = tenants.filter { Shard.owner(of: $0, shards: 3) != Shard.owner(of: $0, shards: 4) }
        #expect(moved.allSatisfy { Shard.owner(of: $0, shards: 4) == 3 })
        #expect(moved.count < tenants.count / 3)
    }

    @Test("bad shard text is refused", arguments: ["3/3", "-1/3", "1", "a/b", "0/0"])
    func refusesBadText(text: String) {
        #expect(throws: RetrainError.self) { try Shard(parsing: text) }
    }

    @Test("the Indexed Job environment gives the shard")
    func environment() throws {
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "WORKBENCH_SHARDS": "4"]) == Shard(index: 2, of: 4))
        #expect(throws: RetrainError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2"]) }
    }
}
