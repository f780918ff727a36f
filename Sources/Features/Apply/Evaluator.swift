import Datasets

/// Computes planned outputs, caching what several outputs share: each input column in
/// sorted order, each window's start positions.
struct Evaluator {
    let dataset: Dataset
    let inputTimes: [Double]
    let order: RowOrder
    private var sortedColumns: [String: [Double]] = [:]
    private var windowStarts: [Int: [Int]] = [:]

    init(dataset: Dataset, inputTimes: [Double], order: RowOrder) {
        self.dataset = dataset
        self.inputTimes = inputTimes
        self.order = order
    }

    /// The output column in input row order.
    mutating func evaluate(_ operation: PlannedOutput.Operation) -> [Double] {
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

    private mutating func sorted(_ name: String) -> [Double] {
        if let cached = sortedColumns[name] { return cached }
        let result = order.gather(values(name))
        sortedColumns[name] = result
        return result
    }

    private mutating func starts(_ window: Int) -> [Int] {
        if let cached = windowStarts[window] { return cached }
        let result = WindowStarts.compute(times: order.times, groups: order.groups, window: Double(window))
        windowStarts[window] = result
        return result
    }
}
