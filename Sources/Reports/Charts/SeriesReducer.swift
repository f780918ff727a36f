/// Reduces a long series to what a chart of a given width can show.
///
/// Goals, in order: deterministic → every extreme stays visible (a single spike among a million points
/// survives) → output bounded by the width, not the input → one pass.
/// Points are bucketed into pixel columns; each column keeps its first, lowest, highest and last point in
/// their original order, so the drawn line reaches every minimum and maximum and joins the columns
/// where the data does (min/max decimation, as in LTTB-free plotting libraries such as uPlot).
public enum SeriesReducer {
    /// The points of `xs`/`ys` (ascending `xs`) to draw in `columns` pixel columns over `lower...upper`.
    ///
    /// Non-finite values are dropped. Returns the input unchanged when it already has at most 4 points
    /// a column.
    /// - Complexity: O(n) time, O(columns) extra memory.
    public static func minMax(xs: [Double], ys: [Double], lower: Double, upper: Double,
                              columns: Int) -> [(x: Double, y: Double)] {
        let count = min(xs.count, ys.count)
        let columns = max(1, columns)
        if count <= 4 * columns {
            return (0..<count).compactMap { xs[$0].isFinite && ys[$0].isFinite ? (xs[$0], ys[$0]) : nil }
        }
        var output: [(x: Double, y: Double)] = []
        output.reserveCapacity(4 * columns)
        let span = upper > lower ? upper - lower : 1
        var currentColumn = Int.min
        var first = 0, last = 0, lowest = 0, highest = 0
        var hasColumn = false

        func flush() {
            guard hasColumn else { return }
            var picks = [first, lowest, highest, last].sorted()
            picks = picks.enumerated().filter { $0.offset == 0 || $0.element != picks[$0.offset - 1] }.map(\.element)
            for index in picks { output.append((xs[index], ys[index])) }
        }

        for index in 0..<count where xs[index].isFinite && ys[index].isFinite {
            let column = min(columns - 1, max(0, Int((xs[index] - lower) / span * Double(columns))))
            if !hasColumn || column != currentColumn {
                flush()
                currentColumn = column
                first = index; last = index; lowest = index; highest = index
                hasColumn = true
            } else {
                last = index
                if ys[index] < ys[lowest] { lowest = index }
                if ys[index] > ys[highest] { highest = index }
            }
        }
        flush()
        return output
    }
}

extension SeriesReducer {
    /// Drops pixel points closer than `tolerance` pixels (in both directions) to the last kept one, always
    /// keeping the first and the last: a curve with a million points (a ROC curve of a large evaluation)
    /// draws with about as many points as its length in pixels.
    /// - Complexity: O(n).
    public static func thin(_ points: [(x: Double, y: Double)], tolerance: Double = 0.5) -> [(x: Double, y: Double)] {
        guard points.count > 2 else { return points }
        var kept = [points[0]]
        for point in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            if abs(point.x - last.x) >= tolerance || abs(point.y - last.y) >= tolerance { kept.append(point) }
        }
        kept.append(points[points.count - 1])
        return kept
    }
}
