/// One output column: its name, the columns it reads and how it is computed.
struct PlannedOutput: Sendable {
    enum Operation: Sendable {
        case raw(String)
        case shift(String, rows: Int, difference: Bool)
        case rolling(String, RollingStatistic, window: Int, minCount: Int)
        case seasonal(String, period: Int, tolerance: Int)
        case robustZ(String, window: Int, minCount: Int, epsilon: Double)
        case calendar(CalendarField, sine: Bool)
        case ratio(String, String)
    }

    let name: String
    let inputs: [String]
    let operation: Operation

    /// The outputs of `transform` over `columns`, column-major within the transform.
    static func outputs(of transform: FeatureTransform, columns: [String], time: String) -> [PlannedOutput] {
        switch transform {
        case .raw:
            return columns.map { PlannedOutput(name: $0, inputs: [$0], operation: .raw($0)) }
        case .lag(let rows, _), .diff(let rows, _):
            let difference = transform.kind == "diff"
            return columns.map {
                PlannedOutput(name: "\($0):\(transform.kind)_\(rows)", inputs: [$0],
                              operation: .shift($0, rows: rows, difference: difference))
            }
        case .rolling(let statistics, let window, let minCount, _):
            return columns.flatMap { column in
                statistics.map {
                    PlannedOutput(name: "\(column):rolling_\($0.rawValue)_\(window)", inputs: [column],
                                  operation: .rolling(column, $0, window: window.seconds, minCount: minCount))
                }
            }
        case .seasonalResidual(let period, let tolerance, _):
            return columns.map {
                PlannedOutput(name: "\($0):seasonal_residual_\(period)", inputs: [$0],
                              operation: .seasonal($0, period: period.seconds, tolerance: tolerance?.seconds ?? 0))
            }
        case .robustZ(let window, let minCount, let epsilon, _):
            return columns.map {
                PlannedOutput(name: "\($0):robust_z_\(window)", inputs: [$0],
                              operation: .robustZ($0, window: window.seconds, minCount: minCount, epsilon: epsilon))
            }
        case .calendar(let fields):
            return fields.flatMap { field in
                [true, false].map { sine in
                    PlannedOutput(name: "\(time):\(field.rawValue)_\(sine ? "sin" : "cos")", inputs: [],
                                  operation: .calendar(field, sine: sine))
                }
            }
        case .ratio(let numerator, let denominator):
            return [PlannedOutput(name: "\(numerator):ratio_to:\(denominator)", inputs: [numerator, denominator],
                                  operation: .ratio(numerator, denominator))]
        }
    }
}
