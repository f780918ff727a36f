/// Whether a candidate may replace production, and why not.
public struct GateVerdict: Equatable, Sendable {
    /// Every failed condition, as sentences naming the metric and both values; empty = passed.
    public let failures: [String]

    /// True when every gate passed.
    public var passed: Bool { failures.isEmpty }
}

extension Gates {
    /// Checks `candidate` (metrics on the hold-out) against the absolute gates and, when a production
    /// version exists, against `production` (its metrics on the same hold-out).
    ///
    /// The first version of a model (no production) passes when it meets the absolute gates. A gate on a
    /// metric the candidate lacks fails: a gate that cannot be checked is not a pass.
    /// - Parameter falseAlertsKey: the metric compared with `maxFalseAlertsPerDay`
    ///   (`false_alerts_per_group_day` with labels, `alert_episodes_per_group_day` without).
    public func verdict(candidate: [String: Double], production: [String: Double]?,
                        falseAlertsKey: String = "false_alerts_per_group_day") -> GateVerdict {
        var failures: [String] = []
        for (metric, floor) in minimum.sorted(by: { $0.key < $1.key }) {
            guard let value = candidate[metric] else { failures.append("\(metric) was not measured"); continue }
            if value < floor { failures.append("\(metric) \(Self.format(value)) < min \(Self.format(floor))") }
        }
        for (metric, ceiling) in maximum.sorted(by: { $0.key < $1.key }) {
            guard let value = candidate[metric] else { failures.append("\(metric) was not measured"); continue }
            if value > ceiling { failures.append("\(metric) \(Self.format(value)) > max \(Self.format(ceiling))") }
        }
        if let limit = maxFalseAlertsPerDay {
            if let value = candidate[falseAlertsKey] {
                if value > limit { failures.append("\(falseAlertsKey) \(Self.format(value)) > \(Self.format(limit))") }
            } else {
                failures.append("\(falseAlertsKey) was not measured")
            }
        }
        if let production {
            for (metric, allowed) in maxRegression.sorted(by: { $0.key < $1.key }) {
                guard let direction = MetricDirection.of(metric), let new = candidate[metric], let old = production[metric] else {
                    failures.append("\(metric) was not measured on both models")
                    continue
                }
                let worsening = direction.worsening(from: old, to: new)
                if worsening > allowed {
                    failures.append("\(metric) worsened by \(Self.format(worsening)) > max_regression \(Self.format(allowed)) (\(Self.format(old)) → \(Self.format(new)))")
                }
            }
        }
        return GateVerdict(failures: failures)
    }

    /// Four significant decimals, fixed, so messages are stable.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        var text = "\(rounded)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
