/// Colours, fonts and sizes shared by every chart.
///
/// One light theme on an opaque background, so charts read the same in GitHub's light and dark modes.
/// Series colours are the Okabe–Ito palette (distinguishable with the common colour-vision
/// deficiencies); the second and later series are also dashed, so colour is never the only cue.
enum ChartTheme {
    static let background = "#ffffff"
    static let text = "#1f2328"
    static let mutedText = "#57606a"
    static let axis = "#57606a"
    static let grid = "#d8dee4"
    static let guide = "#6e7781"
    static let incident = "#d55e00"
    static let alert = "#cc79a7"
    static let fontFamily = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
    static let fontSize = 12.0
    static let tickFontSize = 11.0
    static let titleFontSize = 14.0

    /// Series colours in order of use.
    static let palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"]
    /// Dash patterns in order of use (nil is solid).
    static let dashes: [String?] = [nil, "6 3", "2 2", "8 3 2 3", "4 4", "1 3", nil]
    /// Colours for reference lines (thresholds, levels) in order of use.
    static let referenceColours = ["#9a6700", "#cf222e", "#8250df", "#1a7f37"]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }
    static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }

    /// An estimate of the width of `text` in a sans-serif font of `size`, used to reserve room so labels
    /// never overlap; generous because the viewer's font is not known.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        Double(text.count) * size * 0.62
    }
}
