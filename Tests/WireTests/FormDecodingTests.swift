import Testing
import Wire

@Suite struct FormDecodingTests {
    private func pairs(_ fields: [(name: String, value: String)]) -> [String] {
        fields.map { "\($0.name)=\($0.value)" }
    }

    @Test func decodesPairsInOrder() throws {
        let fields = try FormDecoding.decode("name=myserver1&api_key=abc&name=second")
        #expect(pairs(fields) == ["name=myserver1", "api_key=abc", "name=second"])
    }

    @Test func decodesPercentEscapesAndPlus() throws {
        let fields = try FormDecoding.decode("parameters=%7B%22name%22%3A+%22a+b%22%7D&e=%C3%a9")
        #expect(fields[0].value == #"{"name": "a b"}"#)
        #expect(fields[1].value == "é")
    }

    @Test func decodesEscapedName() throws {
        let fields = try FormDecoding.decode("a%20b+c=1")
        #expect(fields[0].name == "a b c")
    }

    @Test func fieldWithoutEqualsHasEmptyValue() throws {
        let fields = try FormDecoding.decode("flag&x=")
        #expect(pairs(fields) == ["flag=", "x="])
    }

    @Test func valueKeepsLaterEqualsSigns() throws {
        #expect(try FormDecoding.decode("a=b=c")[0].value == "b=c")
    }

    @Test func skipsEmptyPairs() throws {
        #expect(pairs(try FormDecoding.decode("&a=1&&b=2&")) == ["a=1", "b=2"])
        #expect(try FormDecoding.decode("").isEmpty)
    }

    @Test func invalidEscapeNamesField() {
        let error = #expect(throws: WireError.self) {
            try FormDecoding.decode("ok=1&name=abc%2")
        }
        #expect(error?.message.contains("\"name\"") == true)
        #expect(error?.offset == 13)
        #expect(throws: WireError.self) { try FormDecoding.decode("a=%zz") }
        #expect(throws: WireError.self) { try FormDecoding.decode("a=%") }
    }

    @Test func invalidUTF8NamesField() {
        let error = #expect(throws: WireError.self) { try FormDecoding.decode("comment=%FF") }
        #expect(error?.message.contains("\"comment\"") == true)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func invalidEscapeInNameIsReported() {
        let error = #expect(throws: WireError.self) { try FormDecoding.decode("a%G0=1") }
        #expect(error?.message.contains("field name") == true)
    }

    @Test func decodesArraySlice() throws {
        let body = Array("xx&a=1".utf8)
        #expect(pairs(try FormDecoding.decode(body[3...])) == ["a=1"])
    }

    @Test func pathSegmentKeepsPlus() throws {
        #expect(try FormDecoding.decodePathSegment("my+server%2F1") == "my+server/1")
    }

    @Test func pathSegmentRejectsInvalidEscape() {
        let error = #expect(throws: WireError.self) {
            try FormDecoding.decodePathSegment("bad%")
        }
        #expect(error?.message.contains("\"bad%\"") == true)
    }
}
