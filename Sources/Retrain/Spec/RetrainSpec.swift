/// A validated nightly retraining job: where the data comes from, which models to train, how to gate,
/// where to publish and report. Documented key by key in docs/retrain-spec.md.
public struct RetrainSpec: Equatable, Sendable {
    /// Where the metrics come from.
    public enum Source: Equatable, Sendable {
        /// A CSV or HDF5 file of wide rows (one row per group and time).
        case file(path: String)
        /// A PostgreSQL/TimescaleDB pull; the DSN is read from the environment variable `dsnEnv`.
        case postgres(PostgresSource)
    }

    /// A pull from PostgreSQL: the newest `windowSeconds`, bucketed, per tenant.
    public struct PostgresSource: Equatable, Sendable {
        public var dsnEnv: String
        public var windowSeconds: Int
        public var bucketSeconds: Int
        public var aggregates: [String]
        /// Schema of the collectors' tables (`workbench db init --schema`); default `public`.
        public var schema: String = "public"
        /// End of the window (epoch seconds, exclusive) for reproducible runs and backfills; nil = now.
        public var until: Int64?
    }

    /// Which tenants to run.
    public enum Tenants: Equatable, Sendable {
        /// Every tenant found in the source.
        case all
        /// Exactly these tenants.
        case list([String])
    }

    /// Where bundles are published.
    public enum PublishTarget: Equatable, Sendable {
        case directory(String)
        case postgres(dsnEnv: String)
    }

    public var source: Source
    /// The registry root; nil = `--registry`, `WORKBENCH_REGISTRY` or `./models`.
    public var registry: String?
    /// The time column (epoch seconds or ISO 8601).
    public var time: String
    /// The group column (tenant id).
    public var group: String
    public var tenants: Tenants
    /// The newest part of the window, never trained on, that every candidate is evaluated on.
    public var holdoutSeconds: Int
    public var models: [ModelSpec]
    public var publish: PublishTarget?
    /// The folder that receives one report per run.
    public var reportDirectory: String?
    /// A node_exporter textfile written at the end of the run.
    public var metricsTextfile: String?
    /// Seed for every model of the run (default 0).
    public var seed: UInt64
}

/// One model trained for each tenant (or once for all of them).
public struct ModelSpec: Equatable, Sendable {
    /// Registry name; per-tenant models are registered as `NAME-TENANT`.
    public var name: String
    public var perTenant: Bool
    /// `random-forest-classifier`, `random-forest-regressor`, `isolation-forest`, `extended-isolation-forest`.
    public var algorithm: String
    /// Label or regression target; optional for detectors.
    public var target: String?
    /// `default`, a feature-spec file path, or an inline spec as canonical JSON text (readable as YAML); nil = raw
    /// metric values.
    public var features: String?
    /// Hyperparameters by their `train` option names without dashes, e.g. `trees`, `contamination`, as text.
    public var hyperparameters: [String: String]
    public var gates: Gates
}
