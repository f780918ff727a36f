import Datasets
import Dispatch
import Synchronization

/// Computes planned outputs. What several outputs share (each input column in sorted order, each
/// window's start positions) is computed once up front, so outputs are independent of each other
/// and `evaluateAll` computes them on every core: each output is the same function of the same
/// inputs whatever the thread count.
struct Evaluator: Sendable {
    let dataset: Dataset
    let inputTimes: [Double]
    let order: RowOrder
    private let sortedColumns: [String: [Double]]
    private let windowStarts: [Int: [Int]]

    init(dataset: Dataset, inputTimes: [Double], order: RowOrder, operations: [PlannedOutput.Operation]) {
        self.dataset = dataset
        self.inputTimes = inputTimes
        self.order = order
        var sorted: [String: [Double]] = [:]
        var starts: [Int: [Int]] = [:]
        for operation in operations {
            let (column, window) = Self.shared(operation)
            if let column, sorted[column] == nil, case .numeric(let values)? = dataset.column(named: column)?.data {
                sorted[column] = order.gather(values)
            }
            if let window, starts[window] == nil {
                starts[window] = WindowStarts.compute(times: order.times, groups: order.groups, window: Double(window))
            }
        }
        sortedColumns = sorted
        windowStarts = starts
    }

    /// Every output of `operations`, in order, computed on up to every core.
    func evaluateAll(_ operations: [PlannedOutput.Operation]) -> [[Double]] {
        let results = Mutex([[Double]](repeating: [], count: operations.count))
        DispatchQueue.concurrentPerform(iterations: operations.count) { index in
            let values = evaluate(operations[index])
            results.withLock { $0[index] = values }
        }
        return results.withLock { $0 }
    }

    /// The sorted input column and the window an operation reads, if any.
    private static func shared(_ operation: PlannedOutput.Operation) -> (column: String?, window: Int?) {
        switch operation {
        case .shift(let column, _, _), .seasonal(let column, _, _): (column, nil)
        case .rolling(let column, _, let window, _), .robustZ(let column, let window, _, _): (column, window)
        case .raw, .calendar, .ratio: (nil, nil)
        }
    }

    /// The output column in input row order.
    func evaluate(_ operation: PlannedOutput.Operation) -> [Double] {
        switch operation {
        case .raw(let column):
            return values(column)
        case .shift(let column, let rows, let difference):
            return order.scatter(RowKernels.shift(sorted(column), groups: order.groups, rows: rows, difference: difference))
        case .rolling(let column, let statistic, let window, let minCount):
            let x = sorted(column)
            let s = starts(window)
            let result: [Double]
            switch statistic {
            case .mean: result = RollingMoments.mean(x, starts: s, minCount: minCount)
            case .std: result = RollingMoments.standardDeviation(x, starts: s, minCount: minCount)
            case .min: result = RollingExtrema.extremum(x, starts: s, minCount: minCount, largest: false)
            case .max: result = RollingExtrema.extremum(x, starts: s, minCount: minCount, largest: true)
            case .median: result = RollingOrderStatistics.median(x, starts: s, minCount: minCount)
            }
            return order.scatter(result)
        case .seasonal(let column, let period, let tolerance):
            return order.scatter(RowKernels.seasonalResidual(
                sorted(column), times: order.times, groups: order.groups,
                period: Double(period), tolerance: Double(tolerance)))
        case .robustZ(let column, let window, let minCount, let epsilon):
            return order.scatter(RollingOrderStatistics.robustZ(
                sorted(column), starts: starts(window), minCount: minCount, epsilon: epsilon))
        case .calendar(let field, let sine):
            let pair = RowKernels.calendar(inputTimes, field: field)
            return sine ? pair.sin : pair.cos
        case .ratio(let numerator, let denominator):
            return RowKernels.ratio(values(numerator), values(denominator))
        }
    }

    /// A numeric column in input order (the plan has checked it exists and is numeric).
    private func values(_ name: String) -> [Double] {
        guard case .numeric(let values)? = dataset.column(named: name)?.data else { return [] }
        return values
    }

    private func sorted(_ name: String) -> [Double] {
        sortedColumns[name] ?? order.gather(values(name))
    }

    private func starts(_ window: Int) -> [Int] {
        windowStarts[window] ?? WindowStarts.compute(times: order.times, groups: order.groups, window: Double(window))
    }
}
