import Foundation

/// Helpers shared by the test targets: paths, temporary directories and child processes.
public enum TestSupport {
    /// The repository root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The bundled data sets folder.
    public static var datasetsDirectory: URL { repositoryRoot.appendingPathComponent("datasets") }

    /// The `workbench` executable built next to the test bundle.
    public static var workbenchExecutable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0])
            .deletingLastPathComponent().appendingPathComponent("workbench")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return repositoryRoot.appendingPathComponent(".build/debug/workbench")
    }

    /// A new empty directory under the system temporary folder.
    public static func makeTemporaryDirectory(_ label: String = "workbench-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` as UTF-8 to a file named `name` in a fresh temporary directory; returns its path.
    public static func writeTemporaryFile(_ text: String, name: String = "data.csv") throws -> String {
        let url = try makeTemporaryDirectory("file").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// What a finished child process printed and how it ended.
    public struct ProcessOutput: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs `executable` with `arguments` to completion and captures its output.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let outputFile = try makeTemporaryDirectory("proc")
        let outURL = outputFile.appendingPathComponent("out")
        let errURL = outputFile.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        // Files, not pipes: a chatty child cannot block on a full pipe buffer.
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: outputFile) }
        return ProcessOutput(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Runs the `workbench` executable.
    public static func workbench(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessOutput {
        try run(workbenchExecutable, arguments, environment: environment)
    }

    /// Runs a Python script from `Tests/Interop` with `python3` (h5py, numpy and scikit-learn installed by scripts/test).
    public static func python(_ script: String, _ arguments: [String]) throws -> ProcessOutput {
        let path = repositoryRoot.appendingPathComponent("Tests/Interop").appendingPathComponent(script).path
        return try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", path] + arguments)
    }
}
