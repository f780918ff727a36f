/// The severity of a line: swift-log's levels, named as they appear in JSON (`"level":"warning"`).
enum LogLevel: String, Sendable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    /// What a text-mode line starts with, so text output reads as it always has
    /// (`warning: …`, `error: …`, `note: …`; plain information has no prefix).
    var textPrefix: String {
        switch self {
        case .trace, .debug: "debug: "
        case .info: ""
        case .notice: "note: "
        case .warning: "warning: "
        case .error, .critical: "error: "
        }
    }
}
