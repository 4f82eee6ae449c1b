import Testing
import Wire

@Suite struct JSONRPCTests {
    private func decode(_ text: String) throws(JSONRPCError) -> JSONRPCMessage {
        try JSONRPCMessage.decode(Array(text.utf8))
    }

    private func invalidItem(_ text: String) throws -> (JSONRPCError, JSONRPCID)? {
        guard case .single(.invalid(let error, let id)) = try decode(text) else { return nil }
        return (error, id)
    }

    @Test func decodesCallWithNamedParams() throws {
        let message = try decode(
            #"{"jsonrpc":"2.0","method":"server.info","params":{"name":"s1"},"id":7}"#)
        let expected = JSONRPCCall(method: "server.info", params: .named(["name": "s1"]),
                                   id: .integer(7))
        #expect(message == .single(.call(expected)))
        #expect(message.count == 1)
    }

    @Test func decodesCallWithoutParams() throws {
        let message = try decode(#"{"jsonrpc":"2.0","method":"dns.zone_list","id":"a"}"#)
        let expected = JSONRPCCall(method: "dns.zone_list", params: .none, id: .string("a"))
        #expect(message == .single(.call(expected)))
    }

    @Test func marksPositionalParams() throws {
        let message = try decode(#"{"jsonrpc":"2.0","method":"m","params":[1,"x"],"id":1}"#)
        let expected = JSONRPCCall(method: "m", params: .positional([1, "x"]), id: .integer(1))
        #expect(message == .single(.call(expected)))
    }

    @Test func callWithoutIDIsNotification() throws {
        let message = try decode(#"{"jsonrpc":"2.0","method":"m"}"#)
        guard case .single(.call(let call)) = message else {
            Issue.record("expected a call, got \(message)")
            return
        }
        #expect(call.isNotification)
        #expect(call.id == nil)
    }

    @Test func keepsNullAndFloatIDs() throws {
        let nullMessage = try decode(#"{"jsonrpc":"2.0","method":"m","id":null}"#)
        #expect(nullMessage == .single(.call(JSONRPCCall(method: "m", params: .none,
                                                        id: .null))))
        let floatMessage = try decode(#"{"jsonrpc":"2.0","method":"m","id":1.5}"#)
        #expect(floatMessage == .single(.call(JSONRPCCall(method: "m", params: .none,
                                                         id: .float(1.5)))))
    }

    @Test func invalidJSONIsParseError() {
        let error = #expect(throws: JSONRPCError.self) { try decode(#"{"jsonrpc":"2.0",}"#) }
        #expect(error?.code == -32700)
        #expect(error?.message.contains("byte 17") == true)
    }

    @Test func emptyBatchIsInvalidRequest() {
        let error = #expect(throws: JSONRPCError.self) { try decode(" [ ] ") }
        #expect(error?.code == -32600)
    }

    @Test func scalarBodyIsInvalidRequest() {
        let error = #expect(throws: JSONRPCError.self) { try decode("42") }
        #expect(error?.code == -32600)
        #expect(error?.message.contains("Integer") == true)
    }

    @Test func wrongVersionIsInvalidRequest() throws {
        let item = try invalidItem(#"{"jsonrpc":"1.0","method":"m","id":3}"#)
        #expect(item?.0.code == -32600)
        #expect(item?.0.message.contains(#""1.0""#) == true)
        #expect(item?.1 == .integer(3))
    }

    @Test func missingVersionIsInvalidRequest() throws {
        let item = try invalidItem(#"{"method":"m","id":3}"#)
        #expect(item?.0.code == -32600)
        #expect(item?.0.message.contains("jsonrpc") == true)
    }

    @Test func numericVersionIsInvalidRequest() throws {
        let item = try invalidItem(#"{"jsonrpc":2.0,"method":"m","id":3}"#)
        #expect(item?.0.code == -32600)
    }

    @Test func missingMethodIsInvalidRequest() throws {
        let item = try invalidItem(#"{"jsonrpc":"2.0","id":"x"}"#)
        #expect(item?.0.code == -32600)
        #expect(item?.0.message.contains("method") == true)
        #expect(item?.1 == .string("x"))
    }

    @Test func nonStringMethodIsInvalidRequest() throws {
        let item = try invalidItem(#"{"jsonrpc":"2.0","method":5,"id":1}"#)
        #expect(item?.0.code == -32600)
        #expect(item?.0.message.contains("Integer") == true)
    }

    @Test func scalarParamsIsInvalidRequest() throws {
        let item = try invalidItem(#"{"jsonrpc":"2.0","method":"m","params":"x","id":1}"#)
        #expect(item?.0.code == -32600)
        #expect(item?.0.message.contains("params") == true)
    }

    @Test func invalidIDAnswersWithNullID() throws {
        let item = try invalidItem(#"{"jsonrpc":"2.0","method":"m","id":{"a":1}}"#)
        #expect(item?.0.code == -32600)
        #expect(item?.1 == .null)
    }

    @Test func batchKeepsValidEntriesBesideInvalidOnes() throws {
        let message = try decode(#"""
            [{"jsonrpc":"2.0","method":"a","id":1}, 5,
             {"jsonrpc":"2.0","id":2}, {"jsonrpc":"2.0","method":"b"}]
            """#)
        guard case .batch(let items) = message else {
            Issue.record("expected a batch, got \(message)")
            return
        }
        #expect(message.count == 4)
        #expect(items[0] == .call(JSONRPCCall(method: "a", params: .none, id: .integer(1))))
        guard case .invalid(let scalarError, let scalarID) = items[1] else {
            Issue.record("expected entry 1 to be invalid, got \(items[1])")
            return
        }
        #expect(scalarError.code == -32600)
        #expect(scalarError.message.contains("batch entry 1"))
        #expect(scalarID == .null)
        guard case .invalid(let methodError, let methodID) = items[2] else {
            Issue.record("expected entry 2 to be invalid, got \(items[2])")
            return
        }
        #expect(methodError.code == -32600)
        #expect(methodID == .integer(2))
        #expect(items[3] == .call(JSONRPCCall(method: "b", params: .none, id: nil)))
    }

    @Test func encodesResult() {
        let response = JSONRPCResponse.result(["b": 1, "a": "x"], id: .integer(7))
        #expect(String(decoding: response.encode(), as: UTF8.self)
            == #"{"jsonrpc":"2.0","result":{"a":"x","b":1},"id":7}"#)
    }

    @Test func encodesErrorWithData() {
        let error = JSONRPCError(code: 3, message: "Couldn't find \"x\"",
                                 data: ["error_type": "ApiErrorDoesNotExist"])
        let response = JSONRPCResponse.error(error, id: .string("q"))
        #expect(String(decoding: response.encode(), as: UTF8.self)
            == #"{"jsonrpc":"2.0","error":{"code":3,"message":"Couldn't find \"x\"","#
            + #""data":{"error_type":"ApiErrorDoesNotExist"}},"id":"q"}"#)
    }

    @Test func encodesErrorWithoutDataAndNullID() {
        let response = JSONRPCResponse.error(.invalidRequest("bad"), id: .null)
        #expect(String(decoding: response.encode(), as: UTF8.self)
            == #"{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request: bad"},"#
            + #""id":null}"#)
    }

    @Test func encodesBatch() throws {
        let body = JSONRPCResponse.encodeBatch([
            .result(true, id: .integer(1)),
            .error(JSONRPCError(code: -32601, message: "no"), id: .float(2.5)),
        ])
        let parsed = try JSON.parse(body)
        #expect(parsed == [
            ["jsonrpc": "2.0", "result": true, "id": 1],
            ["jsonrpc": "2.0", "error": ["code": -32601, "message": "no"], "id": 2.5],
        ])
    }
}
