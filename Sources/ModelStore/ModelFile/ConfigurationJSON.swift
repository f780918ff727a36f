import Foundation

/// Encodes and decodes the hyperparameter records stored as JSON attributes (`/forest@configuration_json`).
enum ConfigurationJSON {
    /// Sorted-key JSON text of `record`.
    static func encode<Record: Encodable>(_ record: Record, what: String) throws(ModelStoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(record), as: UTF8.self)
        } catch {
            throw .cannotWrite("Cannot encode the \(what): \(error).")
        }
    }

    /// The record stored at attribute `key` of `file`.
    /// - Throws: `ModelStoreError.corrupted` naming the file and the attribute when the JSON does not decode.
    static func decode<Record: Decodable>(
        _ type: Record.Type, from file: StoredFile, key: String, what: String
    ) throws(ModelStoreError) -> Record {
        let text = try file.text(key)
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .corrupted("Model file \(file.path): \(key) is not a \(what): \(error).")
        }
    }
}
