import Foundation
import NumericCore

/// The golden self-test vectors a model file carries, for publishers that ship them beside the model.
public struct SelfTestVectors: Sendable, Equatable {
    /// The input rows in the model's feature order (boundary rows, NaN rows, then typical rows).
    public let inputs: Matrix<Float>
    /// The output columns, e.g. `anomaly_score` or `probability_yes`.
    public let outputNames: [String]
    /// The expected outputs, row-major: `inputs.rows × outputNames.count`.
    public let expected: [Double]
    /// The relative tolerance a reader may allow.
    public let tolerance: Double
}

extension ModelFile {
    /// Reads the golden self-test vectors of the file at `url` after verifying its checksums.
    /// - Throws: `ModelStoreError.notFound` when the file cannot be opened, `.corrupted` when the vectors are damaged.
    public static func selfTestVectors(_ url: URL) throws(ModelStoreError) -> SelfTestVectors {
        let file = try StoredFile(path: url.path)
        try file.verifyStreamed()
        let names = try file.strings("/selftest/outputs")
        let shape = try file.shape("/selftest/inputs")
        guard shape.count == 2, shape[0] >= 1, shape[1] >= 1, !names.isEmpty else {
            throw .corrupted("Model file \(url.path): /selftest/inputs has shape \(shape); expected (rows, features).")
        }
        let storage = try file.floats("/selftest/inputs", count: shape[0] * shape[1])
        let expected = try file.doubles("/selftest/expected", count: shape[0] * names.count)
        let tolerance = try file.float("/selftest@tolerance")
        do {
            let inputs = try Matrix(rows: shape[0], columns: shape[1], storage: storage)
            return SelfTestVectors(inputs: inputs, outputNames: names, expected: expected, tolerance: tolerance)
        } catch {
            throw .corrupted("Model file \(url.path): /selftest/inputs: \(error.description)")
        }
    }
}
