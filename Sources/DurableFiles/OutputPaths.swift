#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A path given on the command line, with the option that gave it, for messages.
public struct NamedPath: Sendable, Equatable {
    /// The option, e.g. `--data`.
    public let option: String
    /// The path as given.
    public let path: String

    /// `path` given by `option`.
    public init(_ option: String, _ path: String) {
        self.option = option
        self.path = path
    }
}

/// Checks an output path before any work starts, so a command fails in milliseconds rather than
/// after an hour of training, and never overwrites what it reads.
public enum OutputPaths {
    /// Everything a command must know about its output before it starts work, in this order: the
    /// output is not an input (`refuseOverwriting`) nor inside `protected` (`refuseInside`), its
    /// extension names one of `formats`, and its directory accepts a new file (`checkWritable`).
    /// - Parameters:
    ///   - formats: the formats this output may take; the extension decides.
    ///   - what: what the file holds, e.g. "a model file", for the message.
    ///   - inputs: the files the command reads.
    ///   - protected: a directory no output may enter (the registry: versions are immutable); nil for none.
    /// - Returns: the output's format.
    /// - Throws: `DurableFileError.refused` (usage) or `.cannotWrite` naming the output and the OS reason.
    @discardableResult
    public static func check(
        _ output: NamedPath, formats: [FileFormat], what: String, inputs: [NamedPath], protected: NamedPath? = nil
    ) throws(DurableFileError) -> FileFormat {
        try refuseOverwriting(output, inputs: inputs)
        if let protected { try refuseInside(output, directory: protected) }
        let format = try FileFormat.require(output.path, option: output.option, oneOf: formats, what: what)
        try checkWritable(output.path)
        return format
    }

    /// Refuses an output that is the same file as an input, however spelled.
    /// - Throws: `DurableFileError.refused` naming both options.
    public static func refuseOverwriting(_ output: NamedPath, inputs: [NamedPath]) throws(DurableFileError) {
        guard let target = PathIdentity(path: output.path) else { return }
        for input in inputs where PathIdentity(path: input.path) == target {
            throw .refused(output.path, "\(output.option) \(output.path) is the same file as \(input.option) \(input.path); "
                + "refusing to overwrite an input. Choose another output path.")
        }
    }

    /// Refuses an output at or below `directory` (symbolic links and `..` resolved).
    /// - Throws: `DurableFileError.refused` naming both options.
    public static func refuseInside(_ output: NamedPath, directory: NamedPath) throws(DurableFileError) {
        guard PathIdentity(path: directory.path) != nil else { return }
        let root = PathIdentity.canonical(directory.path)
        let target = PathIdentity.canonical(output.path)
        guard target == root || target.hasPrefix(root == "/" ? "/" : root + "/") else { return }
        throw .refused(output.path, "\(output.option) \(output.path) is inside \(directory.option) \(directory.path); "
            + "its files are written only by its own commands. Choose a path outside it.")
    }

    /// Fails now if a file cannot be created at `path` (missing directory, permissions, read-only
    /// file system, a directory in the way), by creating and removing an empty temporary beside it.
    /// - Throws: `DurableFileError` naming `path` with the OS reason.
    public static func checkWritable(_ path: String) throws(DurableFileError) {
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw DurableFileError(path: path, reason: "is a directory")
        }
        let probe = TemporaryName.beside(path)
        OwnedTemporaries.register(probe)
        defer { OwnedTemporaries.unregister(probe) }
        switch POSIXCalls.createExclusive(probe) {
        case .success(let descriptor):
            _ = POSIXCalls.close(descriptor)
            POSIXCalls.unlinkIfPresent(probe)
        case .failure(let failure):
            throw DurableFileError(path: path, reason: failure.reason)
        }
    }
}
