import ArgumentParser
import Foundation
import Publishing

/// `workbench publish status [NAME] --to DIR`: what is current and whether it verifies.
struct PublishStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the current publication of each model and verify every hash of it.",
        discussion: "Exits 65 when a current bundle fails verification.")

    @Argument(help: "The model name; default every published model.")
    var name: String?

    @OptionGroup var target: PublishTargetOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let statuses: [PublicationStatus]
            switch try target.destination() {
            case .directory(let directory):
                let publisher = DirectoryPublisher(root: directory)
                let names = name.map { [$0] } ?? publisher.names()
                statuses = try names.map { name throws in try publisher.status(name: name) }
            case .database(let publisher):
                statuses = try publisher.status(name: name)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(statuses), as: UTF8.self))
            } else if statuses.isEmpty {
                print("Nothing is published there.")
            } else {
                for status in statuses { print(Self.line(status)) }
            }
            if statuses.contains(where: { !$0.verified }) { throw ExitCode(ExitStatus.badData.rawValue) }
        }
    }

    private static func line(_ status: PublicationStatus) -> String {
        let current = status.current.map { "v\($0.version) since \($0.publishedUTC)" } ?? "(none)"
        let previous = status.previous.map { ", previous v\($0.version)" } ?? ""
        let rule = status.anomalyRule.map { ", is_anomaly at \($0)" } ?? ""
        let verdict = status.verified ? "verified" : "NOT VERIFIED: " + status.problems.joined(separator: " ")
        return "\(status.name): \(current)\(previous)\(rule) — \(verdict)"
    }
}
