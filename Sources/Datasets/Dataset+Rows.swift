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

    /// The cells of column `name` as text (numbers as `numberText(_:)` writes them), nil for missing cells;
    /// nil when there is no such column.
    public func textValues(of name: String) -> [String?]? {
        guard let column = column(named: name) else { return nil }
        switch column.data {
        case .text(let values): return values
        case .numeric(let values):
            return values.map { $0.isNaN ? nil : Self.numberText($0) }
        }
    }

    /// How a number reads as a class name, group or other label: integral values without a fraction
    /// (`1.0` is class `1`), others in their shortest form (`0.5`).
    public static func numberText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
