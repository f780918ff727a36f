import HDF5Kit
import NumericCore

/// What a model type provides to be stored in and rebuilt from a model file.
///
/// Each algorithm's conformance lives in `<Model>+ModelFile.swift`; `ModelFile`
/// handles everything common (header, metadata, features, self-test, checksums).
protocol StorableModel: Sendable {
    /// The algorithm written to the `algorithm` attribute.
    static var algorithm: ModelAlgorithm { get }
    /// The number of input features.
    var featureCount: Int { get }
    /// Writes the model's own groups (e.g. `/forest`) under the root.
    func write(with writer: ModelFileWriter) throws(HDF5Error)
    /// Rebuilds the model from a verified file, validating every index and length.
    static func read(from file: StoredFile, featureCount: Int) throws(ModelStoreError) -> Self
    /// The names of the self-test output columns, e.g. `probability_yes` or `anomaly_score`.
    var selfTestOutputNames: [String] { get }
    /// The self-test outputs for `rows`, row-major with `selfTestOutputNames.count` columns.
    func selfTestOutputs(_ rows: Matrix<Float>) throws(ModelStoreError) -> [Double]
    /// Rows that sit on the model's split boundaries, the inputs where a reader's
    /// comparison semantics show (float32 cast, `<=`, NaN routing).
    func boundaryRows() -> [[Float]]
}
