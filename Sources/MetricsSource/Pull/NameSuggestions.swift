/// The known names closest to a misspelt one, for "unknown metric" messages.
enum NameSuggestions {
    /// Up to `limit` of `candidates`, nearest first by edit distance (ties by name).
    static func closest(to name: String, in candidates: [String], limit: Int = 5) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        return candidates
            .map { (name: $0, distance: distance(target, Array($0.lowercased().unicodeScalars))) }
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
            .prefix(limit)
            .map(\.name)
    }

    /// Levenshtein distance; a name longer than 256 scalars is compared by its first 256.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        let a = a.prefix(256), b = Array(b.prefix(256))
        if a.isEmpty { return b.count }
        var previous = Array(0 ... b.count)
        var current = previous
        for (i, x) in a.enumerated() {
            current[0] = i + 1
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
