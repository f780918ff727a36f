import Foundation

/// Facts about the process that trains or registers a model: time, host, user, code version.
public enum TrainingEnvironment {
    /// The current time as ISO 8601 UTC with seconds, e.g. `2026-11-25T02:41:07Z`.
    public static func nowUTC() -> String {
        Date().formatted(.iso8601)
    }

    /// The host name, or `unknown` when the system will not say.
    public static func host() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The user name from `USER` / `LOGNAME`, else the numeric uid.
    public static func user() -> String {
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? "uid \(getuid())"
    }

    /// The git commit of the training code: env `WORKBENCH_GIT_COMMIT` when set (builds
    /// and CI export it), else `git rev-parse HEAD` in the working directory, else nil.
    /// Git's own messages are discarded: outside a repository there is simply no commit.
    public static func gitCommit() -> String? {
        cachedGitCommit
    }

    private static let cachedGitCommit: String? = {
        if let commit = ProcessInfo.processInfo.environment["WORKBENCH_GIT_COMMIT"], !commit.isEmpty {
            return commit
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let commit = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return commit.count == 40 && commit.allSatisfy(\.isHexDigit) ? commit : nil
    }()
}
