@testable import API
import Testing
import Wire

@Suite struct JSONEndpointTests {
    let harness: APITestHarness

    init() throws {
        harness = try APITestHarness()
    }

    @Test func nameInPathSetsNameParameter() {
        for path in ["/v1/json/test.named/server1", "/v1/json/test.named/server1/"] {
            let response = harness.json(path)
            #expect(response.status == 200)
            #expect(response.json == ["name": "server1"])
            #expect(response.contentType == "application/json")
        }
    }

    @Test func methodPathWorksWithAndWithoutSlash() {
        #expect(harness.json("/v1/json/test.anonymous").status == 200)
        #expect(harness.json("/v1/json/test.anonymous/").status == 200)
    }

    @Test func apiKeyAsQueryParameter() {
        let response = harness.json("/v1/json/test.named/server1/",
                                    query: "api_key=\(APITestHarness.fullKey)", key: nil)
        #expect(response.status == 200)
        #expect(response.redactedKey == "...cdef")
    }

    @Test func missingKeyGets401WithJSONBody() {
        let response = harness.json("/v1/json/test.anonymous", key: nil)
        #expect(response.status == 401)
        #expect(response.headers.first?.name == "WWW-Authenticate")
        #expect(response.json["error_type"] == "ApiErrorNotAuthorized")
        #expect(response.json["error_code"] == 10)
    }

    @Test func wrongKeyGets403() {
        let response = harness.json("/v1/json/test.anonymous",
                                    key: "ffffffffffffffffffffffffffffffff")
        #expect(response.status == 403)
        #expect(response.json["error_type"] == "ApiErrorForbidden")
    }

    @Test func unknownMethodGets400() {
        let response = harness.json("/v1/json/no.such")
        #expect(response.status == 400)
        #expect(response.json["error_code"] == 5)
    }

    @Test func formPostConvertsTextValues() {
        let response = harness.json("/v1/json/test.limits/", method: "POST",
                                    body: "priority=10&flag=False&when=2026-12-04",
                                    contentType: "application/x-www-form-urlencoded")
        #expect(response.status == 200)
        #expect(response.json["priority"] == 10)
        #expect(response.json["flag"] == false)
        #expect(response.json["when"] == "2026-12-04 00:00:00")
    }

    @Test func parametersParameterCarriesTypedValues() {
        let parameters = #"{"items": [1, 2], "settings": {"a": true}}"#
        let body = "parameters=" + parameters.addingFormEncoding
        let response = harness.json("/v1/json/test.limits", method: "POST", body: body,
                                    contentType: "application/x-www-form-urlencoded")
        #expect(response.status == 200)
        #expect(response.json["items"] == [1, 2])
        #expect(response.json["settings"] == ["a": true])
    }

    @Test func apiKeyInsideParametersIsAccepted() {
        let parameters = #"{"name": "server1", "api_key": "\#(APITestHarness.fullKey)"}"#
        let response = harness.json("/v1/json/test.named/", method: "POST",
                                    body: "parameters=" + parameters.addingFormEncoding,
                                    contentType: "application/x-www-form-urlencoded", key: nil)
        #expect(response.status == 200)
        #expect(response.json == ["name": "server1"])
    }

    @Test func jsonObjectBodyIsAccepted() {
        let response = harness.json("/v1/json/test.limits", method: "POST",
                                    body: #"{"priority": 7, "items": ["x"]}"#,
                                    contentType: "application/json")
        #expect(response.status == 200)
        #expect(response.json["priority"] == 7)
    }

    @Test func getWithEmptyJSONBodyUsesQuery() {
        let response = harness.json("/v1/json/test.named", method: "GET", query: "name=server1",
                                    body: "{}", contentType: "application/json")
        #expect(response.status == 200)
        #expect(response.json == ["name": "server1"])
    }

    @Test func invalidJSONBodyIsBadParameters() {
        let response = harness.json("/v1/json/test.limits", method: "POST", body: "{oops",
                                    contentType: "application/json")
        #expect(response.status == 400)
        #expect(response.json["error_type"] == "ApiErrorBadParameters")
    }

    @Test func conflictingPathNameIsRejected() {
        let response = harness.json("/v1/json/test.named/server1", query: "name=server2")
        #expect(response.status == 400)
        #expect(response.json["error_code"] == 7)
    }

    @Test func percentEncodedPathNameIsDecoded() {
        let response = harness.json("/v1/json/test.named/my%2Dserver")
        #expect(response.json == ["name": "my-server"])
    }

    @Test func headCannotCallWriteMethod() throws {
        let writing = MethodDeclaration(
            "test.write", summary: "Writes nothing.", "nothing.", access: .write
        ) { _ in .dictionary([:]) }
        let harness = try APITestHarness(extraMethods: [writing])
        #expect(harness.json("/v1/json/test.write", method: "HEAD").status == 400)
        #expect(harness.json("/v1/json/test.write", method: "GET").status == 200)
        #expect(harness.json("/v1/json/test.anonymous", method: "HEAD").status == 200)
    }

    @Test func protocolErrorHasEndpointFormat() throws {
        let json = Dispatcher.protocolErrorResponse(status: 413, message: "too large",
                                                    target: "/v1/json/dns.zone_create")
        #expect(json.status == 413)
        #expect(json.json["error_type"] == "ApiError")
        #expect(json.json["error"]?.stringValue?.contains("too large") == true)

        let rpc = Dispatcher.protocolErrorResponse(status: 408, message: "timed out",
                                                   target: "/v1/jsonrpc/")
        #expect(rpc.json["error"]?["code"] == -32600)
        #expect(rpc.json["id"] == .null)

        let xml = Dispatcher.protocolErrorResponse(status: 400, message: "bad", target: "/v1/xmlrpc")
        guard case .fault(let code, let message)? = try? XMLRPC.decodeResponse(xml.body) else {
            Issue.record("expected an XML-RPC fault")
            return
        }
        #expect(code == 1)
        #expect(message.hasPrefix("ApiError: HTTP 400"))

        let unreadable = Dispatcher.protocolErrorResponse(status: 400, message: "bad",
                                                          target: nil)
        #expect(unreadable.json["error_code"] == 1)
    }

    @Test func unknownPathGets404JSONBody() {
        let response = harness.json("/v2/elsewhere")
        #expect(response.status == 404)
        #expect(response.json["error_type"] == "ApiErrorDoesNotExist")
    }

    @Test func badParameterMessageReachesClient() {
        let response = harness.json("/v1/json/test.limits", query: "priority=5000")
        #expect(response.status == 400)
        #expect(response.json["error"]?.stringValue?.contains("priority") == true)
    }
}

extension String {
    /// The string encoded for an `application/x-www-form-urlencoded` value.
    var addingFormEncoding: String {
        var encoded = ""
        for byte in utf8 {
            let isUnreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || [0x2D, 0x2E, 0x5F, 0x7E].contains(byte)
            if isUnreserved {
                encoded.append(Character(UnicodeScalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}
