/// Owns one libpq connection (`PGconn*`); `PQfinish` runs when the owner goes away.
///
/// The pointer is reached only through `withPointer`, so it never outlives its owner.
final class ConnectionHandle {
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        LibPQ.finish(pointer)
    }

    /// Lends the `PGconn*` to `body`; the pointer must not escape it.
    func withPointer<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        try body(pointer)
    }
}
