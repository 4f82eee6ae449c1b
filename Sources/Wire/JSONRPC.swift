/// JSON-RPC 2.0 request decoding and response encoding (https://www.jsonrpc.org/specification).
public enum JSONRPC {
    /// The standard error codes.
    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
}

/// A request id: a string, a number or null. A request without an id is a notification.
public enum JSONRPCID: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case null

    /// The id as it appears in the request, or nil when the value is no valid id.
    init?(_ value: Value) {
        switch value {
        case .string(let string): self = .string(string)
        case .integer(let integer): self = .integer(integer)
        case .float(let double): self = .float(double)
        case .null: self = .null
        default: return nil
        }
    }

    var value: Value {
        switch self {
        case .string(let string): return .string(string)
        case .integer(let integer): return .integer(integer)
        case .float(let double): return .float(double)
        case .null: return .null
        }
    }
}

/// The `params` member of a request.
public enum JSONRPCParams: Sendable, Equatable {
    /// No `params` member.
    case none
    /// An object: parameters by name, the only form the Memset API accepts.
    case named([String: Value])
    /// An array: parameters by position, which the caller rejects with its own message.
    case positional([Value])
}

/// A well-formed request. `id` is nil for a notification, which gets no response.
public struct JSONRPCCall: Sendable, Equatable {
    public var method: String
    public var params: JSONRPCParams
    public var id: JSONRPCID?

    public init(method: String, params: JSONRPCParams, id: JSONRPCID?) {
        self.method = method
        self.params = params
        self.id = id
    }

    public var isNotification: Bool { id == nil }
}

/// A JSON-RPC error object: a code, a message and optional data.
public struct JSONRPCError: Error, Sendable, Equatable {
    public var code: Int
    public var message: String
    public var data: Value?

    public init(code: Int, message: String, data: Value? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// Error -32700: the body is not valid JSON.
    public static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: JSONRPC.parseErrorCode, message: "Parse error: \(detail)")
    }

    /// Error -32600: the JSON is not a valid request object.
    public static func invalidRequest(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: JSONRPC.invalidRequestCode, message: "Invalid Request: \(detail)")
    }
}

/// One entry of a request: a call to run, or an invalid entry that gets an error response.
public enum JSONRPCRequestItem: Sendable, Equatable {
    case call(JSONRPCCall)
    /// An entry that is no valid request. `id` is the entry's id when it had a valid one,
    /// and null otherwise, as the response must carry.
    case invalid(JSONRPCError, id: JSONRPCID)
}

/// A decoded request body: a single request or a batch.
public enum JSONRPCMessage: Sendable, Equatable {
    case single(JSONRPCRequestItem)
    case batch([JSONRPCRequestItem])

    /// The number of entries: 1 for a single request.
    public var count: Int {
        switch self {
        case .single: return 1
        case .batch(let items): return items.count
        }
    }

    /// Decodes a request body.
    ///
    /// A body that is a single invalid request decodes as `.single(.invalid(...))`, and an
    /// invalid entry in a batch as `.invalid` in its place, so the other entries still run.
    /// - Throws: `JSONRPCError` -32700 when the body is not valid JSON, and -32600 when it
    ///   is neither an object nor a non-empty array. The caller replies to both with a
    ///   single error response whose id is null.
    public static func decode(_ body: [UInt8]) throws(JSONRPCError) -> JSONRPCMessage {
        let document: Value
        do {
            document = try JSON.parseDocument(body)
        } catch {
            throw .parseError(error.description)
        }

        switch document {
        case .list(let entries):
            guard !entries.isEmpty else {
                throw .invalidRequest("the batch is an empty array")
            }
            return .batch(entries.enumerated().map { index, entry in
                decodeItem(entry, position: "batch entry \(index)")
            })
        case .dictionary:
            return .single(decodeItem(document, position: "the request"))
        default:
            throw .invalidRequest("the request must be an object or an array of objects, "
                + "not \(document.typeName)")
        }
    }

    private static func decodeItem(_ entry: Value, position: String) -> JSONRPCRequestItem {
        guard case .dictionary(let object) = entry else {
            return .invalid(.invalidRequest("\(position) must be an object, not "
                + entry.typeName), id: .null)
        }

        var id: JSONRPCID?
        if let rawID = object["id"] {
            guard let validID = JSONRPCID(rawID) else {
                return .invalid(.invalidRequest("\(position) has an id of type "
                    + "\(rawID.typeName); it must be a string, a number or null"), id: .null)
            }
            id = validID
        }
        let responseID = id ?? .null

        guard let version = object["jsonrpc"] else {
            return .invalid(.invalidRequest("\(position) has no \"jsonrpc\" member; "
                + "it must be \"2.0\""), id: responseID)
        }
        guard version == .string("2.0") else {
            return .invalid(.invalidRequest("\(position) has \"jsonrpc\": "
                + "\(JSON.serializeToString(version)); it must be \"2.0\""), id: responseID)
        }
        guard let rawMethod = object["method"] else {
            return .invalid(.invalidRequest("\(position) has no \"method\" member"),
                            id: responseID)
        }
        guard case .string(let method) = rawMethod else {
            return .invalid(.invalidRequest("\(position) has a \"method\" of type "
                + "\(rawMethod.typeName); it must be a string"), id: responseID)
        }

        let params: JSONRPCParams
        switch object["params"] {
        case nil: params = .none
        case .dictionary(let named): params = .named(named)
        case .list(let positional): params = .positional(positional)
        case let other?:
            return .invalid(.invalidRequest("\(position) has \"params\" of type "
                + "\(other.typeName); it must be an object or an array"), id: responseID)
        }
        return .call(JSONRPCCall(method: method, params: params, id: id))
    }
}

/// One response: a result or an error, with the id of the request it replies to.
public enum JSONRPCResponse: Sendable, Equatable {
    case result(Value, id: JSONRPCID)
    case error(JSONRPCError, id: JSONRPCID)

    /// Encodes `{"jsonrpc":"2.0","result":...,"id":...}` or
    /// `{"jsonrpc":"2.0","error":{"code":...,"message":...,"data":...},"id":...}`.
    /// `data` is left out when the error has none.
    public func encode() -> [UInt8] {
        var output: [UInt8] = []
        append(to: &output)
        return output
    }

    /// Encodes a batch response as an array of responses.
    ///
    /// When every entry of a batch was a notification, the caller sends no body at all.
    /// So `responses` is expected to be non-empty, and an empty one encodes as `[]`.
    public static func encodeBatch(_ responses: [JSONRPCResponse]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "[")]
        for (index, response) in responses.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            response.append(to: &output)
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    private func append(to output: inout [UInt8]) {
        output.append(contentsOf: #"{"jsonrpc":"2.0","#.utf8)
        let id: JSONRPCID
        switch self {
        case .result(let value, let responseID):
            output.append(contentsOf: #""result":"#.utf8)
            JSON.append(value, to: &output)
            id = responseID
        case .error(let error, let responseID):
            output.append(contentsOf: #""error":{"code":"#.utf8)
            appendInteger(error.code, to: &output)
            output.append(contentsOf: #","message":"#.utf8)
            JSON.appendString(error.message, to: &output)
            if let data = error.data {
                output.append(contentsOf: #","data":"#.utf8)
                JSON.append(data, to: &output)
            }
            output.append(UInt8(ascii: "}"))
            id = responseID
        }
        output.append(contentsOf: #","id":"#.utf8)
        JSON.append(id.value, to: &output)
        output.append(UInt8(ascii: "}"))
    }
}
