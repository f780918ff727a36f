import NumericCore

extension RandomForestClassifier {
    /// The most probable class index of each row of `probabilities` (rows × classes, as
    /// `predictProbabilities` returns them), the lowest index on ties: exactly what `predict`
    /// returns for the same rows, without walking the trees a second time.
    /// - Complexity: O(rows × classes).
    public static func classes(fromProbabilities probabilities: Matrix<Double>) -> [Int] {
        argmax(probabilities.storage, width: probabilities.columns)
    }
}
