import CLinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// One client connection, owned by its event loop and touched only on the loop's thread.
///
/// It serves one request at a time. While a response is pending it stops parsing, so
/// pipelined requests get their responses in order.
final class Connection {
    enum Phase {
        /// Waiting for, or parsing, the next request.
        case reading
        /// The responder has the current request.
        case responding
        /// Writing the last response; the connection closes after it.
        case closing
        /// The last response is written and the write side shut; reading and dropping
        /// input until the client closes or `lingerTimeout` passes.
        case lingering
        case closed
    }

    /// Stop reading while this many response bytes wait for the client, so a client that
    /// pipelines without reading cannot grow the output without bound.
    static let outputHighWater = 1024 * 1024

    let descriptor: Int32
    let id: UInt64
    let remoteAddress: String
    /// The TLS session, or nil for plain HTTP. Dropped when the client turns out to speak
    /// plain HTTP to the TLS port.
    var tls: TLSConnection?
    /// False until the first byte of a TLS connection is seen and judged.
    var checkedFirstByte = false
    /// True once a client sent plain HTTP to the TLS port. Its request is then read as
    /// plain text only to send a 400 that names the https URL.
    var receivesPlainHTTP = false
    unowned let loop: EventLoop
    var parser: HTTPRequestParser
    var output: [UInt8] = []
    var outputOffset = 0
    private(set) var phase = Phase.reading
    private var requestNumber: UInt64 = 0
    private var isHeadRequest = false
    private var keepAlive = true
    private var minorVersion = 1
    /// True while `run()` is on the stack, so a response completed inside `respond` is
    /// picked up by the loop in `processRequests()` rather than by a nested `run()`.
    private var isRunning = false
    var peerClosed = false
    var tlsReadWantsWrite = false
    var tlsWriteWantsRead = false
    var registeredEvents = UInt32(EPOLLIN.rawValue)
    /// Monotonic nanoseconds: when the current request's first byte arrived (0 when none
    /// has), and when the connection last read or wrote anything.
    private var requestStartedAt: UInt64 = 0
    var lastActivity: UInt64
    private var lingerDeadline: UInt64 = 0

    init(descriptor: Int32, id: UInt64, remoteAddress: String, tls: TLSConnection?,
         loop: EventLoop) {
        self.descriptor = descriptor
        self.id = id
        self.remoteAddress = remoteAddress
        self.tls = tls
        self.loop = loop
        parser = HTTPRequestParser(maxHeaderSize: loop.context.maxHeaderSize,
                                   maxBodySize: loop.context.maxBodySize)
        lastActivity = loop.now
    }

    var hasPendingOutput: Bool { outputOffset < output.count }

    // MARK: - Events

    func handle(events: UInt32) {
        if events & UInt32(EPOLLERR.rawValue) != 0 {
            closeNow()
            return
        }
        if phase == .lingering {
            discardInput()
            return
        }
        if events & UInt32(EPOLLHUP.rawValue) != 0 && phase == .responding {
            closeNow()
            return
        }
        run()
    }

    /// Writes, reads, parses and responds as far as the socket allows, then updates what
    /// epoll reports.
    private func run() {
        isRunning = true
        defer { isRunning = false }
        if hasPendingOutput { flush() }
        // Requests pipelined behind an asynchronous response are already buffered.
        if phase == .reading && parser.bufferedByteCount > 0 { processRequests() }
        if phase == .reading && !peerClosed { readAndProcess() }
        if hasPendingOutput { flush() }
        guard phase != .closed else { return }

        if phase == .reading && (peerClosed || (loop.draining && isIdle)) {
            phase = .closing
        }
        if phase == .closing && !hasPendingOutput {
            if peerClosed {
                closeGracefully()
                return
            }
            beginLingering()
        }
        updateInterest()
    }

