import Glibc
import Testing
import Wire

@Suite struct XMLRPCSecurityTests {
    private func decode(_ xml: String) -> WireError? {
        #expect(throws: WireError.self) { try XMLRPC.decodeCall(Array(xml.utf8)) }
    }

    private func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test func rejectsBillionLaughsQuickly() {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            let reference = "&lol\(level - 1);"
            entities += "<!ENTITY lol\(level) \""
                + String(repeating: reference, count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE methodCall [\(entities)]>"
            + "<methodCall><methodName>&lol9;</methodName></methodCall>"

        let start = monotonicSeconds()
        let error = decode(xml)
        let elapsed = monotonicSeconds() - start
        #expect(error?.message.contains("DOCTYPE") == true)
        #expect(elapsed < 0.1)
    }

    @Test func rejectsExternalEntity() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE methodCall [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <methodCall><methodName>&xxe;</methodName></methodCall>
            """
        let error = decode(xml)
        #expect(error?.message.contains("DOCTYPE") == true)
        #expect(error?.description.contains("root:") == false)
    }

    @Test func rejectsExternalDTD() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE methodCall SYSTEM \"http://127.0.0.1/x\">"
            + "<methodCall><methodName>m</methodName></methodCall>"
        #expect(decode(xml)?.message.contains("DOCTYPE") == true)
    }

    @Test func rejectsParameterEntity() {
        let xml = "<!DOCTYPE m [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
            + "<methodCall><methodName>m</methodName></methodCall>"
        #expect(decode(xml)?.message.contains("DOCTYPE") == true)
    }

    @Test func rejectsDeeplyNestedElements() {
        let depth = 100_000
        let xml = "<methodCall><methodName>m</methodName><params><param>"
            + String(repeating: "<value><array><data>", count: depth)
            + String(repeating: "</data></array></value>", count: depth)
            + "</param></params></methodCall>"
        let error = decode(xml)
        #expect(error?.message.contains("elements are nested more than") == true)
    }

    @Test func rejectsValuesNestedBeyondLimit() {
        // One struct more than the limit still fits the element depth limit, so the value
        // depth check is the one that fails.
        let depth = XMLRPC.maximumValueDepth + 1
        let xml = "<methodCall><methodName>m</methodName><params><param>"
            + String(repeating: "<value><struct><member><name>k</name>", count: depth)
            + "<value>leaf</value>"
            + String(repeating: "</member></struct></value>", count: depth)
            + "</param></params></methodCall>"
        let error = decode(xml)
        #expect(error?.message == "values are nested more than \(XMLRPC.maximumValueDepth) deep")
    }

    @Test func acceptsValuesNestedToLimit() throws {
        let depth = XMLRPC.maximumValueDepth
        let xml = "<methodCall><methodName>m</methodName><params><param>"
            + String(repeating: "<value><struct><member><name>k</name>", count: depth)
            + "<value>leaf</value>"
            + String(repeating: "</member></struct></value>", count: depth)
            + "</param></params></methodCall>"
        #expect(throws: Never.self) { try XMLRPC.decodeCall(Array(xml.utf8)) }
    }

    @Test func rejectsTooManyElements() {
        let count = XMLRPC.maximumElementCount
        let xml = "<methodCall><methodName>m</methodName><params><param><value><array><data>"
            + String(repeating: "<value/>", count: count)
            + "</data></array></value></param></params></methodCall>"
        let error = decode(xml)
        #expect(error?.message.contains("more than \(count) elements") == true)
    }
}
