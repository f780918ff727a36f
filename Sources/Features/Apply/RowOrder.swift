import Datasets

/// Rows grouped and ordered by time: the order every transform walks.
///
/// Goals, in order: deterministic (ties in time keep input order, so the result does not
/// depend on the sort algorithm) → correct → O(n) when each group is already sorted, which
/// collector data always is → O(n log n) otherwise.
struct RowOrder: Sendable {
    /// `rows[k]` is the input row at sorted position k; groups are contiguous.
    let rows: [Int]
    /// The sorted positions of each group, in order of first appearance in the input.
    let groups: [Range<Int>]
    /// The time of each sorted position.
    let times: [Double]

    /// Orders `times` within the groups given by `groupColumn` (one group when nil).
    /// - Complexity: O(n) for sorted groups, O(n log n) otherwise.
    init(times inputTimes: [Double], groupColumn: Column?) {
        let n = inputTimes.count
        let (ids, groupCount) = Self.groupIDs(groupColumn, rows: n)
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for id in ids { starts[id + 1] += 1 }
        for g in 0 ..< groupCount { starts[g + 1] += starts[g] }
        var next = starts
        var rows = [Int](repeating: 0, count: n)
        for (row, id) in ids.enumerated() {
            rows[next[id]] = row
            next[id] += 1
        }
        var groups: [Range<Int>] = []
        groups.reserveCapacity(groupCount)
        for g in 0 ..< groupCount {
            let range = starts[g] ..< starts[g + 1]
            groups.append(range)
            let sorted = range.dropFirst().allSatisfy { inputTimes[rows[$0 - 1]] <= inputTimes[rows[$0]] }
            if !sorted {
                rows[range].sort { a, b in
                    inputTimes[a] < inputTimes[b] || (inputTimes[a] == inputTimes[b] && a < b)
                }
            }
        }
        self.rows = rows
        self.groups = groups
        self.times = rows.map { inputTimes[$0] }
    }

    /// A dense group number per row, numbered by first appearance; missing text or NaN is
    /// a group of its own.
    private static func groupIDs(_ column: Column?, rows: Int) -> (ids: [Int], count: Int) {
        guard let column else { return ([Int](repeating: 0, count: rows), rows == 0 ? 0 : 1) }
        var ids = [Int](repeating: 0, count: rows)
        switch column.data {
        case .text(let values):
            var numbers: [String?: Int] = [:]
            for (row, value) in values.enumerated() {
                ids[row] = numbers[value] ?? { numbers[value] = numbers.count; return numbers.count - 1 }()
            }
            return (ids, numbers.count)
        case .numeric(let values):
            var numbers: [UInt64: Int] = [:]
            for (row, value) in values.enumerated() {
                let key = value.isNaN ? Double.nan.bitPattern : (value == 0 ? 0 : value.bitPattern)
                ids[row] = numbers[key] ?? { numbers[key] = numbers.count; return numbers.count - 1 }()
            }
            return (ids, numbers.count)
        }
    }

    /// `values` (input order) rearranged into sorted order.
    func gather(_ values: [Double]) -> [Double] {
        rows.map { values[$0] }
    }

    /// `sorted` (sorted order) put back into input order.
    func scatter(_ sorted: [Double]) -> [Double] {
        var result = [Double](repeating: .nan, count: sorted.count)
        for (position, row) in rows.enumerated() { result[row] = sorted[position] }
        return result
    }
}
