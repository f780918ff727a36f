import NumericCore

/// Splits a data set by time into older rows (training) and newer rows (test), so every figure measured on
/// the test rows comes from after the training window.
///
/// The time column holds epoch seconds or ISO 8601 text (`2026-01-19T00:00:00Z`); rows keep their input order
/// within each part.
public struct TimeSplit: Sendable, Equatable {
    /// Where the test part starts.
    public enum Cut: Sendable, Equatable {
        /// Test rows are those at or after this instant (epoch seconds).
        case at(Double)
        /// Test rows are the newest `seconds` of the time span: later than (newest time − `seconds`).
        case holdout(seconds: Double)
    }

    /// The time column.
    public var time: String
    /// Where the test part starts.
    public var cut: Cut

    /// A split of column `time` at `cut`.
    public init(time: String, cut: Cut) {
        self.time = time
        self.cut = cut
    }

    /// A cut from its command-line form: `--at` an ISO 8601 time or epoch seconds, or `--holdout` a duration
    /// such as `7d`, `12h`, `30m`, `90s`.
    /// - Throws: `DatasetError.invalid` naming the text that is neither.
    public static func parseCut(at: String?, holdout: String?) throws(DatasetError) -> Cut {
        switch (at, holdout) {
        case (let at?, nil):
            if let seconds = Double(at), seconds.isFinite { return .at(seconds) }
            guard let seconds = UTCCalendar.parseISO8601(at) else {
                throw .invalid("--at '\(at)' is neither epoch seconds nor an ISO 8601 time such as 2026-01-19T00:00:00Z.")
            }
            return .at(seconds)
        case (nil, let holdout?):
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
            guard let unit = holdout.last.flatMap({ units[$0] }), let count = Double(holdout.dropLast()),
                  count.isFinite, count > 0 else {
                throw .invalid("--holdout '\(holdout)' is not a positive duration such as 7d, 12h, 30m or 90s.")
            }
            return .holdout(seconds: count * unit)
        default:
            throw .invalid("Give exactly one of --at TIME and --holdout DURATION.")
        }
    }

    /// The two parts and where they were cut.
    public struct Parts: Sendable {
        /// Rows before the cut, in input order.
        public let train: Dataset
        /// Rows from the cut on, in input order.
        public let test: Dataset
        /// Which rows went to `test`, e.g. "at or after 2026-01-19T00:00:00Z" or "after 2026-01-18T23:55:00Z".
        public let testRows: String
    }

    /// The rows of `dataset` before the cut (train) and from the cut on (test).
    /// - Parameter source: the data's name, for messages.
    /// - Throws: `DatasetError.missingColumn` for a missing time column; `.malformed` naming the first missing or
    ///   unreadable time (line numbers count the header as line 1); `.invalid` when either part would be empty.
    /// - Complexity: O(rows × columns).
    public func split(_ dataset: Dataset, source: String) throws(DatasetError) -> Parts {
        guard let column = dataset.column(named: time) else {
            throw .missingColumn(name: time, source: source, available: dataset.columnNames)
        }
        let seconds = try Self.seconds(column, source: source)
        let start: Double
        var isTest: (Double) -> Bool
        let words: String
        switch cut {
        case .at(let instant):
            start = instant
            isTest = { $0 >= instant }
            words = "at or after"
        case .holdout(let span):
            start = (seconds.max() ?? 0) - span
            isTest = { $0 > start }
            words = "after"
        }
        let test = seconds.indices.filter { isTest(seconds[$0]) }
        let train = seconds.indices.filter { !isTest(seconds[$0]) }
        guard !train.isEmpty, !test.isEmpty else {
            throw .invalid("\(source): splitting '\(time)' at \(Self.iso(start)) leaves \(train.count) training and "
                           + "\(test.count) test rows; both parts need rows.")
        }
        return Parts(train: try Self.rows(dataset, train), test: try Self.rows(dataset, test),
                     testRows: "\(words) \(Self.iso(start))")
    }

    private static func seconds(_ column: Column, source: String) throws(DatasetError) -> [Double] {
        switch column.data {
        case .numeric(let values):
            if let row = values.firstIndex(where: { !$0.isFinite }) {
                throw .malformed(path: source, line: row + 2, column: column.name, reason: "the time is missing")
            }
            return values
        case .text(let values):
            var seconds: [Double] = []
            seconds.reserveCapacity(values.count)
            for (row, text) in values.enumerated() {
                guard let value = UTCCalendar.parseISO8601(text ?? "") else {
                    throw .malformed(path: source, line: row + 2, column: column.name,
                                     reason: "'\(text ?? "")' is neither epoch seconds nor an ISO 8601 time")
                }
                seconds.append(value)
            }
            return seconds
        }
    }

    private static func rows(_ dataset: Dataset, _ indices: [Int]) throws(DatasetError) -> Dataset {
        try Dataset(columns: dataset.columns.map { column in
            switch column.data {
            case .numeric(let values): Column(name: column.name, data: .numeric(indices.map { values[$0] }))
            case .text(let values): Column(name: column.name, data: .text(indices.map { values[$0] }))
            }
        })
    }

    private static func iso(_ seconds: Double) -> String { UTCCalendar.iso8601(seconds) }
}
