@testable import API
import Testing
import Wire

@Suite struct JSONRPCEndpointTests {
    let harness: APITestHarness

    init() throws {
        harness = try APITestHarness()
    }

    func post(_ body: String, key: String? = APITestHarness.fullKey) -> APIResponse {
        harness.post("/v1/jsonrpc", body: Array(body.utf8), key: key)
    }

    @Test func namedCallReturnsResult() {
        let response = post(#"{"jsonrpc":"2.0","method":"test.named","params":{"name":"a"},"id":1}"#)
        #expect(response.status == 200)
        #expect(response.json["result"] == ["name": "a"])
        #expect(response.json["id"] == 1)
    }

    @Test func positionalParamsAreInvalidParams() {
        let response = post(#"{"jsonrpc":"2.0","method":"test.named","params":["a"],"id":2}"#)
        #expect(response.json["error"]?["code"] == -32602)
        let message = response.json["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("by name"))
    }

    @Test func apiErrorCarriesDocumentedCode() {
        let response = post(#"{"jsonrpc":"2.0","method":"no.such","id":"x"}"#)
        #expect(response.json["error"]?["code"] == 5)
        let message = response.json["error"]?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("ApiErrorMethodNotFound"))
        #expect(response.json["id"] == "x")
    }

    @Test func batchAnswersEachCallInOrder() {
        let body = """
            [{"jsonrpc":"2.0","method":"test.named","params":{"name":"one"},"id":1},
             {"jsonrpc":"2.0","method":"test.anonymous"},
             {"jsonrpc":"2.0","method":"no.such","id":3},
             42]
            """
        let answers = post(body).json.listValue ?? []
        #expect(answers.count == 3)
        #expect(answers.first?["result"] == ["name": "one"])
        #expect(answers.dropFirst().first?["error"]?["code"] == 5)
        #expect(answers.last?["error"]?["code"] == -32600)
    }

    @Test func batchOver100IsRejected() {
        let call = #"{"jsonrpc":"2.0","method":"test.anonymous","id":1}"#
        let body = "[" + Array(repeating: call, count: 101).joined(separator: ",") + "]"
        let response = post(body)
        #expect(response.json["error"]?["code"] == -32600)
        #expect(response.json["error"]?["message"]?.stringValue?.contains("100") == true)
    }

    @Test func batchOf100IsAnswered() {
        let call = #"{"jsonrpc":"2.0","method":"test.anonymous","id":1}"#
        let body = "[" + Array(repeating: call, count: 100).joined(separator: ",") + "]"
        #expect(post(body).json.listValue?.count == 100)
    }

    @Test func emptyBatchIsInvalidRequest() {
        #expect(post("[]").json["error"]?["code"] == -32600)
    }

    @Test func invalidJSONIsParseError() {
        #expect(post("{").json["error"]?["code"] == -32700)
    }

    @Test func notificationsOnlyGetEmptyBody() {
        let response = post(#"{"jsonrpc":"2.0","method":"test.anonymous"}"#)
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func keyInParamsIsLoggedRedacted() {
        let body = #"{"jsonrpc":"2.0","method":"test.anonymous","params":{"api_key":"\#(APITestHarness.fullKey)"},"id":1}"#
        let response = post(body, key: nil)
        #expect(response.json["result"] == .dictionary([:]))
        #expect(response.redactedKey == "...cdef")
    }

    @Test func everyCallInBatchIsAuthenticated() {
        let body = #"[{"jsonrpc":"2.0","method":"test.anonymous","id":1}]"#
        let answers = post(body, key: nil).json.listValue ?? []
        #expect(answers.first?["error"]?["code"] == 10)
    }

    @Test func scopedKeyIsCheckedPerCall() {
        let body = """
            [{"jsonrpc":"2.0","method":"test.named","params":{"name":"s"},"id":1},
             {"jsonrpc":"2.0","method":"test.anonymous","id":2}]
            """
        let answers = post(body, key: APITestHarness.methodScopedKey).json.listValue ?? []
        #expect(answers.first?["result"] == ["name": "s"])
        #expect(answers.last?["error"]?["code"] == 4)
    }
}

@Suite struct XMLRPCEndpointTests {
    let harness: APITestHarness

    init() throws {
        harness = try APITestHarness()
    }

    func call(_ method: String, _ params: [Value], key: String? = APITestHarness.fullKey)
        -> XMLRPCResponse?
    {
        let body = XMLRPC.encodeCall(methodName: method, params: params)
        let response = harness.post("/v1/xmlrpc/", body: body, key: key)
        #expect(response.status == 200)
        #expect(response.contentType == "text/xml")
        return try? XMLRPC.decodeResponse(response.body)
    }

    @Test func structParameterIsNamed() {
        #expect(call("test.named", [["name": "a"]]) == .success(["name": "a"]))
    }

    @Test func noParameterIsAccepted() {
        #expect(call("test.anonymous", []) == .success(.dictionary([:])))
    }

    @Test func faultHasCodeAndTypePrefix() {
        guard case .fault(let code, let message)? = call("no.such", []) else {
            Issue.record("expected a fault")
            return
        }
        #expect(code == 5)
        #expect(message.hasPrefix("ApiErrorMethodNotFound"))
    }

    @Test func positionalParametersAreRejected() {
        guard case .fault(let code, _)? = call("test.named", ["a", "b"]) else {
            Issue.record("expected a fault")
            return
        }
        #expect(code == 7)
    }

    @Test func listMethodsIncludesSystemAndTestMethods() {
        guard case .success(.list(let names))? = call("system.listMethods", []) else {
            Issue.record("expected a list")
            return
        }
        #expect(names.contains("system.multicall"))
        #expect(names.contains("test.named"))
    }

    @Test func methodHelpDescribesParameters() {
        guard case .success(.string(let help))? = call("system.methodHelp", ["test.named"])
        else {
            Issue.record("expected help text")
            return
        }
        #expect(help.contains("name (String)"))
        #expect(help.contains("at most 64") || help.contains("At most 64"))
    }

    @Test func methodSignatureListsTypes() {
        let result = call("system.methodSignature", ["test.named"])
        #expect(result == .success([["struct", "struct"]]))
    }

    @Test func multicallAnswersEachEntry() {
        let entries: Value = [
            ["methodName": "test.named", "params": [["name": "x"]]],
            ["methodName": "no.such", "params": []],
        ]
        guard case .success(.list(let results))? = call("system.multicall", [entries]) else {
            Issue.record("expected a list")
            return
        }
        #expect(results.first == [["name": "x"]])
        #expect(results.last?["faultCode"] == 5)
    }

    @Test func malformedXMLIsAFault() {
        let response = harness.post("/v1/xmlrpc", body: Array("<methodCall>".utf8))
        guard case .fault(let code, _)? = try? XMLRPC.decodeResponse(response.body) else {
            Issue.record("expected a fault")
            return
        }
        #expect(code == 7)
    }

    @Test func billionLaughsIsAFault() {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <methodCall><methodName>&lol2;</methodName></methodCall>
            """
        let response = harness.post("/v1/xmlrpc", body: Array(bomb.utf8))
        guard case .fault? = try? XMLRPC.decodeResponse(response.body) else {
            Issue.record("expected a fault")
            return
        }
    }
}
