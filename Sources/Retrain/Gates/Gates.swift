/// The conditions a candidate must meet on the hold-out before it replaces production.
public struct Gates: Equatable, Sendable {
    /// Absolute floors, by metric key: the candidate's value must be at least this.
    public var minimum: [String: Double]
    /// Absolute ceilings, by metric key (for lower-is-better metrics such as `mae`).
    public var maximum: [String: Double]
    /// The largest allowed worsening against production, by metric key.
    public var maxRegression: [String: Double]
    /// The most false alert episodes per group and day (detectors with labels; classifiers),
    /// or alert episodes per group and day for detectors without labels.
    public var maxFalseAlertsPerDay: Double?

    public init(minimum: [String: Double] = [:], maximum: [String: Double] = [:],
                maxRegression: [String: Double] = [:], maxFalseAlertsPerDay: Double? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.maxRegression = maxRegression
        self.maxFalseAlertsPerDay = maxFalseAlertsPerDay
    }
}
