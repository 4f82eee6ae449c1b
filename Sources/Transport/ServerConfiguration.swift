import CLinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// The address, TLS settings and per-connection limits of an `HTTPServer`.
public struct ServerConfiguration: Sendable {
    /// An IPv4 or IPv6 address such as "127.0.0.1", "::1" or "0.0.0.0", or "localhost".
    public var host: String
    /// The TCP port; 0 lets the system pick a free one, which `HTTPServer.start()` returns.
    public var port: Int
    /// The certificate and key for HTTPS, or nil for plain HTTP.
    public var tls: TLSConfiguration?
    /// The limit in bytes for a request body, after de-chunking; larger requests get 413.
    public var maxBodySize: Int
    /// The limit in bytes for the request line and header fields; larger heads get 431.
    public var maxHeaderSize: Int
    /// How long a client may take to send a whole request, from its first byte, before it
    /// gets 408 and the connection closes.
    public var requestTimeout: Duration
    /// How long a keep-alive connection may wait for its next request before it closes.
    public var idleTimeout: Duration
    /// How long `shutdown` waits for requests in flight before it closes their
    /// connections.
    public var shutdownGracePeriod: Duration
    /// The number of event-loop threads; each serves its share of the connections.
    public var eventLoopCount: Int
    /// Builds the response to a request the server rejects itself before calling the
    /// responder: 400, 408, 413, 417, 431, 501 or 505. It receives the status, a short
    /// explanation in English, and the request target when the request line was read
    /// (nil otherwise). The server adds `Connection: close` and closes after sending it.
    /// Called on an event-loop thread, so it must be quick and must not block.
    public var errorResponse: @Sendable (_ status: Int, _ message: String,
                                         _ target: String?) -> HTTPResponse

    public init(host: String = "127.0.0.1", port: Int = 8443, tls: TLSConfiguration? = nil,
                maxBodySize: Int = 4 * 1024 * 1024, maxHeaderSize: Int = 16 * 1024,
                requestTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
                shutdownGracePeriod: Duration = .seconds(10),
                eventLoopCount: Int = ServerConfiguration.defaultEventLoopCount,
                errorResponse: @escaping @Sendable (_ status: Int, _ message: String,
                                                    _ target: String?) -> HTTPResponse
                    = ServerConfiguration.plainTextErrorResponse) {
        self.host = host
        self.port = port
        self.tls = tls
        self.maxBodySize = maxBodySize
        self.maxHeaderSize = maxHeaderSize
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.eventLoopCount = eventLoopCount
        self.errorResponse = errorResponse
    }

    /// Builds the default `errorResponse`, which sends the message as a line of UTF-8 text.
    public static func plainTextErrorResponse(status: Int, message: String,
                                              target: String?) -> HTTPResponse {
        HTTPResponse(status: status,
                     headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                     body: Array((message + "\n").utf8))
    }

    /// Checks that every limit and timeout can work.
    /// - Throws: `ServerConfigurationError` naming the first invalid setting and its value.
    public func validate() throws(ServerConfigurationError) {
        func reject(_ setting: String, _ value: Any, _ rule: String) -> ServerConfigurationError {
            ServerConfigurationError(message: "invalid \(setting) \(value): \(rule)")
        }
        guard (0...65535).contains(port) else { throw reject("port", port, "use 0 to 65535") }
        guard maxBodySize >= 0 else {
            throw reject("maxBodySize", maxBodySize, "use 0 or more bytes")
        }
        guard maxHeaderSize >= 64 else {
            throw reject("maxHeaderSize", maxHeaderSize, "use at least 64 bytes")
        }
        for (setting, value) in [("requestTimeout", requestTimeout),
                                 ("idleTimeout", idleTimeout),
                                 ("shutdownGracePeriod", shutdownGracePeriod)]
        where value <= .zero {
            throw reject(setting, value, "use a positive duration")
        }
        guard (1...64).contains(eventLoopCount) else {
            throw reject("eventLoopCount", eventLoopCount, "use 1 to 64")
        }
    }

    /// One loop per processor the process may run on, at most four. A server pinned to
    /// one core with `taskset` gets one loop, because a second would only add switches.
    public static var defaultEventLoopCount: Int {
        let allowed = Int(memset_allowed_cpu_count())
        let count = allowed > 0 ? allowed : sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return min(max(count, 1), 4)
    }
}

/// A setting of `ServerConfiguration` that cannot work.
public struct ServerConfigurationError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public var description: String { message }
}

/// Receives the errors the server catches and handles itself: failed accepts, failed TLS
/// handshakes, rejected requests. It never receives request contents.
public struct TransportLog: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case debug, info, error

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private let sink: @Sendable (Level, String) -> Void

    public init(_ sink: @escaping @Sendable (Level, String) -> Void) {
        self.sink = sink
    }

    /// A log that drops every message.
    public static let discarding = TransportLog { _, _ in }

    func callAsFunction(_ level: Level, _ message: @autoclosure () -> String) {
        sink(level, message())
    }
}
