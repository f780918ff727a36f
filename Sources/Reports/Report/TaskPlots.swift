/// Classification plot inputs; empty arrays and nil leave a plot out.
public struct ClassificationPlots: Sendable {
    /// ROC curves (x false positive rate, y true positive rate), candidate first.
    public var roc: [ModelCurve]
    /// Precision–recall curves (x recall, y precision), drawn as steps: recall in (xᵢ₋₁, xᵢ] shows yᵢ.
    public var precisionRecall: [ModelCurve]
    /// Class names and `counts[actual][predicted]`.
    public var confusionLabels: [String]
    public var confusionCounts: [[Int]]
    /// Calibration curves (x mean predicted probability per bin, y observed positive fraction).
    public var calibration: [ModelCurve]
    /// Feature importances, drawn in the order given (largest first).
    public var featureImportances: [NamedValue]

    public init(roc: [ModelCurve] = [], precisionRecall: [ModelCurve] = [], confusionLabels: [String] = [],
                confusionCounts: [[Int]] = [], calibration: [ModelCurve] = [], featureImportances: [NamedValue] = []) {
        self.roc = roc
        self.precisionRecall = precisionRecall
        self.confusionLabels = confusionLabels
        self.confusionCounts = confusionCounts
        self.calibration = calibration
        self.featureImportances = featureImportances
    }
}

/// Anomaly-detection plot inputs.
public struct AnomalyPlots: Sendable {
    /// One threshold-sweep point.
    public struct SweepPoint: Sendable {
        public var threshold: Double
        public var precision: Double
        public var recall: Double
        public var alertsPerDay: Double

        public init(threshold: Double, precision: Double, recall: Double, alertsPerDay: Double) {
            self.threshold = threshold
            self.precision = precision
            self.recall = recall
            self.alertsPerDay = alertsPerDay
        }
    }

    /// One group's (tenant's, host's) scores over time with its incidents and alerts.
    public struct GroupScores: Sendable {
        public var group: String
        /// Seconds since the epoch, ascending.
        public var times: [Double]
        public var scores: [Double]
        public var incidents: [ShadedInterval]
        /// Times of alerts (after merging and debouncing).
        public var alerts: [Double]

        public init(group: String, times: [Double], scores: [Double], incidents: [ShadedInterval], alerts: [Double]) {
            self.group = group
            self.times = times
            self.scores = scores
            self.incidents = incidents
            self.alerts = alerts
        }
    }

    /// Evaluation scores binned.
    public var scoreHistogram: BinnedCounts?
    /// Alert levels (warn, critical), drawn on the histogram and the score-over-time panels.
    public var levels: [ReferenceLine]
    /// Precision, recall and alerts/day for ascending thresholds.
    public var sweep: [SweepPoint]
    /// The threshold the report recommends, marked on the sweep.
    public var chosenThreshold: Double?
    public var groups: [GroupScores]
    /// Median detection delay in minutes per incident kind (kinds never detected left out), with `count` the
    /// detected incidents the median is taken over.
    public var delayByKind: [NamedValue]
    /// ROC curves (x false positive rate, y true positive rate), candidate first, then the model it is compared with.
    public var roc: [ModelCurve]
    /// Precision–recall curves drawn as steps, candidate first, then the model it is compared with.
    public var precisionRecall: [ModelCurve]

    public init(scoreHistogram: BinnedCounts? = nil, levels: [ReferenceLine] = [], sweep: [SweepPoint] = [],
                chosenThreshold: Double? = nil, groups: [GroupScores] = [], delayByKind: [NamedValue] = [],
                roc: [ModelCurve] = [], precisionRecall: [ModelCurve] = []) {
        self.roc = roc
        self.precisionRecall = precisionRecall
        self.scoreHistogram = scoreHistogram
        self.levels = levels
        self.sweep = sweep
        self.chosenThreshold = chosenThreshold
        self.groups = groups
        self.delayByKind = delayByKind
    }
}

/// Regression (forecasting) plot inputs.
public struct RegressionPlots: Sendable {
    /// One group's actual and forecast values over time, with an optional prediction interval.
    public struct Forecast: Sendable {
        public var group: String
        /// Seconds since the epoch, ascending.
        public var times: [Double]
        public var actual: [Double]
        public var predicted: [Double]
        /// Prediction interval bounds aligned with `times`; empty for none.
        public var lower: [Double]
        public var upper: [Double]

        public init(group: String, times: [Double], actual: [Double], predicted: [Double], lower: [Double] = [],
                    upper: [Double] = []) {
            self.group = group
            self.times = times
            self.actual = actual
            self.predicted = predicted
            self.lower = lower
            self.upper = upper
        }
    }

    /// The target and its unit, e.g. AxisLabel("requests", unit: "req/s").
    public var target: AxisLabel
    /// What the interval is, e.g. "80 % interval (per-tree spread)".
    public var intervalName: String
    public var forecasts: [Forecast]
    /// Residuals (actual − predicted) binned.
    public var residuals: BinnedCounts?
    /// Mean absolute error per UTC hour of day (24 values, hour 0 first); empty leaves the plot out.
    public var errorByHour: [Double]

    public init(target: AxisLabel, intervalName: String = "prediction interval", forecasts: [Forecast] = [],
                residuals: BinnedCounts? = nil, errorByHour: [Double] = []) {
        self.target = target
        self.intervalName = intervalName
        self.forecasts = forecasts
        self.residuals = residuals
        self.errorByHour = errorByHour
    }
}
