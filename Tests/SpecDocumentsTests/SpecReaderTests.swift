import SpecDocuments
import Testing

@Suite("Spec reader")
struct SpecReaderTests {
    enum Colour: String, CaseIterable { case red, green, blue }

    @Test("YAML and JSON give the same document")
    func sameDocument() throws {
        var reader = SpecReader()
        let yamlRead = reader.document(yaml: "b: [1, x]\na: {c: true}\n")
        let yaml = try #require(yamlRead)
        let jsonRead = reader.document(json: #"{"a":{"c":true},"b":[1,"x"]}"#)
        let json = try #require(jsonRead)
        #expect(yaml.json == json.json)
        #expect(yaml.json == #"{"a":{"c":true},"b":[1,"x"]}"#)
        #expect(reader.problems.isEmpty)
    }

    @Test("text that is not YAML, JSON or is empty is one problem without a key path")
    func notADocument() {
        var reader = SpecReader()
        let read3 = reader.document(yaml: "a: [\n")
        #expect(read3 == nil)
        let read4 = reader.document(yaml: "")
        #expect(read4 == nil)
        let read5 = reader.document(json: "{")
        #expect(read5 == nil)
        #expect(reader.problems.map(\.path) == ["", "", ""])
        #expect(reader.problems[0].message.hasPrefix("not valid YAML: "))
        #expect(reader.problems[1].description == "the document is empty.")
        #expect(reader.problems[2].message.hasPrefix("not valid JSON: "))
    }

    @Test("unknown keys name the key path, the allowed keys and a likely typo")
    func unknownKeys() throws {
        var reader = SpecReader()
        let valueRead = reader.document(yaml: "windw: 1h\nzzz: 1\nkind: x\n")
        let value = try #require(valueRead)
        let fields = reader.mapping(value, at: "transforms[0]", allowed: ["kind", "window"], what: "a rolling transform")
        #expect(fields?.keys.sorted() == ["kind"])
        #expect(reader.problems.map(\.description) == [
            "transforms[0].windw: unknown key; did you mean 'window'? (a rolling transform takes kind, window).",
            "transforms[0].zzz: unknown key; a rolling transform takes kind, window.",
        ])
    }

    @Test("a scalar where a mapping belongs is reported at the document")
    func notAMapping() {
        var reader = SpecReader()
        let read7 = reader.mapping(.string("just text"), at: "", allowed: ["a"], what: "a job spec")
        #expect(read7 == nil)
        #expect(reader.problems.map(\.description) == ["document: expected a mapping (a job spec); got 'just text'."])
    }

    @Test("every value reader names the path, the bad value and what was expected")
    func valueProblems() throws {
        var reader = SpecReader()
        let document = reader.document(yaml: """
            name: [a]
            list: [a, a, 2024]
            rows: 0
            eps: -1
            limit: high
            flag: maybe
            colours: [red, gren, red]
            """)
        let value = try #require(document)
        let mapping = reader.mapping(value, at: "", allowed: [
            "name", "list", "rows", "eps", "limit", "flag", "colours", "missing",
        ], what: "a test")
        let fields = try #require(mapping)
        let read8 = reader.text(fields["name"], at: "name", what: "a column name")
        #expect(read8 == nil)
        let read9 = reader.text(fields["missing"], at: "missing")
        #expect(read9 == nil)
        let read10 = reader.names(fields["list"], at: "list")
        #expect(read10 == ["a", "2024"])
        let read11 = reader.integer(fields["rows"], at: "rows", in: 1 ... 10, fallback: 3)
        #expect(read11 == 3)
        let read12 = reader.positive(fields["eps"], at: "eps", fallback: 0.5)
        #expect(read12 == 0.5)
        let read13 = reader.number(try #require(fields["limit"]), at: "limit")
        #expect(read13 == nil)
        let read14 = reader.bool(fields["flag"], at: "flag", fallback: false)
        #expect(read14 == false)
        let read15 = reader.choices(fields["colours"], at: "colours", fallback: [Colour.blue])
        #expect(read15 == [.red])
        #expect(reader.problems.map(\.description) == [
            "name: expected a column name; got a list.",
            "missing: is required.",
            "list[1]: 'a' is listed twice.",
            "rows: expected a whole number from 1 to 10; got '0'.",
            "eps: expected a finite number greater than 0; got '-1'.",
            "limit: expected a finite number; got 'high'.",
            "flag: expected true or false; got 'maybe'.",
            "colours[1]: 'gren' is not one of red, green, blue; did you mean 'green'?",
            "colours[2]: 'red' is listed twice.",
        ])
    }

    @Test("a YAML number keeps the text it was written as")
    func numberText() throws {
        var reader = SpecReader()
        let valueRead = reader.document(yaml: "a: 007\nb: 1.50\n")
        let value = try #require(valueRead)
        let fieldsRead = reader.mapping(value, at: "", allowed: ["a", "b"], what: "a test")
        let fields = try #require(fieldsRead)
        #expect(fields["a"]?.scalarText == "007")
        #expect(fields["b"]?.scalarText == "1.50")
        let read18 = reader.number(try #require(fields["b"]), at: "b")
        #expect(read18 == 1.5)
    }
}

