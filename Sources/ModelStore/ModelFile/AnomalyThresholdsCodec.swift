import Forests
import HDF5Kit

/// Stores an anomaly model's thresholds in `/thresholds`: `@alert` (float64; a row is an
/// anomaly when its score is strictly above it), `level_names (L) text`, `level_scores (L) float64`.
enum AnomalyThresholdsCodec {
    static func write(_ thresholds: AnomalyThresholds, with writer: ModelFileWriter) throws(HDF5Error) {
        let group = try writer.group("thresholds", in: writer.root)
        try writer.setAttribute("alert", .float(thresholds.alert), on: group)
        try writer.setAttribute("score", .text("anomaly_score"), on: group)
        try writer.setAttribute("direction", .text("above"), on: group)
        try writer.writeStrings(thresholds.levels.map(\.name), to: "level_names", in: group)
        try writer.write(thresholds.levels.map(\.score), to: "level_scores", in: group)
    }

    static func read(from file: StoredFile) throws(ModelStoreError) -> AnomalyThresholds {
        let names = try file.strings("/thresholds/level_names")
        let scores = try file.doubles("/thresholds/level_scores", count: names.count)
        guard scores.allSatisfy(\.isFinite) else {
            throw .corrupted("Model file \(file.path): /thresholds/level_scores holds a non-finite score.")
        }
        return AnomalyThresholds(
            alert: try file.float("/thresholds@alert"),
            levels: zip(names, scores).map { AnomalyThresholds.Level(name: $0, score: $1) })
    }
}
