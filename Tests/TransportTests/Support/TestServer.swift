import Dispatch
import Synchronization
@testable import Transport

/// Responds 200 with "METHOD target" and the request body, so tests see what arrived.
struct EchoResponder: HTTPResponder {
    func respond(to request: HTTPRequest,
                 completion: @escaping @Sendable (HTTPResponse) -> Void) {
        var body = Array("\(request.method) \(request.target)".utf8)
        if !request.body.isEmpty {
            body.append(contentsOf: " ".utf8)
            body.append(contentsOf: request.body)
        }
        completion(HTTPResponse(status: 200, headers: HTTPHeaders([("X-Echo", "yes")]),
                                body: body))
    }
}

/// Responds after a delay, from another thread, as a responder with slow work would.
struct DelayedResponder: HTTPResponder {
    var delayMilliseconds: Int

    func respond(to request: HTTPRequest,
                 completion: @escaping @Sendable (HTTPResponse) -> Void) {
        let target = request.target
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(delayMilliseconds)) {
            completion(HTTPResponse(status: 200, body: Array("slow \(target)".utf8)))
        }
    }
}

/// Collects log messages.
final class LogRecorder: Sendable {
    private let messages = Mutex<[String]>([])

    var log: TransportLog {
        TransportLog { [self] _, message in messages.withLock { $0.append(message) } }
    }

    var recorded: [String] { messages.withLock { $0 } }
}

/// A configuration for tests: any free port on loopback and short timeouts.
func testConfiguration(host: String = "127.0.0.1", tls: TLSConfiguration? = nil)
    -> ServerConfiguration {
    var configuration = ServerConfiguration(host: host, port: 0, tls: tls)
    configuration.requestTimeout = .milliseconds(300)
    configuration.idleTimeout = .seconds(5)
    configuration.shutdownGracePeriod = .seconds(2)
    configuration.maxBodySize = 1024
    configuration.eventLoopCount = 2
    return configuration
}

/// Starts a server, runs `body` with its port, and shuts the server down.
func withServer<T>(_ configuration: ServerConfiguration = testConfiguration(),
                   responder: any HTTPResponder = EchoResponder(),
                   log: TransportLog = .discarding,
                   _ body: (Int) throws -> T) throws -> T {
    let server = HTTPServer(configuration: configuration, responder: responder, log: log)
    let address = try server.start()
    defer { server.shutdown() }
    return try body(address.port)
}
