import Foundation
import Testing
import TestSupport

/// `--log-format json` / `WORKBENCH_LOG_FORMAT=json` on every command family, through the real executable:
/// every stderr line is one JSON object with `ts`, `level`, `command` and `message`; a failing run's error
/// line carries the process's exit status; stdout is the same as in text mode; no DSN password is logged.
@Suite("structured logs")
struct LogFormatTests {
    static let breastw = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path

    /// The stderr lines of `run` as JSON objects, after checking each has the required keys with the right
    /// types, `command` equal to `command`, and `ts` in ISO 8601 UTC.
    /// A finished process's status and stderr.
    struct Ended {
        let status: Int32
        let standardError: String
    }

    @discardableResult
    static func jsonLines(_ run: TestSupport.ProcessOutput, command: String,
                          sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        jsonLines(Ended(status: run.status, standardError: run.standardError), command: command, sourceLocation: sourceLocation)
    }

    @discardableResult
    static func jsonLines(_ run: Ended, command: String, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        let lines = run.standardError.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(run.standardError.hasSuffix("\n") || run.standardError.isEmpty, "stderr ends with a newline", sourceLocation: sourceLocation)
        var objects: [[String: Any]] = []
        for line in lines {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                Issue.record("not a JSON object: \(line)", sourceLocation: sourceLocation)
                continue
            }
            let ts = object["ts"] as? String ?? ""
            #expect(ts.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "ts: \(line)", sourceLocation: sourceLocation)
            #expect(["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(object["level"] as? String ?? ""),
                    "level: \(line)", sourceLocation: sourceLocation)
            #expect(object["command"] as? String == command, "command: \(line)", sourceLocation: sourceLocation)
            #expect(object["message"] is String, "message: \(line)", sourceLocation: sourceLocation)
            objects.append(object)
        }
        #expect(!objects.isEmpty, "json mode always ends with a line", sourceLocation: sourceLocation)
        #expect(!run.standardError.contains("\r") && !run.standardError.contains("\u{1B}"), "no progress in json mode",
                sourceLocation: sourceLocation)
        return objects
    }

    /// Checks that `run` ended with `status`, and that its last line says so: `finished` with `exit_code` 0,
    /// or an error line whose `exit_code` is the process status.
    static func expectEnd(_ run: TestSupport.ProcessOutput, status: Int32, command: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        expectEnd(Ended(status: run.status, standardError: run.standardError), status: status, command: command,
                  sourceLocation: sourceLocation)
    }

    static func expectEnd(_ run: Ended, status: Int32, command: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == status, "\(run.standardError)", sourceLocation: sourceLocation)
        let lines = jsonLines(run, command: command, sourceLocation: sourceLocation)
        if status == 0 {
            let last = lines.last
            #expect(last?["message"] as? String == "finished" && last?["level"] as? String == "info", "\(run.standardError)",
                    sourceLocation: sourceLocation)
            #expect((last?["exit_code"] as? NSNumber)?.int32Value == 0, sourceLocation: sourceLocation)
            #expect(last?["elapsed_s"] is NSNumber, sourceLocation: sourceLocation)
        } else {
            let errors = lines.filter { $0["exit_code"] != nil }
            #expect(errors.count == 1, "one final error line: \(run.standardError)", sourceLocation: sourceLocation)
            #expect(errors.last?["level"] as? String == "error", sourceLocation: sourceLocation)
            #expect((errors.last?["exit_code"] as? NSNumber)?.int32Value == run.status, "\(run.standardError)",
                    sourceLocation: sourceLocation)
            let message = errors.last?["message"] as? String ?? ""
            #expect(!message.isEmpty, sourceLocation: sourceLocation)
        }
    }

    static func json(_ arguments: [String], environment: [String: String]? = nil) throws -> TestSupport.ProcessOutput {
        try TestSupport.workbench(arguments + ["--log-format", "json"], environment: environment)
    }

    @Test("dataset: inspect, synth and split log JSON; stdout matches text mode; a missing file ends with exit_code 66")
    func dataset() throws {
        let folder = try TestSupport.makeTemporaryDirectory("log-dataset")
        defer { try? FileManager.default.removeItem(at: folder) }
        let inspect = try Self.json(["dataset", "inspect", Self.breastw])
        Self.expectEnd(inspect, status: 0, command: "dataset inspect")
        let text = try TestSupport.workbench(["dataset", "inspect", Self.breastw])
        #expect(text.standardOutput == inspect.standardOutput && !text.standardOutput.isEmpty)
        #expect(text.standardError.isEmpty, "text mode writes nothing on success: \(text.standardError)")

        let synth = try Self.json(["dataset", "synth", "--output", folder.path + "/m.csv", "--tenants", "1", "--days", "1",
                                   "--interval", "15m", "--seed", "3"])
        Self.expectEnd(synth, status: 0, command: "dataset synth")
        let synthLines = Self.jsonLines(synth, command: "dataset synth")
        let synthStart = synthLines.first { $0["event"] as? String == "synth_start" }
        let synthEnd = synthLines.first { $0["event"] as? String == "synth_end" }
        #expect((synthStart?["tenants"] as? NSNumber)?.intValue == 1 && (synthStart?["interval_s"] as? NSNumber)?.intValue == 900
                && synthStart?["file"] as? String == folder.path + "/m.csv", "a start line: \(synth.standardError)")
        // 1 tenant × 96 buckets; 12 series a bucket less the samples the generator drops, as stdout counts them.
        #expect((synthEnd?["wide_rows"] as? NSNumber)?.intValue == 96 && synthEnd?["elapsed_s"] is NSNumber
                && synth.standardOutput.contains("m.csv: \((synthEnd?["long_rows"] as? NSNumber)?.intValue ?? -1) samples"),
                "an end line with the counts: \(synth.standardError)")
        #expect((synthLines.last?["long_rows"] as? NSNumber) == (synthEnd?["long_rows"] as? NSNumber), "finished has the counts")
        let textSynth = try TestSupport.workbench(["dataset", "synth", "--output", folder.path + "/t.csv", "--tenants", "1", "--days", "1",
                                                   "--interval", "15m", "--seed", "3"])
        #expect(textSynth.status == 0 && textSynth.standardError.isEmpty, "text mode off a terminal stays quiet: \(textSynth.standardError)")

        let split = try Self.json(["dataset", "split", folder.path + "/missing.csv", "--time", "timestamp", "--holdout", "1d",
                                   "--train", folder.path + "/a.csv", "--test", folder.path + "/b.csv"])
        Self.expectEnd(split, status: 66, command: "dataset split")
        #expect(split.standardError.contains("missing.csv"))
    }

    @Test("train, predict and evaluate log JSON with counts and fields; failures end with their exit code")
    func trainPredictEvaluate() throws {
        let folder = try TestSupport.makeTemporaryDirectory("log-train")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.path + "/rf.h5"
        let train = try Self.json(["train", "--data", Self.breastw, "--target", "label", "--algorithm", "random-forest-classifier",
                                   "--trees", "8", "--seed", "3", "--output", model, "--register", "breastw",
                                   "--registry", folder.path + "/models"])
        Self.expectEnd(train, status: 0, command: "train")
        let trainLines = Self.jsonLines(train, command: "train")
        let treesDone = trainLines.first { $0["unit"] as? String == "trees" && $0["done"] != nil }
        #expect((treesDone?["done"] as? NSNumber)?.intValue == 8, "a counted step logs its end: \(train.standardError)")
        #expect(trainLines.last?["model"] as? String == "breastw", "\(train.standardError)")

        let predict = try Self.json(["predict", "--model", model, "--data", Self.breastw, "--output", "-"])
        Self.expectEnd(predict, status: 0, command: "predict")
        let wrote = Self.jsonLines(predict, command: "predict").first { $0["rows"] != nil }
        #expect((wrote?["rows"] as? NSNumber)?.intValue == 683 && wrote?["file"] as? String == "-", "\(predict.standardError)")
        let textPredict = try TestSupport.workbench(["predict", "--model", model, "--data", Self.breastw, "--output", "-"])
        #expect(textPredict.standardOutput == predict.standardOutput, "stdout (CSV) is the same in both modes")
        #expect(textPredict.standardError == "wrote 683 predictions to standard output\n")

        let missingModel = try Self.json(["predict", "--model", folder.path + "/none.h5", "--data", Self.breastw,
                                          "--output", folder.path + "/p.csv"])
        Self.expectEnd(missingModel, status: 66, command: "predict")

        let evaluate = try Self.json(["evaluate", "--model", model, "--data", Self.breastw, "--target", "label"])
        Self.expectEnd(evaluate, status: 0, command: "evaluate")
        let badTarget = try Self.json(["evaluate", "--model", model, "--data", Self.breastw, "--target", "nothing"])
        Self.expectEnd(badTarget, status: 65, command: "evaluate")

        let usage = try Self.json(["train", "--algorithm", "isolation-forest", "--output", model])
        Self.expectEnd(usage, status: 64, command: "train")
        #expect(usage.standardError.contains("--data"))
    }

    @Test("models and publish log JSON; an unknown model ends with exit_code 66")
    func modelsAndPublish() throws {
        let folder = try TestSupport.makeTemporaryDirectory("log-models")
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = folder.path + "/models"
        let model = folder.path + "/if.h5"
        let train = try TestSupport.workbench(["train", "--data", Self.breastw, "--target", "label", "--algorithm", "isolation-forest",
                                               "--trees", "8", "--seed", "3", "--output", model])
        #expect(train.status == 0, "\(train.standardError)")
        Self.expectEnd(try Self.json(["models", "register", model, "--name", "cpu", "--registry", registry]), status: 0,
                       command: "models register")
        Self.expectEnd(try Self.json(["models", "list", "--registry", registry]), status: 0, command: "models list")
        Self.expectEnd(try Self.json(["models", "promote", "cpu@v1", "--alias", "production", "--registry", registry]), status: 0,
                       command: "models promote")
        Self.expectEnd(try Self.json(["models", "verify", "--registry", registry]), status: 0, command: "models verify")
        Self.expectEnd(try Self.json(["models", "show", "nothing@v1", "--registry", registry]), status: 66, command: "models show")

        let published = folder.path + "/published"
        let publish = try Self.json(["publish", "cpu@production", "--to", published, "--registry", registry])
        Self.expectEnd(publish, status: 0, command: "publish")
        let last = Self.jsonLines(publish, command: "publish").last
        #expect(last?["model"] as? String == "cpu" && (last?["version"] as? NSNumber)?.intValue == 1, "\(publish.standardError)")
        Self.expectEnd(try Self.json(["publish", "status", "--to", published]), status: 0, command: "publish status")
        Self.expectEnd(try Self.json(["publish", "rollback", "nothing", "--to", published]), status: 66, command: "publish rollback")
    }

    @Test("features, notebook run and retrain log JSON; their failures (a rejected gate too) end with their exit code")
    func featuresNotebookRetrain() throws {
        let folder = try TestSupport.makeTemporaryDirectory("log-misc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let show = try Self.json(["features", "show-default"])
        Self.expectEnd(show, status: 0, command: "features show-default")
        #expect(show.standardOutput == (try TestSupport.workbench(["features", "show-default"])).standardOutput)
        Self.expectEnd(try Self.json(["features", "check", folder.path + "/none.yaml"]), status: 66, command: "features check")

        let notebook = folder.path + "/n.md"
        try "```workbench\nworkbench dataset inspect datasets/odds/breastw.csv\n```\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let run = try Self.json(["notebook", "run", notebook, "--root", TestSupport.repositoryRoot.path])
        Self.expectEnd(run, status: 0, command: "notebook run")
        Self.expectEnd(try Self.json(["notebook", "run", folder.path + "/none.md"]), status: 66, command: "notebook run")

        let planned = try Self.json(["retrain", "--spec", try RetrainCommandTests.spec(in: folder), "--dry-run", "--json"])
        Self.expectEnd(planned, status: 0, command: "retrain")
        #expect(try RetrainCommandTests.runs(planned).count == 6, "stdout keeps the summary JSON")
        // A first version below an absolute gate: the run ends gate_failed and the job exits 1.
        let strict = try RetrainCommandTests.spec(in: folder, models: """
              - name: requests
                per_tenant: true
                algorithm: random-forest-regressor
                target: api_gateway/requests_per_second
                hyperparameters: {trees: 4, threads: 1}
                gates: {min: {r2: 0.9999}}
            """)
        let rejected = try Self.json(["retrain", "--spec", strict, "--tenant", "tenant-c", "--json"])
        Self.expectEnd(rejected, status: 1, command: "retrain")
        #expect(try RetrainCommandTests.runs(rejected).map { $0["outcome"] as? String } == ["gate_failed"], "\(rejected.standardOutput)")
        let events = Self.jsonLines(rejected, command: "retrain")
        let end = events.first { $0["event"] as? String == "run_end" }
        #expect(events.contains { $0["event"] as? String == "run_start" && $0["model"] as? String == "requests-tenant-c" })
        #expect(end?["tenant"] as? String == "tenant-c" && end?["outcome"] as? String == "gate_failed", "\(rejected.standardError)")
        Self.expectEnd(try Self.json(["retrain", "--spec", folder.path + "/none.yaml"]), status: 66, command: "retrain")
    }

    @Test("db and pull against a closed port end with exit_code 75 and never log the DSN's password")
    func databaseSecrets() throws {
        let password = "Sw0rdfish-\(UUID().uuidString.prefix(8))"
        let dsn = "postgresql://workbench:\(password)@127.0.0.1:1/metrics?connect_timeout=2"
        let initRun = try Self.json(["db", "init", "--dsn", dsn, "--attempts", "2"])
        Self.expectEnd(initRun, status: 75, command: "db init")
        let retry = Self.jsonLines(initRun, command: "db init").first { $0["level"] as? String == "warning" }
        let retryMessage = retry?["message"] as? String ?? ""
        #expect(retryMessage.contains("attempt 1/2 failed") && retry?["logger"] as? String == "workbench.db",
                "swift-log's retry record is a JSON line: \(initRun.standardError)")
        let seed = try Self.json(["db", "seed", "--attempts", "1"], environment: ["WORKBENCH_DSN": dsn])
        Self.expectEnd(seed, status: 75, command: "db seed")
        let pull = try TestSupport.workbench(["pull", "--tenant", "tenant-a", "--from", "now-1d", "--bucket", "5m",
                                              "--output", FileManager.default.temporaryDirectory.path + "/never.csv",
                                              "--attempts", "2"],
                                             environment: ["WORKBENCH_DSN": dsn, "WORKBENCH_LOG_FORMAT": "json", "PGPASSWORD": password])
        Self.expectEnd(pull, status: 75, command: "pull")
        #expect(Self.jsonLines(pull, command: "pull").last?["tenant"] as? String == "tenant-a")
        for run in [initRun, seed, pull] {
            #expect(!run.standardError.contains(password) && !run.standardOutput.contains(password), "\(run.standardError)")
        }
    }

    /// Runs `workbench arguments` with stdin, stdout and stderr on a pseudo-terminal (Python's `pty`), so
    /// progress would draw; returns everything the terminal received.
    static func onTerminal(_ arguments: [String]) throws -> TestSupport.ProcessOutput {
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out = b""
            while True:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                out += data
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        return try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"),
                                   ["python3", "-c", script, TestSupport.workbenchExecutable.path] + arguments)
    }

    @Test("on a terminal, train draws progress in text mode and never in json mode")
    func progressOnlyInTextOnATerminal() throws {
        let folder = try TestSupport.makeTemporaryDirectory("log-tty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let train = ["train", "--data", Self.breastw, "--target", "label", "--algorithm", "random-forest-classifier",
                     "--trees", "8", "--seed", "3", "--output", folder.path + "/m.h5"]
        let text = try Self.onTerminal(train)
        #expect(text.status == 0, "\(text.standardOutput)")
        #expect(text.standardOutput.contains("\r\u{1B}[Ktrain: 8/8 trees"), "progress draws on a terminal: \(text.standardOutput)")
        let json = try Self.onTerminal(train + ["--log-format", "json"])
        #expect(json.status == 0, "\(json.standardOutput)")
        #expect(!json.standardOutput.contains("\u{1B}"), "no progress in json mode, even on a terminal: \(json.standardOutput)")
        let logLines = json.standardOutput.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("{") }
        #expect(logLines.count >= 3, "start, end and finished lines: \(json.standardOutput)")
        #expect(logLines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })
    }

    @Test("SIGTERM in json mode: the interruption is the final JSON error line with exit_code 143")
    func sigterm() throws {
        let folder = try TestSupport.makeTemporaryDirectory("log-signal")
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let writer = Process()
        writer.executableURL = TestSupport.workbenchExecutable
        writer.arguments = ["train", "--data", Self.breastw, "--target", "label", "--algorithm", "random-forest-classifier",
                            "--trees", "5", "--output", folder.path + "/m.h5", "--log-format", "json"]
        writer.environment = ProcessInfo.processInfo.environment.merging(["WORKBENCH_TEST_PAUSE_BEFORE_RENAME": "60"]) { $1 }
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = try FileHandle(forWritingTo: errors)
        try writer.run()
        let deadline = Date().addingTimeInterval(60)
        while try !FileManager.default.contentsOfDirectory(atPath: folder.path).contains(where: { $0.contains(".tmp-") }) {
            guard Date() < deadline, writer.isRunning else { writer.terminate(); throw CancellationError() }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(writer.processIdentifier, SIGTERM)
        writer.waitUntilExit()
        let run = Ended(status: writer.terminationStatus, standardError: try String(contentsOf: errors, encoding: .utf8))
        Self.expectEnd(run, status: 143, command: "train")
        #expect(Self.jsonLines(run, command: "train").last?["message"] as? String == "interrupted by SIGTERM; removed 1 unfinished file.",
                "\(run.standardError)")
    }

    @Test("WORKBENCH_LOG_FORMAT=json selects JSON; the flag wins over it")
    func environment() throws {
        let missing = try TestSupport.workbench(["dataset", "inspect", "/nonexistent/x.csv"], environment: ["WORKBENCH_LOG_FORMAT": "json"])
        Self.expectEnd(missing, status: 66, command: "dataset inspect")
        let text = try TestSupport.workbench(["dataset", "inspect", "/nonexistent/x.csv", "--log-format", "text"],
                                             environment: ["WORKBENCH_LOG_FORMAT": "json"])
        #expect(text.status == 66)
        #expect(text.standardError.hasPrefix("error: ") && text.standardError.split(separator: "\n").count == 1, "\(text.standardError)")
        let usage = try TestSupport.workbench(["models", "list", "--bogus"], environment: ["WORKBENCH_LOG_FORMAT": "json"])
        Self.expectEnd(usage, status: 64, command: "models list")
    }

    @Test("every leaf command offers --log-format", arguments: HelpTests.commands + [["publish", "model"], ["publish", "status"],
                                                                                     ["publish", "rollback"], ["dataset", "split"]])
    func everyLeafCommand(command: [String]) throws {
        let help = try TestSupport.workbench(command + ["--help"])
        #expect(help.status == 0)
        guard !help.standardOutput.contains("SUBCOMMANDS:") else { return }
        #expect(help.standardOutput.contains("--log-format <format>"), "workbench \(command.joined(separator: " "))")
    }

    @Test("an invalid format exits 64 with a one-line error naming the value", arguments: [
        (["--log-format", "xml"], [String: String]()), (["--log-format=xml"], [:]), ([], ["WORKBENCH_LOG_FORMAT": "xml"]),
    ])
    func invalidFormat(arguments: [String], environment: [String: String]) throws {
        let run = try TestSupport.workbench(["models", "list"] + arguments, environment: environment)
        #expect(run.status == 64)
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
        #expect(run.standardError.contains("xml") && run.standardError.contains("json"), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }
}
