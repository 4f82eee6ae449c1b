import API
import Dispatch
import Glibc
import Transport

/// Joins the HTTP server to the API: adapts each request, runs it, and logs one line.
///
/// NOTE: a read that returns a very large list, such as tens of thousands of zone
/// records, occupies its event loop while it runs, and other connections on that loop wait.
///
/// Requests that only read run on the server's event loop, which costs no thread
/// hand-off; requests that may write go to a queue, because a durable commit waits for the
/// disk and the event loop must keep serving other connections meanwhile.
struct APIResponder: HTTPResponder {
    let dispatcher: Dispatcher
    let log: Log
    let logsRequests: Bool
    private let writeQueue = DispatchQueue(label: "memset-mock.writes", attributes: .concurrent)

    init(dispatcher: Dispatcher, log: Log, logsRequests: Bool) {
        self.dispatcher = dispatcher
        self.log = log
        self.logsRequests = logsRequests
    }

    func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        let started = APIResponder.monotonicNanoseconds()
        let apiRequest = APIRequest(
            httpMethod: request.method, path: String(request.path), query: String(request.query),
            contentType: request.headers["Content-Type"],
            authorization: request.headers["Authorization"], body: request.body)

        let dispatcher = self.dispatcher
        let finish: @Sendable (APIResponse) -> Void = { [self] response in
            if logsRequests {
                logRequest(request, response, started: started)
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: response.contentType)
            for field in response.headers {
                headers.add(name: field.name, value: field.value)
            }
            completion(HTTPResponse(status: response.status, headers: headers,
                                    body: response.body))
        }

        if dispatcher.mayWrite(apiRequest) {
            writeQueue.async {
                finish(dispatcher.respond(to: apiRequest))
            }
        } else {
            finish(dispatcher.respond(to: apiRequest))
        }
    }

    /// One line per request: endpoint, API method, status, time, and the key's last four
    /// digits. A batch lists its methods, separated by commas. The path and method names
    /// come from the client, so they pass through `LogText.sanitized`.
    private func logRequest(_ request: HTTPRequest, _ response: APIResponse, started: UInt64) {
        let elapsed = Double(APIResponder.monotonicNanoseconds() - started) / 1_000_000
        let methods = LogText.sanitized(response.calls.map(\.method).joined(separator: ","),
                                        maxLength: 300)
        let faults = response.calls.compactMap { $0.fault?.name }
        let milliseconds = String(Double(Int(elapsed * 100)) / 100)
        log.info("request", [
            "http": "\(LogText.sanitized(request.method, maxLength: 20)) "
                + LogText.sanitized(request.path),
            "endpoint": response.endpoint.rawValue,
            "method": methods.isEmpty ? "-" : methods,
            "status": String(response.status),
            "ms": milliseconds,
            "key": response.redactedKey ?? "none",
            "error": faults.isEmpty ? "-" : faults.joined(separator: ","),
            "peer": request.remoteAddress,
        ])
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
