/// The known names closest to a misspelt one, for "unknown metric" and "did you mean" messages.
public enum NameSuggestions {
    /// Up to `limit` of `candidates`, nearest first by edit distance, ignoring case (ties by name).
    public static func closest(to name: String, in candidates: [String], limit: Int = 5) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        return candidates
            .map { (name: $0, distance: distance(target, Array($0.lowercased().unicodeScalars))) }
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
            .prefix(limit)
            .map(\.name)
    }

    /// Levenshtein distance; a name longer than 256 scalars is compared by its first 256.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
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

    /// The candidate nearest `name` when it is at most `maxDistance` edits away (a likely typo); nil otherwise.
    public static func likelyTypo(of name: String, in candidates: [String], maxDistance: Int = 2) -> String? {
        guard let nearest = closest(to: name, in: candidates, limit: 1).first else { return nil }
        let distance = distance(Array(name.lowercased().unicodeScalars), Array(nearest.lowercased().unicodeScalars))
        return distance <= maxDistance ? nearest : nil
    }
}
