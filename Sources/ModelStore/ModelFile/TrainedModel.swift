import Forests
import HDF5Kit
import NumericCore

/// A model of one of the algorithms a model file can hold.
public enum TrainedModel: Sendable {
    /// A Random Forest classifier.
    case randomForestClassifier(RandomForestClassifier)
    /// A Random Forest regressor.
    case randomForestRegressor(RandomForestRegressor)
    /// An Isolation Forest.
    case isolationForest(IsolationForest)
    /// An Extended Isolation Forest.
    case extendedIsolationForest(ExtendedIsolationForest)

    /// The algorithm.
    public var algorithm: ModelAlgorithm {
        switch self {
        case .randomForestClassifier: .randomForestClassifier
        case .randomForestRegressor: .randomForestRegressor
        case .isolationForest: .isolationForest
        case .extendedIsolationForest: .extendedIsolationForest
        }
    }

    /// The number of input features.
    public var featureCount: Int {
        storable.featureCount
    }

    private var storable: any StorableModel {
        switch self {
        case .randomForestClassifier(let model): model
        case .randomForestRegressor(let model): model
        case .isolationForest(let model): model
        case .extendedIsolationForest(let model): model
        }
    }

    func write(with writer: ModelFileWriter) throws(HDF5Error) {
        try storable.write(with: writer)
    }

    func writeSelfTest(samples: Matrix<Float>?, with writer: ModelFileWriter) throws(ModelStoreError) {
        try SelfTest.write(storable, samples: samples, with: writer)
    }

    /// Rebuilds the model stored in `file`, runs its self-test, and returns it with the self-test sample rows.
    static func read(
        from file: StoredFile, algorithm: ModelAlgorithm, featureCount: Int
    ) throws(ModelStoreError) -> (model: TrainedModel, samples: Matrix<Float>?) {
        switch algorithm {
        case .randomForestClassifier:
            let model = try RandomForestClassifier.read(from: file, featureCount: featureCount)
            return (.randomForestClassifier(model), try SelfTest.run(model, file: file))
        case .randomForestRegressor:
            let model = try RandomForestRegressor.read(from: file, featureCount: featureCount)
            return (.randomForestRegressor(model), try SelfTest.run(model, file: file))
        case .isolationForest:
            let model = try IsolationForest.read(from: file, featureCount: featureCount)
            return (.isolationForest(model), try SelfTest.run(model, file: file))
        case .extendedIsolationForest:
            let model = try ExtendedIsolationForest.read(from: file, featureCount: featureCount)
            return (.extendedIsolationForest(model), try SelfTest.run(model, file: file))
        }
    }
}
