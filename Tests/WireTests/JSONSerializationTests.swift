import Testing
import Wire

@Suite struct JSONSerializationTests {
    private func text(_ value: Value) -> String {
        JSON.serializeToString(value)
    }

    @Test func serializesScalars() {
        #expect(text("a") == #""a""#)
        #expect(text(-12) == "-12")
        #expect(text(.integer(Int.min)) == "-9223372036854775808")
        #expect(text(.integer(Int.max)) == "9223372036854775807")
        #expect(text(true) == "true")
        #expect(text(false) == "false")
        #expect(text(nil) == "null")
    }

    @Test func sortsObjectKeys() {
        let value: Value = ["b": 1, "a": [true, nil], "C": "x", "é": 2]
        #expect(text(value) == #"{"C":"x","a":[true,null],"b":1,"é":2}"#)
    }

    @Test func wholeFloatKeepsFraction() {
        #expect(text(1.0) == "1.0")
        #expect(text(-0.0) == "-0.0")
        #expect(text(21.6) == "21.6")
    }

    @Test func floatsRoundTrip() throws {
        let doubles = [0.1, 1e-5, 1e16, 1.7976931348623157e308, .leastNonzeroMagnitude,
                       123456.789, -2.5e-10]
        for double in doubles {
            #expect(try JSON.parse(JSON.serialize(.float(double))) == .float(double))
        }
    }

    @Test func nonFiniteFloatIsNull() {
        #expect(text(.float(.infinity)) == "null")
        #expect(text(.float(.nan)) == "null")
    }

    @Test func dateUsesAPIForm() {
        let date = DateTime(year: 2012, month: 12, day: 1, hour: 9, minute: 5, second: 0)
        #expect(text(.date(date)) == #""2012-12-01 09:05:00""#)
        #expect(text(.date(date.dateOnly)) == #""2012-12-01""#)
    }

    @Test func binaryIsBase64String() {
        #expect(text(.binary(Array("foobar".utf8))) == #""Zm9vYmFy""#)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let value: Value = .string("\"\\\n\r\t\u{8}\u{C}\u{0}\u{1F}/")
        #expect(text(value) == #""\"\\\n\r\t\b\f\u0000\u001F/""#)
    }

    @Test func leavesNonASCIIAsUTF8() {
        #expect(JSON.serialize("€😀") == [0x22] + Array("€😀".utf8) + [0x22])
    }

    @Test func documentsRoundTrip() throws {
        let value: Value = [
            "status": "LIVE", "renewal_price_amount": 21.6, "count": 3,
            "names": ["a", "b\u{1}", "ünïcode"], "nested": ["x": [["y": nil]]],
            "flag": false, "empty": .list([]),
        ]
        #expect(try JSON.parse(JSON.serialize(value)) == value)
    }
}
