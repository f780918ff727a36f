import NumericCore

public struct IsolationForest: Sendable {
}
