import Wire

/// `/v1/xmlrpc`: XML-RPC `methodCall` with no parameter or one struct of named parameters.
/// The response is a `methodResponse` or a fault whose code is the documented error code and
/// whose string starts with the error type. Faults travel with HTTP status 200.
struct XMLRPCEndpoint {
    static let multicallName = "system.multicall"

    let dispatcher: Dispatcher

    func respond(to request: APIRequest) -> APIResponse {
        let key = KeyExtraction.key(fromAuthorization: request.authorization)
        var calls: [CallRecord] = []
        let body: [UInt8]
        do {
            guard request.httpMethod == "POST" else {
                throw MemsetFault(.apiError,
                                  "XML-RPC calls must be sent with POST, not "
                                      + request.httpMethod)
            }
            let call: XMLRPCCall
            do {
                call = try XMLRPC.decodeCall(request.body)
            } catch let error as WireError {
                throw MemsetFault.badParameters("Invalid XML-RPC request: \(error.message)")
            }

            if call.methodName == XMLRPCEndpoint.multicallName {
                let results = try multicall(call.params, key: key, calls: &calls)
                body = XMLRPC.encodeResponse(.list(results))
            } else {
                var usedKey = key
                let outcome = run(call.methodName, call.params, key: &usedKey)
                calls.append(CallRecord(method: call.methodName, fault: outcome.failure?.type,
                                        redactedKey: usedKey.map(Caller.redact)))
                body = XMLRPC.encodeResponse(try outcome.get())
            }
        } catch {
            let fault = MemsetFault(wrapping: error)
            if calls.isEmpty {
                calls.append(CallRecord(method: "-", fault: fault.type))
            }
            body = XMLRPC.encodeFault(code: fault.type.code, message: fault.xmlRPCString)
        }
        return APIResponse(status: 200, contentType: "text/xml", body: body, endpoint: .xmlRPC,
                           calls: calls, redactedKey: key.map(Caller.redact))
    }

    /// Runs one call. Parameters are one struct of named values, or nothing; the `system.*`
    /// methods also take their arguments by position, as XML-RPC clients send them.
    /// - Parameter key: the key from the request's header on entry, and the key the call
    ///   used on return, which may come from an `api_key` member of the struct.
    private func run(_ methodName: String, _ params: [Value], key: inout String?)
        -> Result<Value, MemsetFault>
    {
        let headerKey = key
        do {
            var collected = CollectedArguments()
            switch params.count {
            case 0:
                break
            case 1 where params[0].dictionaryValue != nil:
                let named = params[0].dictionaryValue ?? [:]
                try collected.add(typed: named)
            default:
                guard methodName.hasPrefix("system."),
                      let declaration = dispatcher.registry[methodName],
                      params.count <= declaration.parameters.count
                else {
                    throw MemsetFault.badParameters(
                        "Pass parameters by name, as one struct; this call has "
                            + "\(params.count) positional "
                            + (params.count == 1 ? "parameter" : "parameters"))
                }
                for (parameter, value) in zip(declaration.parameters, params) {
                    try collected.add(name: parameter.name, value: value, source: .typed)
                }
            }
            key = headerKey ?? collected.apiKey
            return dispatcher.call(methodName, collected.arguments, key: key)
        } catch {
            return .failure(MemsetFault(wrapping: error))
        }
    }

    /// `system.multicall`: runs an array of `{methodName, params}` structs and returns, for
    /// each, `[result]` or a fault struct, as Python's `xmlrpc.client.MultiCall` expects.
    private func multicall(_ params: [Value], key: String?,
                           calls: inout [CallRecord]) throws -> [Value] {
        guard params.count == 1, let entries = params[0].listValue else {
            throw MemsetFault.badParameters(
                "system.multicall takes one array of {methodName, params} structs")
        }
        guard entries.count <= JSONRPCEndpoint.maximumBatchSize else {
            throw MemsetFault.badParameters(
                "system.multicall may run at most \(JSONRPCEndpoint.maximumBatchSize) "
                    + "calls, this one has \(entries.count)")
        }

        var results: [Value] = []
        for (index, entry) in entries.enumerated() {
            let outcome: Result<Value, MemsetFault>
            var usedKey = key
            let methodName = entry["methodName"]?.stringValue
            if let methodName, methodName != XMLRPCEndpoint.multicallName,
               let entryParams = entry["params"]?.listValue ?? (entry["params"] == nil ? [] : nil)
            {
                outcome = run(methodName, entryParams, key: &usedKey)
            } else if methodName == XMLRPCEndpoint.multicallName {
                outcome = .failure(.badParameters("system.multicall may not be nested"))
            } else {
                outcome = .failure(.badParameters(
                    "Entry \(index) of system.multicall must be a struct with a string "
                        + "'methodName' and an array 'params'"))
            }

            calls.append(CallRecord(method: methodName ?? "-", fault: outcome.failure?.type,
                                    redactedKey: usedKey.map(Caller.redact)))
            switch outcome {
            case .success(let value):
                results.append(.list([value]))
            case .failure(let fault):
                results.append(.dictionary([
                    "faultCode": .integer(fault.type.code),
                    "faultString": .string(fault.xmlRPCString),
                ]))
            }
        }
        return results
    }
}

extension MemsetFault {
    /// The fault string: the error type, then the message.
    var xmlRPCString: String {
        "\(type.name): \(message)"
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
