/// Errors raised while reading a feature specification or applying it to a data set.
///
/// Messages are single sentences that name the file, key path, column or row at fault.
public enum FeatureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The specification is malformed: every problem found, each prefixed with its key path
    /// (`transforms[2].window: '1x' is not a duration like 5m, 1h, 1d`). Exit 78.
    case invalidSpec(source: String, problems: [String])
    /// The specification file cannot be read.
    case cannotRead(path: String, reason: String)
    /// A column the specification names is not in the data set.
    case missingColumn(name: String, role: String, available: [String])
    /// The data set does not fit the specification: a text column used as a number, a time
    /// that is neither epoch seconds nor ISO 8601, two transforms producing the same name.
    case invalidData(String)

    public var description: String {
        switch self {
        case .invalidSpec(let source, let problems):
            "\(source): invalid feature spec: " + problems.joined(separator: "; ")
        case .cannotRead(let path, let reason):
            "\(path): cannot read the feature spec: \(reason)"
        case .missingColumn(let name, let role, let available):
            "The feature spec names \(role) column '\(name)', which the data set lacks; columns are: "
                + available.prefix(20).joined(separator: ", ")
                + (available.count > 20 ? ", … (\(available.count) in all)" : "") + "."
        case .invalidData(let message):
            message
        }
    }
}
