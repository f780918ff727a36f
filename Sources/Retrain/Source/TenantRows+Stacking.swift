import Datasets

extension TenantRows {
    /// The rows of several per-tenant parts (PostgreSQL pulls) one after another, for a model shared by those
    /// tenants: columns are the union of the parts' columns in first-seen order, and a part without a column
    /// (a tenant whose collectors never sent that metric) gets missing values there.
    /// - Throws: `RetrainError.badData` when no part is given or a column is numeric in one part and text in
    ///   another.
    /// - Complexity: O(rows × columns).
    public init(stacking parts: [TenantRows], source: String) throws(RetrainError) {
        guard let first = parts.first else { throw .badData("\(source): no tenant's rows to stack.") }
        var names: [String] = []
        var isText: [String: Bool] = [:]
        for part in parts {
            for column in part.dataset.columns {
                let text: Bool
                switch column.data {
                case .numeric: text = false
                case .text: text = true
                }
                if let seen = isText[column.name] {
                    guard seen == text else {
                        throw .badData("\(source): column '\(column.name)' holds numbers for one tenant and text for another.")
                    }
                } else {
                    isText[column.name] = text
                    names.append(column.name)
                }
            }
        }
        let total = parts.reduce(0) { $0 + $1.dataset.rowCount }
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for name in names {
            if isText[name] == true {
                var values: [String?] = []
                values.reserveCapacity(total)
                for part in parts {
                    if case .text(let part)? = part.dataset.column(named: name)?.data {
                        values += part
                    } else {
                        values += repeatElement(nil, count: part.dataset.rowCount)
                    }
                }
                columns.append(Column(name: name, data: .text(values)))
            } else {
                var values: [Double] = []
                values.reserveCapacity(total)
                for part in parts {
                    if case .numeric(let part)? = part.dataset.column(named: name)?.data {
                        values += part
                    } else {
                        values += repeatElement(.nan, count: part.dataset.rowCount)
                    }
                }
                columns.append(Column(name: name, data: .numeric(values)))
            }
        }
        let dataset: Dataset
        do {
            dataset = try Dataset(columns: columns)
        } catch {
            throw .badData("\(source): \(error)")
        }
        try self.init(dataset, group: first.groupColumn, time: first.timeColumn, source: source)
    }
}
