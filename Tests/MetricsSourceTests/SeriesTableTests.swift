import Testing
@testable import MetricsSource

@Suite("Series table")
struct SeriesTableTests {
    func index(_ table: inout SeriesTable, _ collector: String, _ metric: String) -> Int {
        Array(collector.utf8).withUnsafeBytes { c in
            Array(metric.utf8).withUnsafeBytes { m in table.index(collector: c, metric: m) }
        }
    }

    @Test("the same pair maps to the same number; the split between collector and metric matters")
    func distinctPairs() {
        var table = SeriesTable()
        #expect(index(&table, "ab", "c") == 0)
        #expect(index(&table, "a", "bc") == 1)
        #expect(index(&table, "", "abc") == 2)
        #expect(index(&table, "ab", "c") == 0)
        #expect(index(&table, "a", "bc") == 1)
        #expect(table.names.map { "\($0.collector)|\($0.metric)" } == ["ab|c", "a|bc", "|abc"])
    }

    @Test("thousands of series survive table growth")
    func growth() {
        var table = SeriesTable()
        for i in 0 ..< 5_000 { #expect(index(&table, "c\(i % 7)", "m\(i)") == i) }
        for i in stride(from: 4_999, through: 0, by: -1) { #expect(index(&table, "c\(i % 7)", "m\(i)") == i) }
        #expect(table.count == 5_000)
    }
}
