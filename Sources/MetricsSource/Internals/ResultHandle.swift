import CLibPQ

/// Owns one libpq result (`PGresult*`); `PQclear` runs when the owner goes away.
final class ResultHandle {
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        LibPQ.clear(pointer)
    }

    var status: ExecStatus {
        switch LibPQ.resultStatus(pointer) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: .commandOK
        case PGRES_TUPLES_OK: .tuples
        case PGRES_COPY_OUT: .copyOut
        case PGRES_COPY_IN: .copyIn
        default: .failed
        }
    }

    /// The five-character SQLSTATE of a failed result, if the server sent one.
    var sqlState: String? { LibPQ.sqlState(pointer) }

    /// The server's primary message, or libpq's whole message when there is none.
    var errorMessage: String { LibPQ.primaryMessage(pointer) ?? LibPQ.resultErrorMessage(pointer) }

    var rowCount: Int { LibPQ.rowCount(pointer) }

    var columnCount: Int { LibPQ.columnCount(pointer) }

    var affectedRows: Int { LibPQ.affectedRows(pointer) }

    func columnName(_ column: Int) -> String { LibPQ.columnName(pointer, column) }

    func value(row: Int, column: Int) -> String? { LibPQ.value(pointer, row: row, column: column) }

    /// What a result says happened, reduced to what callers branch on.
    enum ExecStatus {
        case commandOK, tuples, copyOut, copyIn, failed
    }
}
