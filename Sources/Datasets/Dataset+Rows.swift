extension Dataset {
    /// The rows at `indices`, in that order, with every column.
    /// - Precondition: every index is in `0 ..< rowCount`.
    /// - Complexity: O(columns × indices).
    public func selectingRows(_ indices: [Int]) -> Dataset {
        let selected = columns.map { column -> Column in
            switch column.data {
            case .numeric(let values): Column(name: column.name, data: .numeric(indices.map { values[$0] }))
            case .text(let values): Column(name: column.name, data: .text(indices.map { values[$0] }))
            }
        }
        // Same names, equal lengths: the invariants the initializer checks hold by construction.
        return try! Dataset(columns: selected)
    }

    /// The cells of column `name` as text (numbers in their shortest form), nil for missing cells;
    /// nil when there is no such column.
    public func textValues(of name: String) -> [String?]? {
        guard let column = column(named: name) else { return nil }
        switch column.data {
        case .text(let values): return values
        case .numeric(let values):
            return values.map { value in
                guard !value.isNaN else { return nil }
                return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
            }
        }
    }
}
