import Wire

/// An HTTP request as the API endpoints need it; the server adapts its own request type.
public struct APIRequest: Sendable {
    public var httpMethod: String
    /// The path, still percent-encoded, such as "/v1/json/server.info/myserver1/".
    public var path: String
    /// The query string without the "?", still percent-encoded.
    public var query: String
    public var contentType: String?
    public var authorization: String?
    public var body: [UInt8]

    public init(httpMethod: String, path: String, query: String = "", contentType: String? = nil,
                authorization: String? = nil, body: [UInt8] = []) {
        self.httpMethod = httpMethod
        self.path = path
        self.query = query
        self.contentType = contentType
        self.authorization = authorization
        self.body = body
    }

    /// The media type without parameters, lowercased: "application/json; charset=utf-8"
    /// becomes "application/json".
    var mediaType: String? {
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return String(type).trimmingSpaces.lowercased()
    }
}

/// The endpoint that served a request, for logs.
public enum Endpoint: String, Sendable {
    case json
    case jsonRPC = "jsonrpc"
    case xmlRPC = "xmlrpc"
    case unknown
}

/// The outcome of one call, for the request's log line.
public struct CallRecord: Sendable, Equatable {
    public var method: String
    /// The error the call raised, or nil when it succeeded.
    public var fault: ErrorType?
    /// The last four digits of the key the call used, when it came from its parameters.
    public var redactedKey: String?

    public init(method: String, fault: ErrorType?, redactedKey: String? = nil) {
        self.method = method
        self.fault = fault
        self.redactedKey = redactedKey
    }
}

/// A response ready to send, with the details the log line needs.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var endpoint: Endpoint
    public var calls: [CallRecord]
    /// The last four digits of the key used, or nil when none was given.
    public var redactedKey: String?
    /// Extra header fields, such as `WWW-Authenticate` on a 401.
    public var headers: [(name: String, value: String)]

    public init(status: Int, contentType: String, body: [UInt8], endpoint: Endpoint,
                calls: [CallRecord] = [], redactedKey: String? = nil,
                headers: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.endpoint = endpoint
        self.calls = calls
        self.redactedKey = redactedKey ?? calls.lazy.compactMap(\.redactedKey).first
        self.headers = headers
    }

    static func jsonError(_ fault: MemsetFault, endpoint: Endpoint,
                          calls: [CallRecord] = [], redactedKey: String? = nil) -> APIResponse {
        // Clients such as curl --anyauth and urllib's HTTPBasicAuthHandler send their
        // credentials only after a 401 that names the scheme.
        let challenge = fault.type.httpStatus == 401
            ? [(name: "WWW-Authenticate", value: #"Basic realm="Memset API""#)] : []
        return APIResponse(status: fault.type.httpStatus, contentType: "application/json",
                           body: JSON.serialize(fault.jsonBody), endpoint: endpoint,
                           calls: calls, redactedKey: redactedKey, headers: challenge)
    }
}

extension MemsetFault {
    /// `{"error_type": ..., "error_code": ..., "error": ...}`, as every JSON error carries.
    public var jsonBody: Value {
        .dictionary([
            "error_type": .string(type.name),
            "error_code": .integer(type.code),
            "error": .string(message),
        ])
    }
}
