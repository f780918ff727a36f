import Foundation

/// The retrain job spec that the library tests (RetrainTests) and the end-to-end command tests
/// (WorkbenchCLITests) both run: the bundled synthetic metrics, a per-tenant Isolation Forest gated on
/// ROC AUC and false alerts, and a per-tenant regressor gated on R², everything written under one folder.
public enum RetrainSpecFixture {
    /// The bundled wide metrics file (timestamp, tenant_id, label, collector/metric columns).
    public static var data: String {
        TestSupport.datasetsDirectory.appendingPathComponent("synthetic/metrics.wide.csv").path
    }

    /// The models list, indented by 2 under `models:`; `requestTrees` sets the regressor's size (and so
    /// the run's length: the command tests stretch a run to interrupt it).
    public static func models(requestTrees: Int = 10) -> String {
        """
          - name: anomalies
            per_tenant: true
            algorithm: isolation-forest
            target: label
            hyperparameters: {trees: 100, contamination: 0.02}
            gates: {min: {roc_auc: 0.6}, max_false_alerts_per_day: 6}
          - name: requests
            per_tenant: true
            algorithm: random-forest-regressor
            target: api_gateway/requests_per_second
            hyperparameters: {trees: \(requestTrees), threads: 1}
            gates: {min: {r2: 0.5}}
        """
    }

    /// A whole spec whose registry, publish folder, reports and metrics textfile are under `folder`.
    /// - Parameters:
    ///   - models: the models list (as `models()` writes it); nil for `models()`.
    ///   - source: the `source:` value; nil for the bundled file.
    ///   - extra: more top-level YAML, appended.
    public static func yaml(in folder: URL, models: String? = nil, source: String? = nil, extra: String = "") -> String {
        """
        source: \(source ?? "{file: \(data)}")
        registry: \(folder.path)/models
        time: timestamp
        group: tenant_id
        holdout: 4d
        seed: 7
        models:
        \(models ?? Self.models())
        publish: {to: \(folder.path)/published}
        report: {to: \(folder.path)/reports}
        metrics_textfile: \(folder.path)/metrics/workbench.prom
        \(extra)
        """
    }
}
