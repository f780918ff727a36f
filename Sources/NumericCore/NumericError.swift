/// Errors raised by NumericCore: shapes that do not fit and failed factorisations.
public enum NumericError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes disagree; the message names both shapes.
    case dimensionMismatch(String)
    /// A dimension is too large for the 32-bit integers BLAS and LAPACK take.
    case dimensionTooLarge(String)
    /// LAPACK reported failure; the message names the routine and its `info` code.
    case factorizationFailed(String)
    /// An argument is outside its allowed range.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let message), .dimensionTooLarge(let message),
             .factorizationFailed(let message), .invalidArgument(let message):
            message
        }
    }
}
