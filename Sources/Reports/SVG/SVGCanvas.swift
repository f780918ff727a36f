/// An SVG document built element by element: one element per line, attributes in a fixed order,
/// coordinates through `SVGNumber`, so equal input gives equal bytes.
///
/// Every document opens with an opaque white background rectangle and uses dark text: GitHub shows SVG
/// images on its own page colour, and a transparent chart with dark text would vanish in dark mode.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var lines: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A rectangle; `opacity` below 1 draws a translucent fill.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       opacity: Double = 1, stroke: String? = nil) {
        var element = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if opacity < 1 { element += " fill-opacity=\"\(n(opacity))\"" }
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        lines.append(element + "/>")
    }

    /// A straight line.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                       width: Double = 1, dash: String? = nil) {
        var element = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        lines.append(element + "/>")
    }

    /// An open polyline through `points`, drawn only when it has two points or more.
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5,
                           dash: String? = nil) {
        guard points.count >= 2 else { return }
        let coordinates = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        var element = "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        lines.append(element + "/>")
    }

    /// A closed, filled polygon (prediction bands).
    mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, opacity: Double) {
        guard points.count >= 3 else { return }
        let coordinates = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        lines.append("<polygon points=\"\(coordinates)\" fill=\"\(fill)\" fill-opacity=\"\(n(opacity))\" stroke=\"none\"/>")
    }

    /// A filled circle (curve points, markers).
    mutating func circle(cx: Double, cy: Double, r: Double, fill: String) {
        lines.append("<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\"/>")
    }

    /// A path given in SVG path syntax built from `SVGNumber` coordinates (alert triangles).
    mutating func path(_ data: String, fill: String) {
        lines.append("<path d=\"\(data)\" fill=\"\(fill)\"/>")
    }

    /// Text as text (searchable, accessible); `rotation` in degrees about the anchor point.
    mutating func text(_ content: String, x: Double, y: Double, anchor: TextAnchor = .start,
                       size: Double = ChartTheme.fontSize, bold: Bool = false, fill: String = ChartTheme.text,
                       rotation: Double? = nil) {
        var element = "<text x=\"\(n(x))\" y=\"\(n(y))\""
        if anchor != .start { element += " text-anchor=\"\(anchor.rawValue)\"" }
        element += " font-size=\"\(n(size))\""
        if bold { element += " font-weight=\"bold\"" }
        element += " fill=\"\(fill)\""
        if let rotation { element += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
        lines.append(element + ">\(XMLEscaping.escape(content))</text>")
    }

    /// The finished document with `title` and `description` for screen readers.
    func document(title: String, description: String) -> String {
        let w = n(width), h = n(height)
        var output = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        output += " role=\"img\" aria-labelledby=\"title desc\" font-family=\"\(ChartTheme.fontFamily)\">\n"
        output += "<title id=\"title\">\(XMLEscaping.escape(title))</title>\n"
        output += "<desc id=\"desc\">\(XMLEscaping.escape(description))</desc>\n"
        output += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"\(ChartTheme.background)\"/>\n"
        for line in lines { output += line + "\n" }
        return output + "</svg>\n"
    }

    private func n(_ value: Double) -> String { SVGNumber.coordinate(value) }
}

/// Where a text element sits relative to its x coordinate.
enum TextAnchor: String {
    case start, middle, end
}
