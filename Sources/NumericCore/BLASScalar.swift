/// A scalar type that BLAS and LAPACK compute with: `Float` (the `s` routines) or `Double` (the `d` routines).
///
/// Only NumericCore can make a type conform, because only it can create a
/// ``BLASPrecision``; that keeps every generic wrapper total over its inputs.
public protocol BLASScalar: BinaryFloatingPoint & Sendable {
    /// Which family of BLAS and LAPACK routines serves this type.
    static var blasPrecision: BLASPrecision { get }
}

/// The routine family of a ``BLASScalar``: single (`sgemm`, `ssyevd`) or double (`dgemm`, `dsyevd`) precision.
public struct BLASPrecision: Sendable, Equatable, CustomStringConvertible {
    let isDouble: Bool

    static let single = BLASPrecision(isDouble: false)
    static let double = BLASPrecision(isDouble: true)

    /// The routine prefix BLAS uses: "s" or "d".
    public var description: String { isDouble ? "d" : "s" }
}

extension Float: BLASScalar {
    /// Single precision: the `s` routines.
    public static var blasPrecision: BLASPrecision { .single }
}

extension Double: BLASScalar {
    /// Double precision: the `d` routines.
    public static var blasPrecision: BLASPrecision { .double }
}