@Suite("Spec reader: YAML anchors and aliases")
struct SpecReaderAnchorTests {
    @Test("an anchor and its aliases are one problem naming the anchor's key path, line and uses; no document")
    func aliasesRefused() {
        var reader = SpecReader()
        let read = reader.document(yaml: """
            holdout: 7d
            defaults: &base
              trees: 4
            models:
              - hyperparameters: *base
              - hyperparameters: *base
            """)
        #expect(read == nil)
        #expect(reader.problems.map(\.description) == [
            "defaults: line 2: YAML anchors and aliases are not supported ('&base', used 2 times as '*base'); "
                + "write the value out where it is used.",
        ])
    }

    @Test("an unused anchor, an anchored key, a scalar anchor and a merge key are refused too", arguments: [
        ("a: &x 1\nb: 2\n", "a: line 1: YAML anchors are not supported ('&x'); remove it."),
        ("&k a: 1\nb: *k\n", "a: line 1: YAML anchors and aliases are not supported ('&k', used 1 time as '*k'); write the value out where it is used."),
        ("base: &b {trees: 4}\nmodel:\n  <<: *b\n  seed: 1\n",
         "base: line 1: YAML anchors and aliases are not supported ('&b', used 1 time as '*b'); write the value out where it is used."),
        ("- &s [1, 2]\n- x\n- *s\n", "[0]: line 1: YAML anchors and aliases are not supported ('&s', used 1 time as '*s'); write the value out where it is used."),
    ])
    func otherAnchors(yaml: String, expected: String) {
        var reader = SpecReader()
        let read = reader.document(yaml: yaml)
        #expect(read == nil)
        #expect(reader.problems.map(\.description) == [expected])
    }

    @Test("nested aliases (\"billion laughs\", 10^6 leaves expanded) are refused without expanding them")
    func nestedAliases() {
        var yaml = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1 ... 5 {
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        var reader = SpecReader()
        let read = reader.document(yaml: yaml)
        #expect(read == nil)
        #expect(reader.problems.count == 6)
        #expect(reader.problems.first?.description.hasPrefix("l0: line 1: YAML anchors and aliases are not supported ('&l0', used 10 times") == true)
        #expect(reader.problems.last?.description == "l5: line 6: YAML anchors are not supported ('&l5'); remove it.")
    }

    @Test("a document without anchors reads as before; '&' and '*' inside quoted or plain text are text")
    func textIsNotAnAnchor() throws {
        var reader = SpecReader()
        let read = reader.document(yaml: "a: 'x &y *z'\nb: a*b&c\n")
        let value = try #require(read)
        #expect(value.json == #"{"a":"x &y *z","b":"a*b&c"}"#)
        #expect(reader.problems.isEmpty)
    }
}
