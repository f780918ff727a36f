import HDF5Kit
import NumericCore

/// Golden self-test vectors stored in every model file: inputs and the outputs the
/// trainer computed for them, so a loader (Swift or Python) proves it scores alike.
///
/// `/selftest/inputs (k, F) float32`, `/selftest/expected (k, m) float64`,
/// `/selftest/outputs (m) text`, `@tolerance float64`.
enum SelfTest {
    /// Most caller-supplied rows kept (a few training rows show typical inputs; more add nothing).
    static let maximumSampleRows = 8
    /// Relative tolerance a reader may allow; 1e-9 absorbs summation-order and libm
    /// differences (≈ 1e-15) while any routing or value error is far larger.
    static let tolerance = 1e-9

    /// The inputs: boundary rows, an all-NaN row, a half-NaN row, then up to 8 of `samples`.
    static func inputs(for model: some StorableModel, samples: Matrix<Float>?) -> Matrix<Float> {
        let width = model.featureCount
        var rows = model.boundaryRows()
        rows.append([Float](repeating: .nan, count: width))
        rows.append((0 ..< width).map { $0.isMultiple(of: 2) ? .nan : 0 })
        if let samples, samples.columns == width {
            for index in 0 ..< min(samples.rows, maximumSampleRows) { rows.append(samples.row(index)) }
        }
        return try! Matrix(rows)  // Every row has `width` values by construction.
    }

    /// Writes the vectors for `model`.
    static func write(
        _ model: some StorableModel, samples: Matrix<Float>?, with writer: ModelFileWriter
    ) throws(ModelStoreError) {
        let inputs = inputs(for: model, samples: samples)
        let sampleRows = samples?.columns == model.featureCount ? min(samples!.rows, maximumSampleRows) : 0
        let expected = try model.selfTestOutputs(inputs)
        do {
            let group = try writer.group("selftest", in: writer.root)
            try writer.write(inputs.storage, shape: [inputs.rows, inputs.columns], to: "inputs", in: group)
            try writer.write(expected, shape: [inputs.rows, model.selfTestOutputNames.count], to: "expected", in: group)
            try writer.writeStrings(model.selfTestOutputNames, to: "outputs", in: group)
            try writer.setAttribute("tolerance", .float(tolerance), on: group)
            try writer.setAttribute("sample_rows", .integer(Int64(sampleRows)), on: group)
        } catch {
            throw .cannotWrite("Cannot write the self-test vectors: \(error.message).")
        }
    }

    /// Scores the stored inputs with `model`, compares with the stored outputs, and
    /// returns the caller-supplied sample rows (nil when there were none).
    /// - Throws: `ModelStoreError.corrupted` naming the first row and output that differ.
    static func run(_ model: some StorableModel, file: StoredFile) throws(ModelStoreError) -> Matrix<Float>? {
        let names = try file.strings("/selftest/outputs")
        guard names == model.selfTestOutputNames else {
            throw .corrupted("Model file \(file.path): self-test outputs \(names) do not match the model's "
                + "\(model.selfTestOutputNames).")
        }
        let shape = try file.shape("/selftest/inputs")
        guard shape.count == 2, shape[1] == model.featureCount, shape[0] >= 1 else {
            throw .corrupted("Model file \(file.path): /selftest/inputs has shape \(shape); "
                + "expected (rows, \(model.featureCount)).")
        }
        let storage = try file.floats("/selftest/inputs", count: shape[0] * shape[1])
        let inputs: Matrix<Float>
        do {
            inputs = try Matrix(rows: shape[0], columns: shape[1], storage: storage)
        } catch {
            throw .corrupted("Model file \(file.path): /selftest/inputs: \(error.description)")
        }
        let expected = try file.doubles("/selftest/expected", count: shape[0] * names.count)
        let actual = try model.selfTestOutputs(inputs)
        for (index, (want, got)) in zip(expected, actual).enumerated() {
            let same = want == got || (want.isNaN && got.isNaN)
                || abs(want - got) <= tolerance * max(1, abs(want))
            guard same else {
                throw .corrupted("Model file \(file.path) fails its self-test: row \(index / names.count), "
                    + "\(names[index % names.count]) is \(got); the file expects \(want).")
            }
        }
        let sampleRows = try file.integer("/selftest@sample_rows", in: 0 ... Int64(inputs.rows))
        guard sampleRows > 0 else { return nil }
        let first = (inputs.rows - sampleRows) * inputs.columns
        return try? Matrix(rows: sampleRows, columns: inputs.columns, storage: Array(inputs.storage[first...]))
    }
}