    private func readAndProcess() {
        while phase == .reading && !peerClosed
            && output.count - outputOffset < Self.outputHighWater {
            let result = readOnce()
            switch result {
            case .bytes(let count):
                lastActivity = loop.now
                parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count]))
                processRequests()
                if !mayHaveMoreInput(afterReading: count) { return }
            case .wantsRead:
                tlsReadWantsWrite = false
                return
            case .wantsWrite:
                tlsReadWantsWrite = true
                return
            case .closed:
                peerClosed = true
                return
            case .failed(let reason):
                reportReadFailure(reason)
                closeNow()
                return
            }
        }
    }

    private func processRequests() {
        while phase == .reading {
            switch parser.nextEvent() {
            case .needMoreData:
                if parser.isAtRequestBoundary {
                    requestStartedAt = 0
                } else if requestStartedAt == 0 {
                    requestStartedAt = loop.now
                }
                return
            case .continueExpected:
                HTTPResponseEncoder.encodeContinue(into: &output)
            case .request(let request, _) where receivesPlainHTTP:
                rejectPlainHTTP(request)
            case .error where receivesPlainHTTP:
                rejectPlainHTTP(nil)
            case .request(var request, let requestKeepAlive):
                requestStartedAt = 0
                request.remoteAddress = remoteAddress
                isHeadRequest = request.method == "HEAD"
                keepAlive = requestKeepAlive
                minorVersion = request.minorVersion
                requestNumber &+= 1
                phase = .responding
                let key = ResponseKey(descriptor: descriptor, connectionID: id,
                                      requestNumber: requestNumber)
                let loop = self.loop
                loop.context.responder.respond(to: request) { response in
                    loop.complete(response, for: key)
                }
            case .error(let error):
                loop.context.log(.info, "rejected a request from \(remoteAddress): "
                                    + "\(error.status) \(error.message)")
                sendErrorAndClose(status: error.status, message: error.message)
            }
        }
    }

    /// Encodes the responder's response to request `number`, and ignores any other.
    func finishResponse(_ response: HTTPResponse, requestNumber number: UInt64) {
        guard phase == .responding, number == requestNumber else { return }
        let keepsAlive = keepAlive && !loop.draining
        loop.encoder.encode(response, isHead: isHeadRequest, keepAlive: keepsAlive,
                            minorVersion: minorVersion, into: &output)
        phase = keepsAlive ? .reading : .closing
        if !isRunning { run() }
    }

    /// Sends the configuration's `errorResponse` for a request the server rejects itself.
    private func sendErrorAndClose(status: Int, message: String) {
        send(loop.context.errorResponse(status, message, parser.currentTarget))
    }

    /// Sends a plain-text 400 that points a client which sent plain HTTP to the TLS port
    /// at the https URL of its request, as far as it could be read.
    private func rejectPlainHTTP(_ request: HTTPRequest?) {
        let host = request?.headers["Host"] ?? ""
        let url = host.isEmpty ? "https://" : "https://\(host)\(request?.target ?? "/")"
        send(HTTPResponse(
            status: 400,
            headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
            body: Array("This port expects HTTPS: use \(url)\n".utf8)))
    }

    /// Encodes a last response; the connection closes once it is written.
    private func send(_ response: HTTPResponse) {
        loop.encoder.encode(response, isHead: false, keepAlive: false, minorVersion: 1,
                            into: &output)
        phase = .closing
    }

    // MARK: - Timeouts and closing

    /// True when nothing of a request is pending in either direction.
    private var isIdle: Bool {
        phase == .reading && parser.isAtRequestBoundary && !hasPendingOutput
    }

    /// Ends the connection for a server shutdown unless the responder has its request.
    /// Part of a request that has not reached the responder is dropped, so a slow or
    /// stalled client cannot hold the shutdown. A response still being written is
    /// finished first.
    func closeForShutdown() {
        guard phase == .reading else { return }
        if hasPendingOutput {
            phase = .closing
            run()
        } else {
            closeGracefully()
        }
    }

    /// Sends 408 for a request that is taking too long to arrive, closes an idle
    /// connection, and ends one that stopped reading its response.
    func checkTimeouts() {
        let now = loop.now
        let context = loop.context
        switch phase {
        case .reading where requestStartedAt != 0
            && now - requestStartedAt >= context.requestTimeout:
            context.log(.info, "request from \(remoteAddress) timed out")
            sendErrorAndClose(status: 408, message: "request timed out")
            run()
        case .reading where tls?.isEstablished == false
            && now - lastActivity >= context.requestTimeout:
            context.log(.debug, "TLS handshake with \(remoteAddress) timed out")
            closeNow()
        case .reading where isIdle:
            if now - lastActivity >= context.idleTimeout { closeGracefully() }
        case .reading, .closing:
            let limit = hasPendingOutput || !parser.isAtRequestBoundary
                ? context.requestTimeout : context.idleTimeout
            if now - lastActivity >= limit { closeNow() }
        case .lingering:
            if now >= lingerDeadline { closeNow() }
        case .responding, .closed:
            break
        }
    }

    /// Shuts the write side after the last response and drops further input for a while,
    /// so a client still sending its body reads the response instead of a reset.
    private func beginLingering() {
        tls?.shutdown()
        shutdown(descriptor, Int32(SHUT_WR))
        phase = .lingering
        lingerDeadline = loop.now + loop.context.lingerTimeout
        parser = HTTPRequestParser(maxHeaderSize: 1, maxBodySize: 0)
        output = []
        outputOffset = 0
        updateInterest()
    }

    private func discardInput() {
        while true {
            let count = read(descriptor, loop.readBuffer.baseAddress, loop.readBuffer.count)
            if count > 0 { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            if count < 0 && errno == EINTR { continue }
            closeNow()
            return
        }
    }

    /// Sends TLS close_notify, so the client sees an orderly end rather than a truncation,
    /// then closes. For a connection that has nothing left to send.
    func closeGracefully() {
        guard phase != .closed else { return }
        tls?.shutdown()
        closeNow()
    }

    func closeNow() {
        guard phase != .closed else { return }
        phase = .closed
        output = []
        outputOffset = 0
        close(descriptor)
        loop.remove(self)
    }
}
