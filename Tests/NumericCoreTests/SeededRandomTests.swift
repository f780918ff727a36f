import Testing
@testable import NumericCore

@Suite("Seeded random streams")
struct SeededRandomTests {
    @Test("same seed and stream give the same sequence")
    func reproducible() {
        var a = SeededRandom(seed: 42, stream: 3)
        var b = SeededRandom(seed: 42, stream: 3)
        for _ in 0 ..< 1000 { #expect(a.next() == b.next()) }
    }

    @Test("different streams of one seed differ")
    func streamsDiffer() {
        var a = SeededRandom(seed: 42, stream: 0)
        var b = SeededRandom(seed: 42, stream: 1)
        let first = (0 ..< 16).map { _ in a.next() }
        let second = (0 ..< 16).map { _ in b.next() }
        #expect(first != second)
    }

    @Test("streams drawn on several threads equal those drawn in order")
    func threadIndependence() async {
        let sequential = (0 ..< 8).map { stream in
            var rng = SeededRandom(seed: 7, stream: UInt64(stream))
            return (0 ..< 100).map { _ in rng.nextIndex(below: 1000) }
        }
        let concurrent = await withTaskGroup(of: (Int, [Int]).self) { group in
            for stream in (0 ..< 8).reversed() {
                group.addTask {
                    var rng = SeededRandom(seed: 7, stream: UInt64(stream))
                    return (stream, (0 ..< 100).map { _ in rng.nextIndex(below: 1000) })
                }
            }
            var results = [[Int]](repeating: [], count: 8)
            for await (stream, values) in group { results[stream] = values }
            return results
        }
        #expect(sequential == concurrent)
    }

    @Test("bounded integers stay in range and cover it", arguments: [1, 2, 7, 1000])
    func boundedIntegers(bound: Int) {
        var rng = SeededRandom(seed: 1)
        var seen = Set<Int>()
        for _ in 0 ..< 20_000 {
            let value = rng.nextIndex(below: bound)
            #expect(value >= 0 && value < bound)
            seen.insert(value)
        }
        #expect(seen.count == bound)
    }

    @Test("unit doubles average one half")
    func unitDoubleMean() {
        var rng = SeededRandom(seed: 9)
        let mean = (0 ..< 100_000).reduce(0.0) { sum, _ in sum + rng.nextUnitDouble() } / 100_000
        #expect(abs(mean - 0.5) < 0.01)
    }
}
