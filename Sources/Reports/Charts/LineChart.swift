/// A line chart of one or more stacked panels sharing the x axis: curves (ROC, PR, calibration),
/// sweeps against a threshold, and time series with shaded incidents, alert marks and bands.
///
/// Several series in a panel get distinct colours and dash patterns and a legend. Long series are
/// reduced to the panel's pixel columns by `SeriesReducer` (extremes kept), so a million points draw as
/// about two thousand.
public struct LineChart: Sendable {
    /// How x values are read.
    public enum XScale: Sendable {
        /// Plain numbers with 1-2-5 ticks.
        case linear
        /// Seconds since 1970-01-01T00:00:00Z, labelled as UTC dates and times.
        case time
    }

    /// One panel: its series and decorations, drawn against the shared x axis.
    public struct Panel: Sendable {
        /// Drawn above the panel (small multiples: the group's name).
        public var title: String?
        public var series: [ChartSeries]
        /// A filled interval band drawn under the series.
        public var band: ChartBand?
        /// Shaded x intervals, named in the legend by `LineChart.intervalName`.
        public var intervals: [ShadedInterval]
        /// x positions marked with a triangle along the panel's top edge (alerts).
        public var markers: [Double]
        /// Horizontal lines (warn and critical levels).
        public var horizontalLines: [ReferenceLine]
        /// The y axis of this panel; nil uses the chart's.
        public var yAxis: AxisLabel?
        /// A fixed y domain (0...1 for rates); nil fits the data with nice ticks.
        public var yDomain: ClosedRange<Double>?

        public init(title: String? = nil, series: [ChartSeries], band: ChartBand? = nil,
                    intervals: [ShadedInterval] = [], markers: [Double] = [],
                    horizontalLines: [ReferenceLine] = [], yAxis: AxisLabel? = nil,
                    yDomain: ClosedRange<Double>? = nil) {
            self.title = title
            self.series = series
            self.band = band
            self.intervals = intervals
            self.markers = markers
            self.horizontalLines = horizontalLines
            self.yAxis = yAxis
            self.yDomain = yDomain
        }
    }

    public var title: String
    /// Alt text for screen readers: what the chart shows and what to read from it.
    public var description: String
    public var xAxis: AxisLabel
    public var xScale: XScale
    public var yAxis: AxisLabel
    public var panels: [Panel]
    /// A fixed x domain (0...1 for ROC); nil fits the data.
    public var xDomain: ClosedRange<Double>?
    /// Vertical lines across every panel (the chosen threshold).
    public var verticalLines: [ReferenceLine]
    /// Panels without a fixed domain share one y scale (small multiples compare by height).
    public var sharesYScale: Bool
    /// The legend name of shaded intervals.
    public var intervalName: String
    /// The legend name of markers.
    public var markerName: String
    /// Width of the whole image in pixels; 720 fits GitHub's content column.
    public var width: Double
    /// Height of each panel's plotting area in pixels.
    public var panelHeight: Double

    public init(title: String, description: String, xAxis: AxisLabel, xScale: XScale = .linear,
                yAxis: AxisLabel, panels: [Panel], xDomain: ClosedRange<Double>? = nil,
                verticalLines: [ReferenceLine] = [], sharesYScale: Bool = true,
                intervalName: String = "incident", markerName: String = "alert",
                width: Double = 720, panelHeight: Double = 260) {
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.xScale = xScale
        self.yAxis = yAxis
        self.panels = panels
        self.xDomain = xDomain
        self.verticalLines = verticalLines
        self.sharesYScale = sharesYScale
        self.intervalName = intervalName
        self.markerName = markerName
        self.width = width
        self.panelHeight = panelHeight
    }
}
