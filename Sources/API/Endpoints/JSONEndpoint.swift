import Wire

/// `/v1/json/METHOD[/NAME][/]`: parameters from the query string, a form or a JSON object
/// body. The response is the result as JSON, or an error body with the documented status.
struct JSONEndpoint {
    static let prefix = "/v1/json/"

    let dispatcher: Dispatcher

    func respond(to request: APIRequest) -> APIResponse {
        var redactedKey: String?
        var methodName = "-"
        do {
            let route = try route(request.path)
            methodName = route.method
            guard ["GET", "POST", "HEAD"].contains(request.httpMethod) else {
                throw MemsetFault(.apiError,
                                  "HTTP method \(request.httpMethod) is not supported; "
                                      + "use GET or POST")
            }
            // HEAD must not change anything, so it may only call methods that read.
            if request.httpMethod == "HEAD", dispatcher.registry[route.method]?.access == .write {
                throw MemsetFault(.apiError,
                                  "HEAD cannot call \(route.method), which changes data; "
                                      + "use GET or POST")
            }
            var collected = try collectArguments(request)
            if let name = route.name {
                if let given = collected.arguments["name"], given.value != .string(name) {
                    throw MemsetFault.badParameters(
                        "The name in the path ('\(name)') differs from the 'name' parameter")
                }
                collected.arguments["name"] = RawArgument(.string(name), source: .text)
            }

            let key = KeyExtraction.key(fromAuthorization: request.authorization)
                ?? collected.apiKey
            redactedKey = key.map(Caller.redact)
            let value = try dispatcher.call(route.method, collected.arguments, key: key).get()
            return APIResponse(status: 200, contentType: "application/json",
                               body: JSON.serialize(value), endpoint: .json,
                               calls: [CallRecord(method: route.method, fault: nil)],
                               redactedKey: redactedKey)
        } catch {
            let fault = MemsetFault(wrapping: error)
            return .jsonError(fault, endpoint: .json,
                              calls: [CallRecord(method: methodName, fault: fault.type)],
                              redactedKey: redactedKey)
        }
    }

    /// Splits "/v1/json/server.info/myserver1/" into the method and the optional name.
    private func route(_ path: String) throws -> (method: String, name: String?) {
        let rest = path.dropFirst(JSONEndpoint.prefix.count)
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        guard let method = parts.first, !method.isEmpty else {
            throw MemsetFault(.methodNotFound,
                              "No method given: call /v1/json/METHOD, such as "
                                  + "/v1/json/server.list")
        }
        guard parts.count <= 2, !(parts.count == 2 && parts[1].isEmpty) else {
            throw MemsetFault(.methodNotFound,
                              "Path \(path) has too many parts: use /v1/json/METHOD or "
                                  + "/v1/json/METHOD/NAME")
        }
        do {
            let decodedMethod = try FormDecoding.decodePathSegment(method)
            let name = try parts.count == 2 ? FormDecoding.decodePathSegment(parts[1]) : nil
            return (decodedMethod, name)
        } catch {
            throw MemsetFault.badParameters("The path \(path) is not valid: \(error)")
        }
    }
}

/// Parameters and the `api_key` parameter, gathered from every place a client may put them.
struct CollectedArguments {
    var arguments: [String: RawArgument] = [:]
    var apiKey: String?

    /// Adds every entry of an object of typed values, such as a JSON body or a JSON-RPC
    /// or XML-RPC struct, in name order.
    mutating func add(typed object: [String: Value]) throws {
        for name in object.keys.sorted() {
            try add(name: name, value: object[name] ?? .null, source: .typed)
        }
    }

    /// Adds one parameter. `api_key` is taken out, and `parameters` is decoded as a JSON
    /// object whose entries are added as typed values.
    mutating func add(name: String, value: Value, source: ArgumentSource) throws {
        switch name {
        case "api_key":
            guard case .string(let key) = value else {
                throw MemsetFault.badParameters("Parameter 'api_key' must be a String")
            }
            apiKey = key
        case "parameters":
            let object: [String: Value]
            switch value {
            case .dictionary(let dictionary):
                object = dictionary
            case .string(let text):
                guard case .dictionary(let dictionary)? = try? JSON.parse(Array(text.utf8)) else {
                    throw MemsetFault.badParameters(
                        "Parameter 'parameters' must be a JSON-encoded object, such as "
                            + #"{"name": "myserver1"}"#)
                }
                object = dictionary
            default:
                throw MemsetFault.badParameters(
                    "Parameter 'parameters' must be a JSON-encoded object")
            }
            for (innerName, innerValue) in object {
                guard innerName != "parameters" else {
                    throw MemsetFault.badParameters(
                        "Parameter 'parameters' may not contain another 'parameters'")
                }
                try add(name: innerName, value: innerValue, source: .typed)
            }
        default:
            arguments[name] = RawArgument(value, source: source)
        }
    }
}

extension JSONEndpoint {
    /// Reads the query string, then the body: a JSON object when the content type is
    /// JSON or the body starts with "{", otherwise a URL-encoded form.
    func collectArguments(_ request: APIRequest) throws -> CollectedArguments {
        var collected = CollectedArguments()
        do {
            for (name, value) in try FormDecoding.decode(request.query) {
                try collected.add(name: name, value: .string(value), source: .text)
            }
        } catch let error as WireError {
            throw MemsetFault.badParameters("The query string is not valid: \(error.message)")
        }

        let body = request.body
        let firstByte = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let firstByte else { return collected }

        if request.mediaType == "application/json" || firstByte == UInt8(ascii: "{") {
            let document: Value
            do {
                document = try JSON.parse(body)
            } catch let error as WireError {
                throw MemsetFault.badParameters("The JSON body is not valid: \(error.message)")
            }
            guard case .dictionary(let object) = document else {
                throw MemsetFault.badParameters(
                    "The JSON body must be an object of parameters, not a \(document.typeName)")
            }
            try collected.add(typed: object)
        } else if request.mediaType == nil
            || request.mediaType == "application/x-www-form-urlencoded"
        {
            do {
                for (name, value) in try FormDecoding.decode(body) {
                    try collected.add(name: name, value: .string(value), source: .text)
                }
            } catch let error as WireError {
                throw MemsetFault.badParameters("The form body is not valid: \(error.message)")
            }
        } else {
            throw MemsetFault.badParameters(
                "Content type \(request.contentType ?? "") is not supported: send "
                    + "application/x-www-form-urlencoded or application/json")
        }
        return collected
    }
}
