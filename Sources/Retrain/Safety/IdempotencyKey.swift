import NumericCore

/// What makes two runs the same: the training data, the model entry, the hold-out and the code.
///
/// The runner stores the key in the registered version's metadata; a later run with the same key reuses
/// that version instead of registering a duplicate.
public struct IdempotencyKey: Equatable, Sendable, CustomStringConvertible {
    /// Lowercase hex SHA-256.
    public let hex: String

    /// The key of training `model` for `tenant` on data whose digest is `dataSHA256`.
    public init(dataSHA256: String, tenant: String?, model: ModelSpec, holdoutSeconds: Int, seed: UInt64,
                codeVersion: String) {
        let hyperparameters = model.hyperparameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let fields = [
            "data=\(dataSHA256)", "tenant=\(tenant ?? "")", "model=\(model.name)", "algorithm=\(model.algorithm)",
            "target=\(model.target ?? "")", "features=\(model.features ?? "")", "holdout=\(holdoutSeconds)",
            "seed=\(seed)", "code=\(codeVersion)",
        ] + hyperparameters
        hex = Digest.sha256Hex(Array(fields.joined(separator: "\n").utf8))
    }

    public var description: String { hex }
}
