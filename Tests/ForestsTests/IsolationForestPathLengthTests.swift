import Foundation
import Testing
@testable import Forests

@Suite("Isolation path length")
struct IsolationForestPathLengthTests {
    @Test("c(n) matches the closed form and scikit-learn's values", arguments: [
        (0, 0.0), (1, 0.0), (2, 1.0), (3, 1.207392357589623), (4, 1.8516559071392855),
        (5, 2.327020052042847), (10, 3.748880484475505), (256, 10.244770920119917),
        (1000, 12.969940887100174),
    ])
    func averagePathLength(count: Int, expected: Double) {
        #expect(IsolationPathLength.average(count) == expected)
    }

    @Test("c(n) equals 2H(n−1) − 2(n−1)/n with the exact harmonic number to within the approximation")
    func harmonicForm() {
        for n in [20, 100, 1000] {
            let harmonic = (1 ..< n).reduce(0.0) { $0 + 1 / Double($1) }
            let exact = 2 * harmonic - 2 * Double(n - 1) / Double(n)
            // H(i) − (ln i + γ) ≈ 1/(2i), so the two differ by about 1/(n − 1).
            #expect(abs(IsolationPathLength.average(n) - exact) < 1.1 / Double(n - 1))
        }
    }

    @Test("height limit is ⌈log2 max(ψ, 2)⌉", arguments: [
        (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (256, 8), (257, 9),
    ])
    func heightLimit(sampleSize: Int, expected: Int) {
        #expect(IsolationPathLength.heightLimit(sampleSize: sampleSize) == expected)
    }

    @Test("a mean path of c(ψ) scores 0.5, a zero path 1, and ψ = 1 scores 0.5")
    func scoreAnchors() {
        let c = IsolationPathLength.average(256)
        #expect(IsolationPathLength.score(summedPathLength: 100 * c, trees: 100, normaliser: c) == 0.5)
        #expect(IsolationPathLength.score(summedPathLength: 0, trees: 100, normaliser: c) == 1)
        #expect(IsolationPathLength.score(summedPathLength: 0, trees: 100, normaliser: 0) == 0.5)
        #expect(IsolationPathLength.score(summedPathLength: 300, trees: 100, normaliser: c) == pow(2, -3 / c))
    }
}
