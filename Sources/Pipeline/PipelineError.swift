/// Errors raised by the training and scoring pipeline itself; errors of the libraries
/// it calls (`DatasetError`, `ForestError`, `ModelStoreError`, …) pass through unchanged.
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request cannot be carried out as given: a hyperparameter that does not apply to
    /// the algorithm, or a value outside its range (the CLI exits 64).
    case invalidRequest(String)
    /// The data cannot train the requested model: a single-class target, more classes than
    /// allowed, a missing target (the CLI exits 65).
    case unsuitableData(String)

    public var description: String {
        switch self {
        case .invalidRequest(let message), .unsuitableData(let message): message
        }
    }
}
