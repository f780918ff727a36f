import Yams

/// The anchors (`&name`) a YAML document uses and how often each anchored node is reached, so `SpecReader`
/// can refuse them with the line of each.
///
/// Yams' composer replaces every alias (`*name`) by the node its anchor marks, keeping that node's anchor and
/// mark, so the anchored node is what reveals both: reached once, it is an unused anchor; reached more often,
/// each extra visit is an alias. The conversion descends into an anchored node at its first visit only, which
/// keeps a document of nested aliases ("billion laughs") from expanding into a huge value.
struct YAMLAnchors {
    private struct Use {
        let name: String
        let line: Int?
        let path: String
        var count: Int
    }

    private var uses: [Use] = []
    /// The index in `uses` of each anchored node, by name and place (a later anchor may reuse a name).
    private var indexes: [String: Int] = [:]

    /// Whether the document had no anchor.
    var isEmpty: Bool { uses.isEmpty }

    /// Records a visit of the node anchored `name` at `mark` (the anchor's place, whichever alias led here);
    /// the first visit, in document order, is the definition at `path`.
    /// - Returns: true for the first visit (the definition), false for an alias.
    @discardableResult
    mutating func record(_ name: String, mark: Mark?, path: String) -> Bool {
        let key = "\(name) \(mark?.description ?? "")"
        if let index = indexes[key] {
            uses[index].count += 1
            return false
        }
        indexes[key] = uses.count
        uses.append(Use(name: name, line: mark?.line, path: path.isEmpty ? "document" : path, count: 1))
        return true
    }

    /// One problem per anchor, at its definition's key path, naming its line and how often it is aliased.
    var problems: [SpecProblem] {
        uses.map { use in
            let line = use.line.map { "line \($0): " } ?? ""
            let aliases = use.count - 1
            let message = aliases == 0
                ? "YAML anchors are not supported ('&\(use.name)'); remove it."
                : "YAML anchors and aliases are not supported ('&\(use.name)', used \(aliases) time\(aliases == 1 ? "" : "s") "
                    + "as '*\(use.name)'); write the value out where it is used."
            return SpecProblem(path: use.path, message: line + message)
        }
    }
}
