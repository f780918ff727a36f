import Datasets

extension Dataset {
    /// The rows at `indices`, in that order, with every column.
    /// - Complexity: O(columns × indices).
    func selectingRows(_ indices: [Int]) throws -> Dataset {
        try Dataset(columns: columns.map { column in
            switch column.data {
            case .numeric(let values): Column(name: column.name, data: .numeric(indices.map { values[$0] }))
            case .text(let values): Column(name: column.name, data: .text(indices.map { values[$0] }))
            }
        })
    }
}
