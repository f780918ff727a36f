import Foundation
import NumericCore

/// JSON and hashing helpers shared by the publishers: one encoder configuration, so bytes are reproducible.
enum JSONFiles {
    /// Pretty, key-sorted JSON with a trailing newline.
    static func encode(_ value: some Encodable) throws(PublishingError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value)) + [0x0A]
        } catch {
            throw .cannotWrite("Cannot encode \(type(of: value)) as JSON: \(error).")
        }
    }

    /// One-line, key-sorted JSON (for `history.jsonl`).
    static func line(_ value: some Encodable) throws(PublishingError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .cannotWrite("Cannot encode \(type(of: value)) as JSON: \(error).")
        }
    }

    /// Decodes `bytes` read from `path`.
    /// - Throws: `PublishingError.corrupted` naming `path`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: Data, path: String) throws(PublishingError) -> T {
        do {
            return try JSONDecoder().decode(type, from: bytes)
        } catch {
            throw .corrupted("\(path) is not a valid \(type): \(error).")
        }
    }

    /// The bytes of `path`, or nil when it does not exist.
    /// - Throws: `PublishingError.corrupted` when it exists but cannot be read.
    static func read(_ path: String) throws(PublishingError) -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .corrupted("Cannot read \(path): \(error.localizedDescription).")
        }
    }

    /// Lower-case hex SHA-256.
    static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        Digest.sha256Hex(bytes)
    }

    /// ISO 8601 UTC with seconds.
    static func now() -> String {
        UTCCalendar.iso8601(Date().timeIntervalSince1970)
    }
}
