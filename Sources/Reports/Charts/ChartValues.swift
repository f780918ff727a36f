/// An axis title and its unit, drawn as "title (unit)".
public struct AxisLabel: Sendable, Equatable {
    /// What the axis measures, e.g. "false positive rate".
    public var title: String
    /// The unit, e.g. "alerts/day"; nil for ratios and counts whose title says it.
    public var unit: String?

    public init(_ title: String, unit: String? = nil) {
        self.title = title
        self.unit = unit
    }

    /// The text drawn along the axis.
    public var text: String { unit.map { "\(title) (\($0))" } ?? title }
}

/// One named line: points in ascending x (time series) or in drawing order (curves such as ROC).
public struct ChartSeries: Sendable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    /// Draws a dot at every point (calibration bins); only for short series.
    public var showsPoints: Bool
    /// A guide rather than data (the chance diagonal, perfect calibration): drawn thin, grey and dotted,
    /// without taking a series colour.
    public var isReference: Bool
    /// Draws a step function: each point's y holds back to the previous point's x, so the interval
    /// (x₍ᵢ₋₁₎, xᵢ] shows yᵢ. A precision–recall curve drawn so has average precision as its area, as
    /// scikit-learn's `PrecisionRecallDisplay` draws it (`drawstyle="steps-post"` on its reversed arrays).
    public var drawsSteps: Bool

    public init(name: String, xs: [Double], ys: [Double], showsPoints: Bool = false, isReference: Bool = false,
                drawsSteps: Bool = false) {
        self.name = name
        self.xs = xs
        self.ys = ys
        self.showsPoints = showsPoints
        self.isReference = isReference
        self.drawsSteps = drawsSteps
    }
}

/// A horizontal or vertical line at a value (a threshold, a chosen operating point), named in the legend.
public struct ReferenceLine: Sendable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// A shaded x interval (an incident), `start...end` in x units (seconds for time axes).
public struct ShadedInterval: Sendable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// A filled band between two lines (a prediction interval), points in ascending x.
public struct ChartBand: Sendable {
    public var name: String
    public var xs: [Double]
    public var lower: [Double]
    public var upper: [Double]

    public init(name: String, xs: [Double], lower: [Double], upper: [Double]) {
        self.name = name
        self.xs = xs
        self.lower = lower
        self.upper = upper
    }
}
