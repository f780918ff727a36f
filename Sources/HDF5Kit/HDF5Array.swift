/// Values read from an HDF5 dataset with their shape (row-major, like numpy's C order).
public struct HDF5Array<Element: Sendable>: Sendable {
    /// The elements in row-major order; `shape.reduce(1, *)` of them.
    public var values: [Element]
    /// The extent of each dimension; `[n]` for a vector, `[rows, columns]` for a matrix.
    public var shape: [Int]

    /// An array of `values` with `shape`.
    public init(values: [Element], shape: [Int]) {
        self.values = values
        self.shape = shape
    }
}
