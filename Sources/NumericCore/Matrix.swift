/// A dense matrix stored contiguously in row-major order.
///
/// Features are `Matrix<Float>` (memory bandwidth is the limit on small
/// machines); accumulators and linear algebra results are `Matrix<Double>`.
/// Element `(r, c)` lives at `storage[r * columns + c]`, the layout that
/// CBLAS calls `CblasRowMajor` and numpy calls C order.
public struct Matrix<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, row after row; `rows * columns` of them.
    public var storage: [Scalar] {
        get { elements }
        set {
            precondition(newValue.count == rows * columns, "Matrix storage must keep \(rows * columns) elements.")
            elements = newValue
        }
    }
    @usableFromInline var elements: [Scalar]

    /// A matrix of `rows × columns` elements, all equal to `value`.
    /// - Precondition: `rows ≥ 0` and `columns ≥ 0`.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative; got \(rows)×\(columns).")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix that adopts `storage` as its row-major elements.
    /// - Throws: `NumericError.dimensionMismatch` when `storage.count != rows * columns`.
    public init(rows: Int, columns: Int, storage: [Scalar]) throws(NumericError) {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw .dimensionMismatch(
                "Matrix of \(rows)×\(columns) needs \(max(0, rows) * max(0, columns)) elements; got \(storage.count).")
        }
        self.rows = rows
        self.columns = columns
        self.elements = storage
    }

    /// A matrix built from an array of equally long rows.
    /// - Throws: `NumericError.dimensionMismatch` for ragged rows.
    public init(_ rowArrays: [[Scalar]]) throws(NumericError) {
        let columns = rowArrays.first?.count ?? 0
        var storage: [Scalar] = []
        storage.reserveCapacity(rowArrays.count * columns)
        for (index, row) in rowArrays.enumerated() {
            guard row.count == columns else {
                throw .dimensionMismatch("Row \(index) has \(row.count) elements; row 0 has \(columns).")
            }
            storage.append(contentsOf: row)
        }
        try self.init(rows: rowArrays.count, columns: columns, storage: storage)
    }

    /// The element at row `row`, column `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ index: Int) -> [Scalar] {
        Array(elements[index * columns ..< (index + 1) * columns])
    }

    /// A copy of one column.
    /// - Complexity: O(rows).
    public func column(_ index: Int) -> [Scalar] {
        precondition(index >= 0 && index < columns, "Column \(index) is out of range 0..<\(columns).")
        return (0 ..< rows).map { elements[$0 * columns + index] }
    }

    /// The transpose, as a new contiguous matrix.
    /// - Complexity: O(rows × columns).
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0 ..< rows {
            for c in 0 ..< columns {
                result.elements[c * rows + r] = elements[r * columns + c]
            }
        }
        return result
    }

    /// The rows at `indices`, in that order, as a new matrix.
    /// - Complexity: O(indices.count × columns).
    public func selectingRows(_ indices: some Collection<Int>) -> Matrix {
        var selected: [Scalar] = []
        selected.reserveCapacity(indices.count * columns)
        for index in indices {
            selected.append(contentsOf: elements[index * columns ..< (index + 1) * columns])
        }
        return try! Matrix(rows: indices.count, columns: columns, storage: selected)
    }

    /// Calls `body` with a read-only pointer to the row-major elements.
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        var result: Result<R, E>?
        elements.withUnsafeBufferPointer { buffer in
            do throws(E) { result = .success(try body(buffer)) } catch { result = .failure(error) }
        }
        return try result!.get()
    }

    /// Calls `body` with a mutable pointer to the row-major elements.
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        var result: Result<R, E>?
        elements.withUnsafeMutableBufferPointer { buffer in
            do throws(E) { result = .success(try body(&buffer)) } catch { result = .failure(error) }
        }
        return try result!.get()
    }
}

extension Matrix {
    /// The same values converted to another floating-point type.
    public func converted<Other: BinaryFloatingPoint & Sendable>(to _: Other.Type = Other.self) -> Matrix<Other> {
        try! Matrix<Other>(rows: rows, columns: columns, storage: elements.map { Other($0) })
    }
}
