import Foundation
import MetricsSource
import Testing
@testable import WorkbenchCLI

/// How one log line is rendered and which format the command line and the environment select.
@Suite("log lines")
struct LogLineTests {
    @Test("a JSON line has ts, level, command, message first, then the fields by name, and parses back")
    func jsonLayout() throws {
        let line = LogLine(level: .warning, message: "metrics not written", fields: ["rows": 12, "file": "a.csv", "elapsed_s": .double(0.5)])
        let text = line.json(time: 1_767_571_200.25, command: "models list")
        #expect(text == #"{"ts":"2026-01-05T00:00:00.250Z","level":"warning","command":"models list","message":"metrics not written","elapsed_s":0.5,"file":"a.csv","rows":12}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["rows"] as? Int == 12)
    }

    @Test("control characters, quotes, backslashes and line separators are escaped: one line, valid JSON")
    func escaping() throws {
        let message = "a\"b\\c\nd\re\tf\u{1B}[31mg\u{2028}h\u{0}"
        let text = LogLine(level: .error, message: message, fields: ["message": "shadow", "x": .double(.nan)]).json(time: 0, command: "c")
        #expect(!text.contains("\n") && !text.contains("\u{1B}") && !text.contains("\u{2028}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["message"] as? String == message)
        #expect(object["field_message"] as? String == "shadow", "a field cannot replace a required key")
        #expect(object["x"] is NSNull)
    }

    @Test("text lines keep today's wording: level prefixes, escaped control characters", arguments: [
        (LogLevel.info, "wrote 3 predictions to -", "wrote 3 predictions to -"),
        (.notice, "the server offers TimescaleDB", "note: the server offers TimescaleDB"),
        (.warning, "metrics not pushed", "warning: metrics not pushed"),
        (.error, "Model 'x' is not\nin the registry", "error: Model 'x' is not\\nin the registry"),
    ])
    func text(level: LogLevel, message: String, expected: String) {
        #expect(LogLine(level: level, message: message).text() == expected)
    }

    @Test("timestamps are ISO 8601 UTC with milliseconds")
    func timestamps() {
        #expect(LogLine.timestamp(0) == "1970-01-01T00:00:00.000Z")
        #expect(LogLine.timestamp(1_767_571_199.9996) == "2026-01-04T23:59:59.999Z")
    }

    @Test("the flag wins over WORKBENCH_LOG_FORMAT; a bad variable is a usage error naming it")
    func resolution() throws {
        let unset = try LoggingOptions.parse([])
        #expect(try unset.resolved(environment: [:]) == .text)
        #expect(try unset.resolved(environment: ["WORKBENCH_LOG_FORMAT": "json"]) == .json)
        let flag = try LoggingOptions.parse(["--log-format", "text"])
        #expect(try flag.resolved(environment: ["WORKBENCH_LOG_FORMAT": "json"]) == .text)
        #expect(try flag.resolved(environment: ["WORKBENCH_LOG_FORMAT": "xml"]) == .text)
        #expect {
            try unset.resolved(environment: ["WORKBENCH_LOG_FORMAT": "xml"])
        } throws: { error in
            "\(error)".contains("WORKBENCH_LOG_FORMAT must be text or json; got 'xml'")
        }
    }

    @Test("before parsing, the format comes from a valid flag, else the environment, else text", arguments: [
        (["train", "--log-format", "json"], [String: String](), LogFormat.json),
        (["train", "--log-format=json"], [:], .json),
        (["train", "--log-format", "xml"], ["WORKBENCH_LOG_FORMAT": "json"], .text),
        (["train"], ["WORKBENCH_LOG_FORMAT": "json"], .json),
        (["train", "--log-format", "text"], ["WORKBENCH_LOG_FORMAT": "json"], .text),
        (["train", "--", "--log-format", "json"], [:], .text),
    ])
    func requested(arguments: [String], environment: [String: String], expected: LogFormat) {
        #expect(LogFormat.requested(by: arguments, environment: environment) == expected)
    }

    @Test("the command field is the subcommand path", arguments: [
        (["models", "list", "--json"], "models list"), (["publish", "cpu@v1", "--to", "x"], "publish"),
        (["train", "--data", "models"], "train"), ([], "workbench"), (["--help"], "workbench"),
    ])
    func commandPath(arguments: [String], expected: String) {
        #expect(Workbench.commandPath(arguments) == expected)
    }

    @Test("a connection's password is redacted from every later line")
    func redaction() {
        let password = "pw-\(UUID().uuidString)"
        Log.redacting(ConnectionSettings(dsn: "host=127.0.0.1 port=1 user=w password=\(password)"))
        #expect(Log.redacted("could not connect with \(password) to port 1") == "could not connect with <redacted> to port 1")
    }
}
