/// HTTP header fields in the order received. Names compare case-insensitively.
public struct HTTPHeaders: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// Returns the first value of the named field, or nil when it is absent.
    public subscript(name: String) -> String? {
        fields.first { equalsIgnoringASCIICase($0.name, name) }?.value
    }

    public mutating func add(name: String, value: String) {
        fields.append((name, value))
    }

    /// Replaces the value of every field with this name, or adds the field when absent.
    mutating func setValue(_ value: String, forName name: String) {
        var found = false
        for index in fields.indices where equalsIgnoringASCIICase(fields[index].name, name) {
            fields[index].value = value
            found = true
        }
        if !found { add(name: name, value: value) }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

/// One parsed HTTP/1.x request, body complete and de-chunked.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target in origin form: path and query string, still percent-encoded.
    /// A target sent in absolute form (`http://host/path`) is reduced to its path and
    /// query, and its authority replaces the Host field.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The peer's address as text, such as "127.0.0.1:53412", for logs.
    public var remoteAddress: String

    public init(method: String, target: String, minorVersion: Int = 1,
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                remoteAddress: String = "") {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The target up to the first "?".
    public var path: Substring {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
    }

    /// The target after the first "?", or "" when there is none.
    public var query: Substring {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? parts[1] : ""
    }
}

/// A response to send. The server adds `Content-Length`, `Date` and `Connection` itself.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The application behind the server.
///
/// The server calls `respond(to:completion:)` on its event-loop thread, one request at a
/// time per connection, so pipelined responses keep their order. A responder may call
/// `completion` before returning (cheap work, done inline) or later from any thread (slow
/// work handed to a queue); it must call it exactly once.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void)
}

/// Compares two field names without allocating; HTTP field names are ASCII tokens.
func equalsIgnoringASCIICase(_ left: String, _ right: String) -> Bool {
    var leftBytes = left.utf8.makeIterator()
    var rightBytes = right.utf8.makeIterator()
    while true {
        switch (leftBytes.next(), rightBytes.next()) {
        case (nil, nil): return true
        case (let leftByte?, let rightByte?) where lowercased(leftByte) == lowercased(rightByte):
            continue
        default: return false
        }
    }
}
