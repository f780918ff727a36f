import Foundation

/// What one block produced, and the Markdown written between its output markers.
struct BlockOutput {
    /// Standard output of the block's commands, in order, with run-specific paths replaced.
    var text: String
    /// Files the block created or changed under `$WORKBENCH_FILES`, relative paths, sorted.
    var files: [String]

    /// The region's content: the text in a fence longer than any backtick run inside it, then an image
    /// link per SVG and a link per other file, relative to the notebook (`filesLink` is the files
    /// directory's name, e.g. `anomalies.files`).
    func markdown(filesLink: String) -> String {
        var parts: [String] = []
        var text = self.text
        while text.hasSuffix("\n") { text.removeLast() }
        if !text.isEmpty {
            let longestRun = text.split(separator: "\n").map { line in
                line.split(omittingEmptySubsequences: true) { $0 != "`" }.map(\.count).max() ?? 0
            }.max() ?? 0
            let fence = String(repeating: "`", count: max(3, longestRun + 1))
            parts.append("\(fence)text\n\(text)\n\(fence)")
        }
        let links = files.map { file in
            let target = "\(filesLink)/\(file)".split(separator: "/").map {
                $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
            }.joined(separator: "/")
            return file.hasSuffix(".svg") ? "![\(file)](\(target))" : "[\(file)](\(target))"
        }
        if !links.isEmpty { parts.append(links.joined(separator: "\n\n")) }
        return parts.isEmpty ? "*(no output)*" : parts.joined(separator: "\n\n")
    }
}
