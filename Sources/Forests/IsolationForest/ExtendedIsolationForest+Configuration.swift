extension ExtendedIsolationForest {
    /// How many coordinates of each hyperplane normal may be non-zero.
    ///
    /// Text form (command line and model files): `full` or an integer level.
    public enum ExtensionLevel: Sendable, Equatable, LosslessStringConvertible {
        /// d − 1: every coordinate, the fully extended forest Hariri et al. recommend.
        case full
        /// A level in 0 … d − 1; level `e` gives normals with `e + 1` non-zero components.
        case level(Int)

        /// Parses `full` or a non-negative integer; nil for anything else.
        public init?(_ text: String) {
            if text == "full" {
                self = .full
            } else if let level = Int(text) {
                // Negative levels parse so that `validated()` can say what the range is.
                self = .level(level)
            } else {
                return nil
            }
        }

        /// The text form: `full` or the level.
        public var description: String {
            switch self {
            case .full: "full"
            case .level(let level): "\(level)"
            }
        }

        /// The level for `features` columns.
        func resolved(features: Int) throws(ForestError) -> Int {
            switch self {
            case .full:
                return features - 1
            case .level(let level):
                guard level < features else {
                    throw .invalidParameter(
                        "extensionLevel must be in 0 … \(features - 1) for \(features) features; got \(level).")
                }
                return level
            }
        }
    }

    /// The hyperparameters of an Extended Isolation Forest: Isolation Forest's, plus the extension level.
    ///
    /// The shared settings live in `isolation` and read as if they were this type's own
    /// (`configuration.trees = 50`), so both forests share one definition of each.
    /// `isolation.maxFeatures` must stay `.all`: a hyperplane may use every feature.
    /// Only the validated form reaches `fit`.
    @dynamicMemberLookup
    public struct Configuration: Sendable, Equatable {
        /// Trees, ψ, bootstrap, contamination, seed and threads, with Isolation Forest's defaults.
        public var isolation = IsolationForest.Configuration()
        /// Non-zero components per normal minus one; default `.full` (d − 1), which removes the
        /// axis-parallel artefacts of standard isolation trees.
        public var extensionLevel: ExtensionLevel = .full

        /// The default configuration.
        public init() {}

        /// Reads and writes the shared Isolation Forest settings, e.g. `configuration.trees`.
        public subscript<Value>(dynamicMember path: WritableKeyPath<IsolationForest.Configuration, Value>) -> Value {
            get { isolation[keyPath: path] }
            set { isolation[keyPath: path] = newValue }
        }

        /// The same settings after checking every range.
        /// - Throws: `ForestError.invalidParameter` naming the parameter, the allowed range and the value.
        public func validated() throws(ForestError) -> ValidatedConfiguration {
            guard isolation.maxFeatures == .all else {
                throw .invalidParameter(
                    "maxFeatures must be all for an extended isolation forest (the extension level limits the features of each hyperplane); got \(isolation.maxFeatures).")
            }
            let checked = try isolation.validated()
            if case .level(let level) = extensionLevel, level < 0 {
                throw .invalidParameter("extensionLevel must be 'full' or an integer ≥ 0; got \(level).")
            }
            return ValidatedConfiguration(shared: checked, extensionLevel: extensionLevel)
        }
    }

    /// A configuration whose every value is in range; made only by `Configuration.validated()`.
    public struct ValidatedConfiguration: Sendable, Equatable {
        /// The settings shared with Isolation Forest (its `maxFeatures` is always `.all` here).
        public let shared: IsolationForest.ValidatedConfiguration
        /// The requested extension level, resolved against the features at fit time.
        public let extensionLevel: ExtensionLevel
    }
}
