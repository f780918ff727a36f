import Foundation

/// Runs one command to completion, capturing its output through files (a chatty child cannot block on a
/// full pipe).
struct ChildProcess {
    let status: Int32
    let standardOutput: String
    let standardError: String

    /// Runs `executable` with `arguments` in `directory`, adding `environment` to the current one.
    /// A child killed by a signal reports 128 + the signal number, as shells do.
    static func run(executable: String, arguments: [String], directory: String, environment: [String: String],
                    path: String, line: Int) throws(NotebookError) -> ChildProcess {
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("workbench-notebook-capture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout"), errURL = capture.appendingPathComponent("stderr")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        do {
            try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
                  FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
            defer { try? out.close(); try? err.close() }
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        } catch {
            throw .cannotStart(path: path, line: line, reason: "\(executable): \(error.localizedDescription)")
        }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ChildProcess(status: status,
                            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
