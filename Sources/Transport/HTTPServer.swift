import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The address and port a started server listens on.
public struct BoundAddress: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// "127.0.0.1:8443" or "[::1]:8443".
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// An HTTP/1.1 server, over TLS when configured, that hands each request to a responder.
///
/// Call `start()` to listen, then either `runUntilSignalled()` or, later, `shutdown()`:
///
///     let server = HTTPServer(configuration: configuration, responder: responder)
///     let address = try server.start()
///     print("listening on \(address)")
///     server.runUntilSignalled()
///
/// `ServerConfiguration.eventLoopCount` threads each run an epoll loop over non-blocking
/// sockets, doing the reads, TLS, parsing and writes of their share of the connections.
public final class HTTPServer: Sendable {
    private let configuration: ServerConfiguration
    private let responder: any HTTPResponder
    private let log: TransportLog
    private let state = Mutex(State())

    private struct State {
        var loops: [EventLoop] = []
        var listener: Int32 = -1
        var address: BoundAddress?
        var isShutDown = false
    }

    /// - Parameters:
    ///   - responder: Receives every parsed request, on an event-loop thread.
    ///   - log: Receives the errors the server handles itself; see `TransportLog`.
    public init(configuration: ServerConfiguration, responder: any HTTPResponder,
                log: TransportLog = .discarding) {
        self.configuration = configuration
        self.responder = responder
        self.log = log
    }

    /// Loads the TLS certificate, binds, listens and starts the event loops.
    /// - Returns: The address listened on, with the port the system chose when the
    ///   configuration's port is 0.
    /// - Throws: `ServerConfigurationError` for an invalid setting, `TLSError` when the
    ///   certificate or key cannot be used, `SocketError` when the address is invalid or
    ///   cannot be bound.
    @discardableResult
    public func start() throws -> BoundAddress {
        try configuration.validate()
        // A client that closes early must not kill the process while OpenSSL writes.
        signal(SIGPIPE, SIG_IGN)
        raiseOpenFileLimit()

        let tlsContext = try configuration.tls.map { configuration throws(TLSError) in
            try TLSContext(configuration: configuration)
        }
        let context = ServerContext(configuration: configuration, responder: responder,
                                    tlsContext: tlsContext, log: log)
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        let listener = try makeListeningSocket(address, backlog: 4096)
        let bound: SocketAddress
        var loops: [EventLoop] = []
        do {
            bound = try localAddress(of: listener)
            for _ in 0..<configuration.eventLoopCount {
                let loop = try EventLoop(context: context, listener: listener)
                try loop.start()
                loops.append(loop)
            }
        } catch {
            stop(loops)
            close(listener)
            throw error
        }

        let result = BoundAddress(host: bound.host, port: bound.port)
        let started = state.withLock { state in
            guard state.loops.isEmpty && !state.isShutDown else { return false }
            state.loops = loops
            state.listener = listener
            state.address = result
            return true
        }
        guard started else {
            stop(loops)
            close(listener)
            preconditionFailure("HTTPServer.start() called twice or after shutdown()")
        }
        return result
    }

    /// The address listened on, or nil before `start()`.
    public var address: BoundAddress? {
        state.withLock { $0.address }
    }

    /// Stops accepting, lets the requests the responder is handling finish within the
    /// configuration's `shutdownGracePeriod`, then closes every connection and returns.
    /// Connections with no request at the responder close at once, dropping any request
    /// still arriving. Calling it again does nothing.
    public func shutdown() {
        let (loops, listener) = state.withLock { state in
            defer {
                state.loops = []
                state.listener = -1
                state.isShutDown = true
            }
            return (state.loops, state.listener)
        }
        guard !loops.isEmpty else { return }

        for loop in loops { loop.requestDrain() }
        for loop in loops { loop.drainStarted.wait() }
        close(listener)

        let deadline = DispatchTime.now()
            + .nanoseconds(Int(clamping: nanoseconds(configuration.shutdownGracePeriod)))
        var unfinished: [EventLoop] = []
        for loop in loops where loop.exited.wait(timeout: deadline) == .timedOut {
            unfinished.append(loop)
        }
        if !unfinished.isEmpty {
            log(.error, "shutdown grace period ended; closing connections with requests in flight")
        }
        stop(unfinished)
    }

    private func stop(_ loops: [EventLoop]) {
        for loop in loops { loop.requestStop() }
        for loop in loops { loop.exited.wait() }
    }
}

// MARK: - Signals

extension HTTPServer {
    /// Blocks until one of `signals` arrives, then shuts down gracefully and returns the
    /// signal's number. The signals' default actions are replaced for good, so a second
    /// SIGINT during shutdown does not kill the process.
    ///
    /// A signal that arrives between `start()` and this call kills the process; create a
    /// `SignalWatcher` before `start()` and call `run(until:)` to avoid that.
    @discardableResult
    public func runUntilSignalled(_ signals: [Int32] = [SIGINT, SIGTERM]) -> Int32 {
        run(until: SignalWatcher(signals))
    }

    /// Blocks until `watcher` has seen a signal, then shuts down gracefully and returns the
    /// signal's number.
    @discardableResult
    public func run(until watcher: SignalWatcher) -> Int32 {
        let number = watcher.wait()
        shutdown()
        return number
    }
}

/// Catches signals from the moment it is created, so that a signal sent as soon as a
/// server prints that it is listening still leads to a graceful shutdown.
///
/// The signals' default actions are replaced for good, so a second SIGINT during shutdown
/// does not kill the process.
public final class SignalWatcher {
    private let received = ReceivedSignal()
    private let sources: [any DispatchSourceSignal]

    public init(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        let queue = DispatchQueue(label: "SignalWatcher")
        let received = self.received
        sources = signals.map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { received.record(signalNumber) }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Blocks until the first watched signal arrives, and returns its number.
    public func wait() -> Int32 {
        received.semaphore.wait()
        received.semaphore.signal()
        return received.number.load(ordering: .acquiring)
    }
}

/// The first signal a `SignalWatcher` saw.
private final class ReceivedSignal: Sendable {
    let number = Atomic<Int32>(0)
    let semaphore = DispatchSemaphore(value: 0)

    func record(_ signal: Int32) {
        let (exchanged, _) = number.compareExchange(expected: 0, desired: signal,
                                                    ordering: .acquiringAndReleasing)
        if exchanged { semaphore.signal() }
    }
}
