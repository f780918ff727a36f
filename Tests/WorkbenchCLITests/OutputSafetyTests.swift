import Foundation
import Testing
import TestSupport

/// Outputs never overwrite inputs or registry files, name the requested path when they fail, and
/// leave nothing behind after a failure or a signal (issue 10, items 4, 5, 6, 7, 8, 12).
@Suite("output safety")
struct OutputSafetyTests {
    let breastw = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path

    private func train(_ extra: [String], environment: [String: String]? = nil) throws -> TestSupport.ProcessOutput {
        try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier", "--trees", "5",
        ] + extra, environment: environment)
    }

    private func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test("an output that is an input, however spelled, is refused with 64 naming both options")
    func outputEqualToInput() throws {
        let directory = try TestSupport.makeTemporaryDirectory("output-input").path
        let data = directory + "/data.csv"
        try FileManager.default.copyItem(atPath: breastw, toPath: data)
        let model = directory + "/m.h5"
        #expect(try train(["--output", model]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.csv", withDestinationPath: data)
        let before = try Data(contentsOf: URL(fileURLWithPath: data))
        let cases: [([String], String)] = [
            (["predict", "--model", model, "--data", data, "--output", directory + "/sub/../data.csv"], "--data"),
            (["predict", "--model", model, "--data", data, "--output", directory + "/link.csv"], "--data"),
            (["predict", "--model", model, "--data", data, "--output", model], "--model"),
        ]
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: false)
        for (arguments, input) in cases {
            let run = try TestSupport.workbench(arguments)
            #expect(run.status == 64, "\(arguments): \(run.standardError)")
            #expect(run.standardError.contains("--output ") && run.standardError.contains("is the same file as \(input) "))
            #expect(run.standardError.split(separator: "\n").count == 1)
        }
        let h5 = directory + "/data.h5"
        #expect(try TestSupport.workbench(["predict", "--model", model, "--data", data, "--output", h5]).status == 0)
        let retrain = try TestSupport.workbench([
            "train", "--data", h5, "--target", "prediction", "--algorithm", "random-forest-classifier", "--output", h5,
        ])
        #expect(retrain.status == 64)
        #expect(retrain.standardError == "error: --output \(h5) is the same file as --data \(h5); "
            + "refusing to overwrite an input. Choose another output path.\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == before)
    }

    @Test("no --output may enter the registry, through a symbolic link either")
    func outputInsideRegistry() throws {
        let directory = try TestSupport.makeTemporaryDirectory("output-registry").path
        let registry = directory + "/models"
        #expect(try train(["--register", "cpu", "--registry", registry]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: directory + "/cpu", withDestinationPath: registry + "/cpu")
        let version = registry + "/cpu/v1.h5"
        let before = try Data(contentsOf: URL(fileURLWithPath: version))
        for output in [version, directory + "/cpu/v1.h5", registry + "/p.csv"] {
            let run = try TestSupport.workbench(["predict", "--model", "cpu", "--registry", registry, "--data", breastw, "--output", output])
            #expect(run.status == 64, "\(output): \(run.standardError)")
            #expect(run.standardError.contains("is inside --registry \(registry);"), "\(run.standardError)")
        }
        let retrain = try train(["--output", version, "--registry", registry])
        #expect(retrain.status == 64)
        #expect(try Data(contentsOf: URL(fileURLWithPath: version)) == before)
        #expect(try TestSupport.workbench(["models", "verify", "--registry", registry]).status == 0)
    }

    @Test("the extension decides the format: a model file must be .h5 or .hdf5, predictions .csv, .h5 or .hdf5")
    func extensionDecidesFormat() throws {
        let directory = try TestSupport.makeTemporaryDirectory("output-format").path
        let run = try train(["--output", directory + "/model.csv"])
        #expect(run.status == 64)
        #expect(run.standardError == "error: --output \(directory)/model.csv: a model file must end in .h5 or .hdf5; "
            + "got '.csv' (the extension decides the format).\n")
        #expect(try train(["--output", directory + "/model.HDF5"]).status == 0)
        let predict = try TestSupport.workbench(["predict", "--model", directory + "/model.HDF5", "--data", breastw, "--output", directory + "/p.txt"])
        #expect(predict.status == 64)
        #expect(try names(directory) == ["model.HDF5"])
    }

    @Test("an unwritable output fails before training, naming the requested path and the OS reason")
    func unwritableOutputFailsFirst() throws {
        let directory = try TestSupport.makeTemporaryDirectory("output-unwritable").path
        let missing = try train(["--output", directory + "/no/such/m.h5"])
        #expect(missing.status == 73)
        #expect(missing.standardOutput.isEmpty, "training ran: \(missing.standardOutput)")
        #expect(missing.standardError == "error: \(directory)/no/such/m.h5: cannot write: No such file or directory\n")
        try FileManager.default.createDirectory(atPath: directory + "/m.h5", withIntermediateDirectories: false)
        let occupied = try train(["--output", directory + "/m.h5"])
        #expect(occupied.status == 73)
        #expect(occupied.standardError == "error: \(directory)/m.h5: cannot write: is a directory\n")
        #expect(try names(directory) == ["m.h5"])
    }

    @Test("SIGINT and SIGTERM during train --output remove the unfinished file and exit 130 and 143", arguments: [
        (SIGINT, Int32(130)), (SIGTERM, Int32(143)),
    ])
    func signalsRemoveTemporaries(signal: Int32, status: Int32) throws {
        let directory = try TestSupport.makeTemporaryDirectory("output-signal").path
        let writer = try startPausedTrain(output: directory + "/m.h5")
        kill(writer.processIdentifier, signal)
        writer.waitUntilExit()
        #expect(writer.terminationReason == .exit)
        #expect(writer.terminationStatus == status)
        #expect(try names(directory) == [])
    }

    @Test("after kill -9 the next writer into the directory removes the dead writer's temporary")
    func killedWriterLeftoverIsSwept() throws {
        let directory = try TestSupport.makeTemporaryDirectory("output-kill").path
        let writer = try startPausedTrain(output: directory + "/m.h5")
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        #expect(try names(directory).count == 1)
        #expect(try train(["--output", directory + "/other.h5"]).status == 0)
        #expect(try names(directory) == ["other.h5"])
    }

    /// Starts `train --output output` paused before its rename and returns once its temporary exists.
    private func startPausedTrain(output: String) throws -> Process {
        let writer = Process()
        writer.executableURL = TestSupport.workbenchExecutable
        writer.arguments = ["train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier",
                            "--trees", "5", "--output", output]
        writer.environment = ProcessInfo.processInfo.environment.merging(["WORKBENCH_TEST_PAUSE_BEFORE_RENAME": "60"]) { $1 }
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        let directory = (output as NSString).deletingLastPathComponent
        let deadline = Date().addingTimeInterval(60)
        while try !names(directory).contains(where: { $0.contains(".tmp-\(writer.processIdentifier)-") }) {
            guard Date() < deadline, writer.isRunning else {
                writer.terminate()
                throw CancellationError()
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return writer
    }

    @Test("failing promote and gc of an unknown model create nothing in the registry")
    func failingCommandsCreateNothing() throws {
        let registry = try TestSupport.makeTemporaryDirectory("output-ghost").path
        let promote = try TestSupport.workbench(["models", "promote", "nosuch@v1", "--alias", "production", "--registry", registry])
        #expect(promote.status == 66)
        let gc = try TestSupport.workbench(["models", "gc", "nosuch", "--keep", "1", "--registry", registry])
        #expect(gc.status == 66)
        #expect(try names(registry) == [])
    }

    @Test("verify and list refuse a missing --registry (66) and a file (78), saying which")
    func registryMustBeAFolder() throws {
        let directory = try TestSupport.makeTemporaryDirectory("output-root").path
        let file = directory + "/file"
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        for command in [["models", "verify"], ["models", "list"]] {
            let missing = try TestSupport.workbench(command + ["--registry", directory + "/typo"])
            #expect(missing.status == 66)
            #expect(missing.standardError.hasPrefix("error: The registry \(directory)/typo does not exist"))
            let notFolder = try TestSupport.workbench(command + ["--registry", file])
            #expect(notFolder.status == 78)
            #expect(notFolder.standardError == "error: The registry \(file) is a file, not a registry folder "
                + "(check --registry or WORKBENCH_REGISTRY).\n")
        }
        let register = try train(["--register", "cpu", "--registry", file])
        #expect(register.status == 78)
        #expect(!register.standardError.contains("NSCocoaErrorDomain"))
    }

    @Test("pull checks its output before connecting: the registry, the extension and the folder are refused in milliseconds")
    func pullChecksOutputFirst() throws {
        let directory = try TestSupport.makeTemporaryDirectory("pull-output").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let registry = directory + "/models"
        try FileManager.default.createDirectory(atPath: registry, withIntermediateDirectories: false)
        // A server that is never there: reaching the database would take retries and end with 75.
        let environment = ["WORKBENCH_DSN": "postgresql://nobody@127.0.0.1:1/x", "WORKBENCH_REGISTRY": registry]
        let base = ["pull", "--tenant", "t", "--from", "2026-01-05", "--to", "2026-01-06", "--bucket", "1h"]
        let cases: [(output: String, status: Int32, message: String)] = [
            (registry + "/pulled.h5", 64, "error: --output \(registry)/pulled.h5 is inside $WORKBENCH_REGISTRY \(registry); "
                + "its files are written only by its own commands. Choose a path outside it.\n"),
            (directory + "/missing/pulled.csv", 73, "error: \(directory)/missing/pulled.csv"),
        ]
        for (output, status, message) in cases {
            let started = Date()
            let run = try TestSupport.workbench(base + ["--output", output], environment: environment)
            #expect(run.status == status, "\(output): \(run.standardError)")
            #expect(run.standardError.hasPrefix(message), "\(run.standardError)")
            #expect(run.standardError.split(separator: "\n").count == 1)
            #expect(!run.standardError.contains("PostgreSQL") && !run.standardError.contains("retrying"))
            #expect(Date().timeIntervalSince(started) < 5)
        }
        #expect(try names(directory) == ["models"])
        #expect(try names(registry).isEmpty)
    }
}
