import Testing
import Wire

@Suite struct JSONParsingTests {
    @Test func parsesScalars() throws {
        #expect(try JSON.parse("\"text\"") == .string("text"))
        #expect(try JSON.parse("42") == .integer(42))
        #expect(try JSON.parse("-0") == .integer(0))
        #expect(try JSON.parse("2.5") == .float(2.5))
        #expect(try JSON.parse("true") == .boolean(true))
        #expect(try JSON.parse("false") == .boolean(false))
        #expect(try JSON.parse("null") == .null)
    }

    @Test func parsesNestedDocument() throws {
        let text = #" { "name" : "myserver1", "tags": [1, 2.0, "x", null, {}], "ok": true } "#
        let expected: Value = [
            "name": "myserver1", "tags": [1, 2.0, "x", nil, .dictionary([:])], "ok": true,
        ]
        #expect(try JSON.parse(text) == expected)
    }

    @Test func integerWithFractionOrExponentIsFloat() throws {
        #expect(try JSON.parse("1.0") == .float(1))
        #expect(try JSON.parse("1e2") == .float(100))
        #expect(try JSON.parse("-1E-2") == .float(-0.01))
    }

    @Test func integerBeyondIntIsFloat() throws {
        #expect(try JSON.parse("9223372036854775807") == .integer(Int.max))
        #expect(try JSON.parse("-9223372036854775808") == .integer(Int.min))
        #expect(try JSON.parse("9223372036854775808") == .float(9_223_372_036_854_775_808))
    }

    @Test func rejectsNumberOutOfDoubleRange() {
        let error = #expect(throws: WireError.self) { try JSON.parse("[1e400]") }
        #expect(error?.offset == 1)
    }

    @Test func rejectsMalformedNumbers() {
        for text in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity"] {
            #expect(throws: WireError.self, "\(text)") { try JSON.parse(text) }
        }
    }

    @Test func decodesEscapes() throws {
        let text = #""\"\\\/\b\f\n\r\t\u0041\u00e9\u20ac""#
        #expect(try JSON.parse(text) == .string("\"\\/\u{8}\u{C}\n\r\tAé€"))
    }

    @Test func decodesSurrogatePair() throws {
        #expect(try JSON.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test func loneSurrogateBecomesReplacementCharacter() throws {
        #expect(try JSON.parse(#""a\ud83db""#) == .string("a\u{FFFD}b"))
        #expect(try JSON.parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(try JSON.parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
    }

    @Test func keepsNonASCIIText() throws {
        #expect(try JSON.parse("\"Grüße, 世界\"") == .string("Grüße, 世界"))
    }

    @Test func rejectsInvalidUTF8() {
        let error = #expect(throws: WireError.self) {
            try JSON.parse([0x22, 0x61, 0xC3, 0x28, 0x22])
        }
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func rejectsControlCharacterInString() {
        let error = #expect(throws: WireError.self) { try JSON.parse("\"a\nb\"") }
        #expect(error?.offset == 2)
        #expect(throws: WireError.self) { try JSON.parse("\"a\\n\tb\"") }
    }

    @Test func rejectsInvalidEscapes() {
        for text in [#""\x""#, #""\u12""#, #""\u12G4""#, #""\"#, #""\'""#] {
            #expect(throws: WireError.self, "\(text)") { try JSON.parse(text) }
        }
    }

    @Test func rejectsTrailingGarbage() {
        let error = #expect(throws: WireError.self) { try JSON.parse("{} x") }
        #expect(error?.offset == 3)
        #expect(error?.description == "invalid JSON at byte 3: unexpected 'x' after the "
            + "JSON value")
    }

    @Test func rejectsStructuralErrors() {
        let texts = ["", " ", "{", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]",
                     "{\"a\":}", "tru", "nul", "\"open", "}", "[1]]", "// c\n1", "'a'"]
        for text in texts {
            #expect(throws: WireError.self, "\(text)") { try JSON.parse(text) }
        }
    }

    @Test func duplicateKeyKeepsLastValue() throws {
        #expect(try JSON.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test func acceptsNestingAtMaximumDepth() throws {
        let depth = JSON.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try JSON.parse(text) }
    }

    @Test func rejectsNestingBeyondMaximumDepth() {
        let depth = JSON.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = #expect(throws: WireError.self) { try JSON.parse(text) }
        #expect(error?.offset == JSON.maximumDepth)
    }

    @Test func acceptsMaximumValueCount() throws {
        // The outer array is one value, so it may hold one fewer than the maximum.
        let items = Array(repeating: "0", count: JSON.maximumValueCount - 1)
        let parsed = try JSON.parse("[" + items.joined(separator: ",") + "]")
        #expect(parsed.listValue?.count == JSON.maximumValueCount - 1)
    }

    @Test func rejectsMoreThanMaximumValueCount() {
        let items = Array(repeating: "[]", count: JSON.maximumValueCount)
        let error = #expect(throws: WireError.self) {
            try JSON.parse("[" + items.joined(separator: ",") + "]")
        }
        #expect(error?.message.contains("\(JSON.maximumValueCount)") == true)
    }

    @Test func deepNestingFailsWithoutCrashing() {
        let text = String(repeating: "{\"a\":[", count: 100_000)
        #expect(throws: WireError.self) { try JSON.parse(text) }
    }

    @Test func rejectsByteOrderMark() {
        #expect(throws: WireError.self) { try JSON.parse([0xEF, 0xBB, 0xBF, 0x31]) }
    }
}
