import Testing
import NumericCore
@testable import Forests

@Suite("Isolation cells: repeated rows scored and explained once")
struct IsolationCellsTests {
    /// 12,000 rows of small integers (heavy ties, many repeated rows) with NaN and −0.0 in places.
    static func repetitive() -> Matrix<Float> {
        var random = SeededRandom(seed: 5, stream: 1)
        var values: [Float] = []
        for row in 0 ..< 12_000 {
            values.append(Float(Int(random.nextUnitDouble() * 6)))
            values.append(Float(Int(random.nextUnitDouble() * 4)) * 2.5)
            values.append(row.isMultiple(of: 97) ? .nan : Float(Int(random.nextUnitDouble() * 3)))
            if row.isMultiple(of: 5) && values[values.count - 3] == 0 { values[values.count - 3] = -0.0 }
        }
        return try! Matrix(rows: 12_000, columns: 3, storage: values)
    }

    static func model(_ data: Matrix<Float>) throws -> IsolationForest {
        var configuration = IsolationForest.Configuration()
        configuration.trees = 40
        configuration.threads = 1
        return try IsolationForest.fit(data, configuration: configuration.validated())
    }

    @Test("rows in one cell reach the same leaf of every tree, NaN and −0.0 included")
    func cellsAreExact() throws {
        let data = Self.repetitive()
        let model = try Self.model(data)
        let groups = try #require(model.cells?.groups(data, threads: 2))
        #expect(groups.representatives.count < 200)
        #expect(groups.groupOfRow.count == data.rows)
        for row in 0 ..< data.rows {
            let first = groups.representatives[Int(groups.groupOfRow[row])]
            #expect(first <= row)
            for tree in model.trees {
                #expect(tree.leafNode(for: data.row(row)) == tree.leafNode(for: data.row(first)), "rows \(row), \(first)")
            }
        }
    }

    @Test("grouped scores and explanations equal the row-by-row ones bit for bit, on 1 and 2 threads")
    func groupedEqualsUngrouped() throws {
        let data = Self.repetitive()
        let model = try Self.model(data)
        // Blocks below `minimumRows` are never grouped: the reference.
        var reference: [Double] = []
        for start in stride(from: 0, to: data.rows, by: 3_000) {
            reference += try model.scores(data.selectingRows(start ..< start + 3_000), threads: 1)
        }
        let rows = Array(stride(from: data.rows - 1, through: 0, by: -2))
        for threads in [1, 2] {
            #expect(try model.scores(data, threads: threads) == reference)
            let explained = try model.topContributions(of: data, rows: rows, count: 2, threads: threads)
            for (row, contributions) in zip(rows, explained) where row.isMultiple(of: 7) {
                #expect(contributions == (try model.topContributions(of: data, row: row, count: 2)), "row \(row)")
            }
        }
    }

    @Test("grouping by hash parts on 1 to 3 workers gives the same groups, each led by its first row")
    func partsAgree() {
        var random = SeededRandom(seed: 9, stream: 2)
        let keys = (0 ..< 20_000).map { _ in UInt64(random.nextIndex(below: 700)) << UInt64(random.nextIndex(below: 3) * 20) }
        for parts in [1, 2, 3] {
            let groups = IsolationCells.group(keys, parts: parts)
            #expect(Set(keys).count == groups.representatives.count)
            for (position, key) in keys.enumerated() {
                let first = groups.representatives[Int(groups.groupOfRow[position])]
                #expect(keys[first] == key)
                #expect(keys.firstIndex(of: key) == first, "position \(position), \(parts) parts")
            }
        }
    }

    @Test("continuous rows are not grouped; so few rows are not grouped")
    func notGrouped() throws {
        let (data, _) = IsolationFixtures.planted(inliers: 40_000, outliers: 10, features: 2)
        let model = try Self.model(data)
        #expect(model.cells != nil)
        #expect(model.cells?.groups(data, threads: 2) == nil)
        let small = Self.repetitive().selectingRows(0 ..< IsolationCells.minimumRows - 1)
        #expect(try Self.model(small).cells?.groups(small, threads: 2) == nil)
    }

    @Test("a value's bin counts the thresholds below it: equal goes left, NaN has its own bin, −0.0 is 0.0")
    func bins() {
        let sorted = [Float(-1), 0, 2.5].map(IsolationCells.orderKey)
        func bin(_ value: Float) -> Int {
            sorted.withUnsafeBufferPointer { IsolationCells.bin(value, in: $0.baseAddress!, count: $0.count) }
        }
        #expect([-2, -1, -0.5, -0.0, 0, 1, 2.5, 3, .infinity, -.infinity].map(bin) == [0, 0, 1, 1, 1, 2, 2, 3, 3, 0])
        #expect(bin(.nan) == 4)
    }
}
