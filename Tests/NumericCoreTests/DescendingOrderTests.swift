import Testing
@testable import NumericCore

@Suite("Descending order")
struct DescendingOrderTests {
    /// The definition the radix sort must reproduce.
    static func reference(_ values: [Double]) -> [Int] {
        values.indices.sorted { values[$0] > values[$1] }
    }

    @Test("equals the stable comparison sort: ties, ±0, ±∞, subnormals, negatives, few distinct values")
    func matchesComparisonSort() {
        var random = SeededRandom(seed: 7, stream: 1)
        let special: [Double] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude,
                                 -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 1, -1, 0.5]
        var mixed: [Double] = []
        for index in 0 ..< 5000 {
            switch index % 4 {
            case 0: mixed.append(random.nextGaussian())
            case 1: mixed.append(special[random.nextIndex(below: special.count)])
            case 2: mixed.append(Double(random.nextIndex(below: 5)) / 4)  // many exact ties
            default: mixed.append(random.nextUnitDouble() * 1e-300)
            }
        }
        let scores = (0 ..< 3000).map { _ in 0.3 + random.nextUnitDouble() * 0.4 }  // shared high digits
        let constant = [Double](repeating: 0.5, count: 400)
        for values in [mixed, scores, constant, Array(mixed.prefix(100))] {
            #expect(DescendingOrder.indices(values) == Self.reference(values))
        }
    }

    @Test("NaN falls back to the comparison sort itself")
    func nan() {
        var values = (0 ..< 600).map { Double($0 % 37) }
        values[17] = .nan
        #expect(DescendingOrder.indices(values) == Self.reference(values))
        #expect(DescendingOrder.indices([]) == [])
    }
}
