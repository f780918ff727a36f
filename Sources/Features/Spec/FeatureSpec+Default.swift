extension FeatureSpec {
    /// The robust z-score's default epsilon: the scale never falls below
    /// 1e-6 · max(|median|, 1), so a flat window gives a large finite score instead of ±∞.
    public static let defaultEpsilon = 1e-6

    /// The default for collector metrics (`workbench dataset synth`, `workbench pull`):
    /// columns `timestamp` and `tenant_id`, every other numeric column a metric except `label`.
    ///
    /// Per metric: the raw value; a robust z-score against the trailing day (level changes
    /// and spikes, comparable across tenants of any size); residuals against the same time
    /// one day and one week earlier (daily and weekly cycles removed); the trailing hour's mean
    /// and standard deviation (short drifts and noise bursts); the change from the previous
    /// row. Plus the hour of day and day of week. docs/features.md explains each choice.
    public static let `default` = FeatureSpec(
        time: "timestamp", group: "tenant_id", exclude: ["label"],
        transforms: [
            .raw(columns: nil),
            .robustZ(window: FeatureDuration("1d")!, minCount: 12, epsilon: defaultEpsilon, columns: nil),
            .seasonalResidual(period: FeatureDuration("1d")!, tolerance: nil, columns: nil),
            .seasonalResidual(period: FeatureDuration("1w")!, tolerance: nil, columns: nil),
            .rolling(statistics: [.mean, .std], window: FeatureDuration("1h")!, minCount: 1, columns: nil),
            .diff(rows: 1, columns: nil),
            .calendar(fields: [.hourOfDay, .dayOfWeek]),
        ])
}

extension FeatureSpec {
    /// `FeatureSpec.default` as a commented YAML document to copy and edit
    /// (`workbench features show-default`).
    public static var defaultYAML: String {
        """
        # Workbench default feature spec for collector metrics (docs/features.md).
        # Rows are ordered by `time` within each `group`; every feature reads only the
        # row itself and earlier rows of its group, so it can be computed live.
        # Transforms without `columns` apply to every numeric column except time, group,
        # `exclude` and the training target. Durations: 30s, 5m, 1h, 1d, 1w.
        #   raw                 the value itself
        #   robust_z 1d         (x - median) / (1.4826 MAD) over the trailing day, per tenant
        #   seasonal_residual   x minus the value at the same time 1 day / 1 week earlier
        #   rolling 1h          mean and standard deviation over the trailing hour
        #   diff 1              change since the previous row
        #   calendar            hour of day and day of week (UTC) as sine/cosine

        """ + FeatureSpec.default.yaml
    }
}
