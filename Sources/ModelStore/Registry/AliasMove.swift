/// One line of `models/<name>/audit.jsonl`: an alias moved from one version to another.
///
/// The audit log is append-only; `history` reads it and `rollback` replays it
/// to find the previous holder.
public struct AliasMove: Sendable, Equatable, Codable {
    /// What moved the alias.
    public enum Action: String, Sendable, Codable {
        /// `promote`: the alias was set to a chosen version.
        case promote
        /// `rollback`: the alias went back to its previous holder.
        case rollback
    }

    /// When (ISO 8601 UTC).
    public var timeUTC: String
    /// Who (user name).
    public var user: String
    /// From which host.
    public var host: String
    /// The alias that moved.
    public var alias: String
    /// The version it pointed at before; nil when the alias was new.
    public var from: Int?
    /// The version it points at now.
    public var to: Int
    /// Promote or rollback.
    public var action: Action
    /// Why, as given by the user (empty when none was given).
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case user, host, alias, from, to, action, reason
        case timeUTC = "time_utc"
    }
}
