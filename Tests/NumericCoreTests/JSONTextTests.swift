import Foundation
import NumericCore
import Testing

@Suite("JSON strings")
struct JSONTextTests {
    @Test("quotes, backslashes and controls are escaped; the result parses back to the text")
    func roundTrip() throws {
        let text = "a \"b\" \\ c\nd\re\tf\u{1}\u{7F}\u{2028}\u{2029} é 🚀"
        let quoted = JSONText.quoted(text)
        #expect(quoted == "\"a \\\"b\\\" \\\\ c\\nd\\re\\tf\\u0001\\u007f\\u2028\\u2029 é 🚀\"")
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(parsed == [text])
    }
}
