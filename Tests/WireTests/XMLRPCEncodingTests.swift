import Testing
import Wire

@Suite struct XMLRPCEncodingTests {
    private func responseText(_ value: Value) -> String {
        String(decoding: XMLRPC.encodeResponse(value), as: UTF8.self)
    }

    /// Encodes a response and returns its `<value>` element.
    private func valueText(_ value: Value) -> String {
        let text = responseText(value)
        let prefix = "<?xml version=\"1.0\"?>\n<methodResponse><params><param>"
        let suffix = "</param></params></methodResponse>\n"
        guard text.hasPrefix(prefix), text.hasSuffix(suffix) else { return text }
        return String(text.dropFirst(prefix.count).dropLast(suffix.count))
    }

    @Test func encodesScalars() {
        #expect(valueText("a") == "<value><string>a</string></value>")
        #expect(valueText(true) == "<value><boolean>1</boolean></value>")
        #expect(valueText(false) == "<value><boolean>0</boolean></value>")
        #expect(valueText(nil) == "<value><nil/></value>")
        #expect(valueText(2.5) == "<value><double>2.5</double></value>")
        #expect(valueText(1.0) == "<value><double>1.0</double></value>")
    }

    @Test func integerBeyond32BitsIsI8() {
        #expect(valueText(.integer(Int(Int32.max))) == "<value><int>2147483647</int></value>")
        #expect(valueText(.integer(Int(Int32.min))) == "<value><int>-2147483648</int></value>")
        #expect(valueText(.integer(Int(Int32.max) + 1)) == "<value><i8>2147483648</i8></value>")
        #expect(valueText(.integer(Int.min)) == "<value><i8>-9223372036854775808</i8></value>")
    }

    @Test func encodesDateAndBinary() {
        let date = DateTime(year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 5)
        #expect(valueText(.date(date))
            == "<value><dateTime.iso8601>20260102T03:04:05</dateTime.iso8601></value>")
        #expect(valueText(.binary(Array("foobar".utf8)))
            == "<value><base64>Zm9vYmFy</base64></value>")
    }

    @Test func encodesContainersWithSortedMembers() {
        #expect(valueText(["b": [1], "a": .dictionary([:])]) == "<value><struct>"
            + "<member><name>a</name><value><struct></struct></value></member>"
            + "<member><name>b</name><value><array><data><value><int>1</int></value>"
            + "</data></array></value></member></struct></value>")
    }

    @Test func escapesMarkupCharacters() {
        #expect(valueText("a&b<c>d\"e'") == "<value><string>a&amp;b&lt;c&gt;d\"e'</string></value>")
        #expect(valueText(["<k>": 1]).contains("<name>&lt;k&gt;</name>"))
    }

    @Test func encodesControlCharacters() throws {
        let encoded = XMLRPC.encodeResponse("a\r\nb\tc\u{1}d")
        #expect(try XMLRPC.decodeResponse(encoded) == .success("a\r\nb\tc\u{FFFD}d"))
    }

    @Test func encodesFault() {
        let text = String(decoding: XMLRPC.encodeFault(code: 3, message: "No <such> server"),
                          as: UTF8.self)
        #expect(text == "<?xml version=\"1.0\"?>\n<methodResponse><fault><value><struct>"
            + "<member><name>faultCode</name><value><int>3</int></value></member>"
            + "<member><name>faultString</name><value><string>No &lt;such&gt; server"
            + "</string></value></member></struct></value></fault></methodResponse>\n")
    }

    @Test func faultRoundTrips() throws {
        let encoded = XMLRPC.encodeFault(code: 12, message: "Throttled & \"limited\"")
        #expect(try XMLRPC.decodeResponse(encoded)
            == .fault(code: 12, message: "Throttled & \"limited\""))
    }

    @Test func responseRoundTrips() throws {
        let created = DateTime(year: 2010, month: 12, day: 1, hour: 8)
        let value: Value = [
            "name": "myserver1", "price": 21.6, "tiny": .float(.leastNonzeroMagnitude),
            "big": .integer(Int.max), "negative": -3, "live": true, "created": .date(created),
            "blob": .binary([0, 255, 10]), "nothing": nil, "list": [1, "two", [3.5]],
            "text": "ünïcode & <tags>\n", "empty": "",
        ]
        #expect(try XMLRPC.decodeResponse(XMLRPC.encodeResponse(value)) == .success(value))
    }

    @Test func callRoundTrips() throws {
        let encoded = XMLRPC.encodeCall(methodName: "server.info",
                                        params: [["name": "s1"], 2])
        #expect(try XMLRPC.decodeCall(encoded)
            == XMLRPCCall(methodName: "server.info", params: [["name": "s1"], 2]))
    }
}
