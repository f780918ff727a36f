/// A short line diff for `--check`: the first region where two texts differ, as `-`/`+` lines.
enum TextDiff {
    /// Lines of `old` and `new` between their common first and last lines, at most `limit` of each.
    static func summary(old: String, new: String, limit: Int = 12) -> String {
        let before = old.split(separator: "\n", omittingEmptySubsequences: false)
        let after = new.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < before.count - prefix, suffix < after.count - prefix,
              before[before.count - 1 - suffix] == after[after.count - 1 - suffix] { suffix += 1 }
        let removed = before[prefix..<(before.count - suffix)]
        let added = after[prefix..<(after.count - suffix)]
        var lines = ["@@ line \(prefix + 1) @@"]
        lines += removed.prefix(limit).map { "-\($0)" }
        if removed.count > limit { lines.append("-… \(removed.count - limit) more lines") }
        lines += added.prefix(limit).map { "+\($0)" }
        if added.count > limit { lines.append("+… \(added.count - limit) more lines") }
        return lines.joined(separator: "\n")
    }
}
