import DurableFiles
import Foundation

/// Reads and appends `models/<name>/audit.jsonl`, one JSON `AliasMove` per line.
enum AuditLog {
    /// The audit log's file name inside a model's folder.
    static let fileName = "audit.jsonl"

    /// The moves in `path`, oldest first; empty when the file does not exist.
    ///
    /// A torn last line (a crash during the append, no final newline) is
    /// skipped; any other unreadable line makes the log corrupt.
    /// - Throws: `ModelStoreError.corrupted` naming the line.
    static func read(_ path: String) throws(ModelStoreError) -> [AliasMove] {
        guard let data = try FileSystem.read(path) else { return [] }
        let endsWithNewline = data.last == 0x0A
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        var moves: [AliasMove] = []
        let decoder = JSONDecoder()
        for (number, line) in lines.enumerated() where !line.isEmpty {
            do {
                moves.append(try decoder.decode(AliasMove.self, from: Data(line)))
            } catch {
                if number == lines.count - 1 && !endsWithNewline { break }
                throw .corrupted("Audit log \(path) line \(number + 1) is not an alias move: \(error).")
            }
        }
        return moves
    }

    /// Appends `move` as one line and fsyncs.
    static func append(_ move: AliasMove, to path: String) throws(ModelStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line: String
        do {
            line = String(decoding: try encoder.encode(move), as: UTF8.self)
        } catch {
            throw .cannotWrite("Cannot encode the alias move for \(path): \(error).")
        }
        do {
            try AppendOnlyFile.appendLine(line, to: path)
        } catch {
            throw .cannotWrite(error.description)
        }
    }

    /// The versions `alias` can roll back through, oldest first; the last is its current holder.
    ///
    /// Replays the moves: a promotion pushes its target, a rollback pops.
    static func rollbackPath(of alias: String, in moves: [AliasMove]) -> [Int] {
        var path: [Int] = []
        for move in moves where move.alias == alias {
            switch move.action {
            case .promote: path.append(move.to)
            case .rollback:
                if !path.isEmpty { path.removeLast() }
                if path.last != move.to { path.append(move.to) }
            }
        }
        return path
    }
}
