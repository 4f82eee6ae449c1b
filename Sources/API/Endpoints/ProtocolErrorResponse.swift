import Wire

extension Dispatcher {
    /// Builds the response for a request the HTTP server rejected before it reached the
    /// API, such as a body over the size limit or a request that timed out.
    ///
    /// The body has the format of the endpoint the path names. That is a JSON-RPC error
    /// object on `/v1/jsonrpc`, an XML-RPC fault on `/v1/xmlrpc`, and the JSON error body
    /// everywhere else. The HTTP status stays the server's own, such as 413 or 408.
    ///
    /// - Parameter target: the request target, or nil when the request line was unreadable.
    public static func protocolErrorResponse(status: Int, message: String,
                                             target: String?) -> APIResponse {
        let path = target.map { String($0.prefix { $0 != "?" }) } ?? ""
        let text = "HTTP \(status): \(message)"
        if path == "/v1/jsonrpc" || path == "/v1/jsonrpc/" {
            let error = JSONRPCError(code: JSONRPC.invalidRequestCode,
                                     message: "Invalid Request: \(text)")
            return APIResponse(status: status, contentType: "application/json",
                               body: JSONRPCResponse.error(error, id: .null).encode(),
                               endpoint: .jsonRPC)
        }
        let fault = MemsetFault(.apiError, text)
        if path == "/v1/xmlrpc" || path == "/v1/xmlrpc/" {
            return APIResponse(status: status, contentType: "text/xml",
                               body: XMLRPC.encodeFault(code: fault.type.code,
                                                        message: fault.xmlRPCString),
                               endpoint: .xmlRPC)
        }
        let endpoint: Endpoint = path.hasPrefix(JSONEndpoint.prefix) ? .json : .unknown
        return APIResponse(status: status, contentType: "application/json",
                           body: JSON.serialize(fault.jsonBody), endpoint: endpoint)
    }
}
