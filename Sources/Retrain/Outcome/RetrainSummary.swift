import Foundation

/// The outcomes of one invocation: a table for people, one JSON object for machines, and the exit code.
public struct RetrainSummary: Equatable, Sendable, Encodable {
    public let runs: [RunOutcome]

    public init(runs: [RunOutcome]) {
        self.runs = runs
    }

    /// 0 when every run ended promoted, kept, reused (or planned); 1 when a gate rejected a candidate;
    /// 70 when a run failed with an error (the run's own reason says which).
    public var exitCode: Int32 {
        if runs.contains(where: { $0.outcome == .error }) { return 70 }
        if runs.contains(where: { $0.outcome == .gateFailed }) { return 1 }
        return 0
    }

    /// `{"runs": [...]}` with sorted keys, one line.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{\"runs\":[]}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A fixed-width table: tenant, model, outcome, version, reason.
    public func table() -> String {
        let header = ["TENANT", "MODEL", "OUTCOME", "VERSION", "REASON"]
        let rows = runs.map { run in
            [run.tenant ?? "(all)", run.model, run.outcome.rawValue, run.version ?? "-", run.reason ?? ""]
        }
        let widths = (0 ..< header.count - 1).map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            let padded = zip(row.dropLast(), widths).map { $0.0.padding(toLength: $0.1, withPad: " ", startingAt: 0) }
            return (padded + [row.last ?? ""]).joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
