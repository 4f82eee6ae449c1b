import Wire

/// `/v1/jsonrpc`: JSON-RPC 2.0 over POST with named parameters, single calls and batches
/// of up to 100. Every call in a batch is authenticated, scope-checked and run on its own.
struct JSONRPCEndpoint {
    static let maximumBatchSize = 100

    let dispatcher: Dispatcher

    func respond(to request: APIRequest) -> APIResponse {
        let key = KeyExtraction.key(fromAuthorization: request.authorization)
        guard request.httpMethod == "POST" else {
            let error = JSONRPCError(code: JSONRPC.invalidRequestCode,
                                     message: "Invalid Request: JSON-RPC calls must be sent "
                                         + "with POST, not \(request.httpMethod)")
            return response(JSONRPCResponse.error(error, id: .null).encode(), key: key)
        }

        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage.decode(request.body)
        } catch {
            return response(JSONRPCResponse.error(error, id: .null).encode(), key: key)
        }

        switch message {
        case .single(let item):
            var calls: [CallRecord] = []
            guard let answer = run(item, key: key, calls: &calls) else {
                return response([], key: key, calls: calls)
            }
            return response(answer.encode(), key: key, calls: calls)

        case .batch(let items):
            guard items.count <= JSONRPCEndpoint.maximumBatchSize else {
                let error = JSONRPCError.invalidRequest(
                    "a batch may hold at most \(JSONRPCEndpoint.maximumBatchSize) calls, "
                        + "this one holds \(items.count)")
                return response(JSONRPCResponse.error(error, id: .null).encode(), key: key)
            }
            var calls: [CallRecord] = []
            let answers = items.compactMap { run($0, key: key, calls: &calls) }
            guard !answers.isEmpty else {
                return response([], key: key, calls: calls)
            }
            return response(JSONRPCResponse.encodeBatch(answers), key: key, calls: calls)
        }
    }

    /// Runs one entry; returns nil for a notification, which gets no response.
    private func run(_ item: JSONRPCRequestItem, key headerKey: String?,
                     calls: inout [CallRecord]) -> JSONRPCResponse? {
        let call: JSONRPCCall
        switch item {
        case .invalid(let error, let id):
            return .error(error, id: id)
        case .call(let valid):
            call = valid
        }

        let outcome: Result<Value, MemsetFault>
        var usedKey = headerKey
        switch call.params {
        case .positional:
            let fault = MemsetFault.badParameters(
                "Positional parameters are not supported: pass parameters by name, "
                    + "as a JSON object")
            calls.append(CallRecord(method: call.method, fault: fault.type))
            let error = JSONRPCError(code: JSONRPC.invalidParamsCode,
                                     message: "Invalid params: " + fault.message,
                                     data: fault.jsonBody)
            return call.id.map { .error(error, id: $0) }
        case .none:
            outcome = dispatcher.call(call.method, [:], key: headerKey)
        case .named(let named):
            do {
                var collected = CollectedArguments()
                try collected.add(typed: named)
                usedKey = headerKey ?? collected.apiKey
                outcome = dispatcher.call(call.method, collected.arguments, key: usedKey)
            } catch {
                outcome = .failure(MemsetFault(wrapping: error))
            }
        }

        switch outcome {
        case .success(let value):
            calls.append(CallRecord(method: call.method, fault: nil,
                                    redactedKey: usedKey.map(Caller.redact)))
            return call.id.map { .result(value, id: $0) }
        case .failure(let fault):
            calls.append(CallRecord(method: call.method, fault: fault.type,
                                    redactedKey: usedKey.map(Caller.redact)))
            let error = JSONRPCError(code: fault.type.code,
                                     message: "\(fault.type.name): \(fault.message)",
                                     data: fault.jsonBody)
            return call.id.map { .error(error, id: $0) }
        }
    }

    /// JSON-RPC responses use HTTP 200 whatever the outcome, with an empty body when every
    /// call was a notification. That is 200 rather than 204 because jsonrpclib-pelix 1.2
    /// treats any other status as a transport error.
    private func response(_ body: [UInt8], key: String?, calls: [CallRecord] = []) -> APIResponse {
        APIResponse(status: 200, contentType: "application/json",
                    body: body, endpoint: .jsonRPC, calls: calls,
                    redactedKey: key.map(Caller.redact))
    }
}
