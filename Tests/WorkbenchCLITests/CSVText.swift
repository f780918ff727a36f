import Foundation

/// A tiny CSV reader for checking outputs in tests (quoted fields without embedded newlines).
struct CSVText {
    let header: [String]
    let records: [[String]]

    init(path: String) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        header = Self.fields(String(lines[0]))
        records = lines.dropFirst().map { Self.fields(String($0)) }
    }

    func column(_ name: String) -> [String] {
        let index = header.firstIndex(of: name)!
        return records.map { $0[index] }
    }

    private static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var previous: Character = " "
        for character in line {
            if character == "\"" {
                if quoted && previous == "\"" { current.append("\"") }
                quoted.toggle()
            } else if character == "," && !quoted {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        fields.append(current)
        return fields
    }
}
