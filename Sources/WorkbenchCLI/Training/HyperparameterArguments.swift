import ArgumentParser
import Forests
import ModelStore

// The hyperparameter types parse their one text form (`init?(_:)`), shared with model files.

extension MaxFeatures: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .list(["sqrt", "log2", "all"]) }
}

extension MaxSamples: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .list(["auto", "all"]) }
}

extension Contamination: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .list(["auto"]) }
}

extension ExtendedIsolationForest.ExtensionLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension ForestConfiguration.Criterion: ExpressibleByArgument {}
extension ForestConfiguration.ClassWeight: ExpressibleByArgument {}
extension SplitMethod: ExpressibleByArgument {}
extension ModelAlgorithm: ExpressibleByArgument {}
