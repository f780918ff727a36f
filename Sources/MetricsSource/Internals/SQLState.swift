/// SQLSTATE classes that decide between retrying, reporting a configuration
/// problem and reporting a failed query.
enum SQLState {
    /// Worth retrying: the same statement may succeed on a later attempt.
    /// 08xxx connection exceptions, 57P01 admin shutdown, 57P02 crash shutdown,
    /// 57P03 cannot connect now (starting up), 40001 serialization failure,
    /// 40P01 deadlock detected.
    static func isTransient(_ state: String) -> Bool {
        state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
            || state == "40001" || state == "40P01"
    }

    /// Refused at connect time for a reason that may pass: the transient states
    /// above and 53300 too many connections.
    static func isTransientAtConnect(_ state: String) -> Bool {
        isTransient(state) || state == "53300"
    }

    /// 3D000 invalid catalog name: the database named in the settings does not exist.
    static let undefinedDatabase = "3D000"

    /// The settings are wrong, not the query: 28xxx bad credentials, 3D000
    /// unknown database, 3F000 unknown schema, 42501 missing privilege,
    /// 42P01 missing table (schema not initialised).
    static func isConfiguration(_ state: String) -> Bool {
        state.hasPrefix("28") || state == "3D000" || state == "3F000" || state == "42501" || state == "42P01"
    }
}
