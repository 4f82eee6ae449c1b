import Testing
import Wire

@Suite struct XMLRPCDecodingTests {
    private func call(_ xml: String) throws -> XMLRPCCall {
        try XMLRPC.decodeCall(Array(xml.utf8))
    }

    /// Decodes a call whose single parameter is `valueXML`.
    private func value(_ valueXML: String) throws -> Value? {
        let xml = "<?xml version=\"1.0\"?><methodCall><methodName>m</methodName><params>"
            + "<param><value>\(valueXML)</value></param></params></methodCall>"
        return try call(xml).params.first
    }

    private func valueError(_ valueXML: String) -> WireError? {
        #expect(throws: WireError.self, "\(valueXML)") { try value(valueXML) }
    }

    @Test func decodesMethodNameAndStructParam() throws {
        let decoded = try call("""
            <?xml version='1.0'?>
            <methodCall>
            <methodName>server.info</methodName>
            <params>
            <param>
            <value><struct>
            <member>
            <name>name</name>
            <value><string>myserver1</string></value>
            </member>
            </struct></value>
            </param>
            </params>
            </methodCall>
            """)
        #expect(decoded == XMLRPCCall(methodName: "server.info", params: [["name": "myserver1"]]))
    }

    @Test func decodesCallWithoutParams() throws {
        #expect(try call("<methodCall><methodName>dns.zone_list</methodName></methodCall>")
            == XMLRPCCall(methodName: "dns.zone_list", params: []))
        #expect(try call("<methodCall><methodName>m</methodName><params/></methodCall>")
            .params.isEmpty)
    }

    @Test func decodesSeveralParams() throws {
        let decoded = try call("""
            <methodCall><methodName>m</methodName><params>
            <param><value><int>1</int></value></param>
            <param><value>two</value></param>
            </params></methodCall>
            """)
        #expect(decoded.params == [1, "two"])
    }

    @Test func decodesIntegers() throws {
        #expect(try value("<int>42</int>") == 42)
        #expect(try value("<i4>-7</i4>") == -7)
        #expect(try value("<int> +3 </int>") == 3)
        #expect(try value("<i8>9223372036854775807</i8>") == .integer(Int.max))
        #expect(try value("<ex:i8 xmlns:ex=\"x\">-5000000000</ex:i8>") == -5_000_000_000)
    }

    @Test func rejectsIntegerOverflow() {
        let error = valueError("<i8>9223372036854775808</i8>")
        #expect(error?.message.contains("out of range") == true)
    }

    @Test func rejectsMalformedIntegers() {
        for text in ["", "1.5", "0x10", "1e3", "--1", "+", "1 2"] {
            let error = valueError("<int>\(text)</int>")
            #expect(error?.message.contains("is not an integer") == true, "\(text)")
        }
    }

    @Test func decodesBooleans() throws {
        #expect(try value("<boolean>1</boolean>") == true)
        #expect(try value("<boolean>0</boolean>") == false)
    }

    @Test func rejectsBadBoolean() {
        for text in ["true", "2", "", "yes"] {
            let error = valueError("<boolean>\(text)</boolean>")
            #expect(error?.message.contains("must be 0 or 1") == true, "\(text)")
        }
    }

    @Test func decodesStrings() throws {
        #expect(try value("<string>a &amp; b &lt;c&gt;</string>") == "a & b <c>")
        #expect(try value("<string></string>") == "")
        #expect(try value("<string/>") == "")
        #expect(try value("<string>Grüße &#x20AC;</string>") == "Grüße €")
        #expect(try value("<string><![CDATA[<raw>]]></string>") == "<raw>")
    }

    @Test func untypedValueIsString() throws {
        #expect(try value(" plain text ") == " plain text ")
        #expect(try value("") == "")
    }

    @Test func decodesDoubles() throws {
        #expect(try value("<double>2.5</double>") == 2.5)
        #expect(try value("<double>-1e-05</double>") == -0.00001)
        #expect(try value("<double>1.</double>") == 1.0)
        #expect(try value("<double>inf</double>") == .float(.infinity))
    }

    @Test func rejectsMalformedDoubles() {
        for text in ["", "abc", "0x1p3", "1e", ".", "1,5", "infinity"] {
            let error = valueError("<double>\(text)</double>")
            #expect(error?.message.contains("not a decimal number") == true, "\(text)")
        }
    }

    @Test func decodesDateTimeForms() throws {
        let expected = Value.date(DateTime(year: 1998, month: 7, day: 17, hour: 14, minute: 8,
                                           second: 55))
        #expect(try value("<dateTime.iso8601>19980717T14:08:55</dateTime.iso8601>") == expected)
        #expect(try value("<dateTime.iso8601>1998-07-17T14:08:55</dateTime.iso8601>")
            == expected)
        #expect(try value("<dateTime.iso8601>19980717T14:08:55Z</dateTime.iso8601>")
            == expected)
    }

    @Test func rejectsBadDateTime() {
        let error = valueError("<dateTime.iso8601>19980230T14:08:55</dateTime.iso8601>")
        #expect(error?.message.contains("19980230T14:08:55") == true)
    }

    @Test func decodesBase64WithWhitespace() throws {
        #expect(try value("<base64>\nZm9v\nYmFy\n</base64>") == .binary(Array("foobar".utf8)))
    }

    @Test func rejectsBadBase64() {
        let error = valueError("<base64>Zm9v!</base64>")
        #expect(error?.message.contains("<base64>") == true)
    }

    @Test func decodesNilForms() throws {
        #expect(try value("<nil/>") == .null)
        let apache = "<ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/>"
        #expect(try value(apache) == .null)
    }

    @Test func rejectsNilWithContent() {
        #expect(valueError("<nil>x</nil>") != nil)
    }

    @Test func decodesNestedArrayAndStruct() throws {
        let xml = """
            <struct>
              <member><name>list</name><value><array><data>
                <value><i4>1</i4></value><value>x</value>
                <value><array><data/></array></value>
              </data></array></value></member>
              <member><name>inner</name><value><struct/></value></member>
            </struct>
            """
        #expect(try value(xml) == ["list": [1, "x", .list([])], "inner": .dictionary([:])])
    }

    @Test func duplicateMemberKeepsLastValue() throws {
        let xml = "<struct><member><name>a</name><value>1</value></member>"
            + "<member><name>a</name><value>2</value></member></struct>"
        #expect(try value(xml) == ["a": "2"])
    }

    @Test func rejectsMemberWithoutNameOrValue() {
        let noName = valueError("<struct><member><value>1</value></member></struct>")
        #expect(noName?.message.contains("no <name>") == true)
        let noValue = valueError("<struct><member><name>k</name></member></struct>")
        #expect(noValue?.message.contains("\"k\" has no <value>") == true)
    }

    @Test func rejectsUnknownElements() {
        let unknownType = valueError("<float>1</float>")
        #expect(unknownType?.message.contains("unexpected <float>") == true)
        #expect(valueError("<array><value>1</value></array>") != nil)
        #expect(valueError("<struct><item/></struct>") != nil)
        #expect(valueError("<ex:string xmlns:ex=\"x\">a</ex:string>") != nil)
        #expect(valueError("<int>1</int><int>2</int>") != nil)
        #expect(valueError("<int><i4>1</i4></int>") != nil)
    }

    @Test func rejectsTextBesideElements() {
        let error = valueError("text<int>1</int>")
        #expect(error?.message.contains("must not contain text") == true)
    }

    @Test func rejectsBrokenEnvelopes() {
        let documents = [
            "<methodResponse/>",
            "<methodCall/>",
            "<methodCall><methodName></methodName></methodCall>",
            "<methodCall><methodName>a</methodName><methodName>b</methodName></methodCall>",
            "<methodCall><methodName>m</methodName><params><value>1</value></params>"
                + "</methodCall>",
            "<methodCall><methodName>m</methodName><params><param/></params></methodCall>",
            "<methodCall><methodName>m</methodName><extra/></methodCall>",
        ]
        for document in documents {
            #expect(throws: WireError.self, "\(document)") { try call(document) }
        }
    }

    @Test func reportsMalformedXMLWithOffset() {
        let error = #expect(throws: WireError.self) {
            try call("<methodCall><methodName>m</methodCall>")
        }
        #expect(error?.format == .xml)
        #expect(error?.offset == 27)
        #expect(error?.message.contains("mismatched tag") == true)
    }

    @Test func decodesDeclaredLatin1Encoding() throws {
        let xml = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodCall>".utf8)
            + Array("<methodName>m</methodName><params><param><value>caf".utf8) + [0xE9]
            + Array("</value></param></params></methodCall>".utf8)
        #expect(try XMLRPC.decodeCall(xml).params == ["café"])
    }

    @Test func acceptsUTF8ByteOrderMark() throws {
        let document = "<methodCall><methodName>m</methodName></methodCall>"
        let xml = [0xEF, 0xBB, 0xBF] + Array(document.utf8)
        #expect(try XMLRPC.decodeCall(xml).methodName == "m")
    }

    @Test func rejectsEmptyBody() {
        #expect(throws: WireError.self) { try XMLRPC.decodeCall([]) }
    }

    @Test func rejectsUndefinedEntity() {
        #expect(throws: WireError.self) {
            try call("<methodCall><methodName>&foo;</methodName></methodCall>")
        }
    }

    @Test func decodesResponseResult() throws {
        let xml = "<methodResponse><params><param><value><int>3</int></value></param>"
            + "</params></methodResponse>"
        #expect(try XMLRPC.decodeResponse(Array(xml.utf8)) == .success(3))
    }

    @Test func decodesResponseFault() throws {
        let xml = """
            <methodResponse><fault><value><struct>
            <member><name>faultCode</name><value><int>4</int></value></member>
            <member><name>faultString</name><value><string>No</string></value></member>
            </struct></value></fault></methodResponse>
            """
        #expect(try XMLRPC.decodeResponse(Array(xml.utf8)) == .fault(code: 4, message: "No"))
    }

    @Test func rejectsFaultWithoutCode() {
        let xml = "<methodResponse><fault><value><struct><member><name>faultString</name>"
            + "<value>x</value></member></struct></value></fault></methodResponse>"
        #expect(throws: WireError.self) { try XMLRPC.decodeResponse(Array(xml.utf8)) }
    }

    @Test func rejectsResponseWithTwoParams() {
        let xml = "<methodResponse><params><param><value>1</value></param>"
            + "<param><value>2</value></param></params></methodResponse>"
        #expect(throws: WireError.self) { try XMLRPC.decodeResponse(Array(xml.utf8)) }
    }
}
