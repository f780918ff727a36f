import Testing
@testable import WorkbenchCLI

@Suite("terminal progress")
struct TerminalProgressTests {
    @Test("the estimate extrapolates the average time per finished unit")
    func estimate() {
        #expect(TerminalProgress.describe(done: 25, of: 100, unit: "trees", elapsed: 2)
            == "25/100 trees, 2.0 s elapsed, ETA 6.0 s")
    }

    @Test("no estimate before the first unit or after the last")
    func noEstimateAtTheEnds() {
        #expect(TerminalProgress.describe(done: 0, of: 10, unit: "trees", elapsed: 0.5) == "0/10 trees, 0.5 s elapsed")
        #expect(TerminalProgress.describe(done: 10, of: 10, unit: "trees", elapsed: 4) == "10/10 trees, 4.0 s elapsed")
    }
}
