import CLinuxSystem
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The settings and objects that every event loop of one server shares. Immutable.
final class ServerContext: Sendable {
    let responder: any HTTPResponder
    let tlsContext: TLSContext?
    let log: TransportLog
    let errorResponse: @Sendable (_ status: Int, _ message: String,
                                  _ target: String?) -> HTTPResponse
    let maxHeaderSize: Int
    let maxBodySize: Int
    /// Timeouts in nanoseconds.
    let requestTimeout: UInt64
    let idleTimeout: UInt64
    /// How long a closing connection reads and drops what the client still sends, so the
    /// client receives the final response rather than a reset.
    let lingerTimeout: UInt64

    init(configuration: ServerConfiguration, responder: any HTTPResponder,
         tlsContext: TLSContext?, log: TransportLog) {
        self.responder = responder
        self.tlsContext = tlsContext
        self.log = log
        errorResponse = configuration.errorResponse
        maxHeaderSize = configuration.maxHeaderSize
        maxBodySize = configuration.maxBodySize
        requestTimeout = nanoseconds(configuration.requestTimeout)
        idleTimeout = nanoseconds(configuration.idleTimeout)
        lingerTimeout = min(requestTimeout, 2_000_000_000)
    }
}

/// Identifies the request a response belongs to, so a late or repeated completion cannot
/// reach a later request or a new connection that reuses the descriptor.
struct ResponseKey: Sendable {
    var descriptor: Int32
    var connectionID: UInt64
    var requestNumber: UInt64
}

/// One thread running an epoll loop over its share of the connections.
///
/// `@unchecked Sendable`: `inbox` is guarded by its mutex and `threadID` is atomic. Every
/// other mutable property is touched only on the loop's own thread.
final class EventLoop: @unchecked Sendable {
    private static let listenerToken = UInt64.max
    private static let wakeToken = UInt64.max - 1
    private static let readBufferSize = 64 * 1024

    let context: ServerContext
    let drainStarted = DispatchSemaphore(value: 0)
    let exited = DispatchSemaphore(value: 0)

    private let epoll: Int32
    private let wakeDescriptor: Int32
    private let listener: Int32
    private let threadID = Atomic<UInt>(0)
    private let inbox = Mutex(Inbox())

    // Loop-thread state.
    private(set) var now: UInt64 = monotonicNanoseconds()
    private(set) var draining = false
    let readBuffer: UnsafeMutableRawBufferPointer
    var encoder = HTTPResponseEncoder()
    private var connections: [Connection?] = []
    private var connectionCount = 0
    private var nextConnectionID: UInt64 = 0
    private var listening = false
    private var acceptPausedUntil: UInt64 = 0
    private var lastAcceptErrorLog: UInt64 = 0
    private var drainSignalled = false

    private struct Inbox {
        var responses: [(ResponseKey, HTTPResponse)] = []
        var drainRequested = false
        var stopRequested = false
        var wakePending = false
        /// Set when the thread ends and the eventfd is closed, so late completions from a
        /// responder are dropped instead of written to a reused descriptor.
        var isClosed = false
    }

    init(context: ServerContext, listener: Int32) throws(SocketError) {
        self.context = context
        self.listener = listener
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw SocketError("cannot create an epoll instance") }
        wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeDescriptor >= 0 else {
            let error = SocketError("cannot create an eventfd")
            close(epoll)
            throw error
        }
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        register(wakeDescriptor, events: UInt32(EPOLLIN.rawValue), token: Self.wakeToken)
        listening = register(listener, events: UInt32(EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue),
                             token: Self.listenerToken)
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Starts the loop's thread.
    func start() throws(SocketError) {
        let retained = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<EventLoop>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, retained.toOpaque())
        guard result == 0 else {
            retained.release()
            throw SocketError("cannot start an event-loop thread", errorNumber: result)
        }
        pthread_detach(thread)
    }

    // MARK: - Calls from any thread

    /// Hands a response to the connection that asked for it. On the loop's thread it is
    /// written at once; from elsewhere it is queued and the loop woken.
    func complete(_ response: HTTPResponse, for key: ResponseKey) {
        if threadID.load(ordering: .acquiring) == UInt(pthread_self()) {
            deliver(response, for: key)
            return
        }
        post { $0.responses.append((key, response)) }
    }

    /// Stops accepting and closes each connection once its request in flight has its response.
    func requestDrain() {
        post { $0.drainRequested = true }
    }

    /// Closes every connection at once and ends the thread.
    func requestStop() {
        post { $0.stopRequested = true }
    }

    private func post(_ change: (inout Inbox) -> Void) {
        let needsWake = inbox.withLock { inbox in
            guard !inbox.isClosed else { return false }
            change(&inbox)
            defer { inbox.wakePending = true }
            return !inbox.wakePending
        }
        if needsWake {
            var increment: UInt64 = 1
            _ = write(wakeDescriptor, &increment, MemoryLayout<UInt64>.size)
        }
    }

    // MARK: - The loop

    private func run() {
        threadID.store(UInt(pthread_self()), ordering: .releasing)
        let sweepInterval = max(min(context.requestTimeout, context.idleTimeout,
                                    context.lingerTimeout) / 4, 5_000_000)
        let sweepMilliseconds = Int32(min(sweepInterval / 1_000_000, 250))
        var nextSweep = now + sweepInterval
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var stopping = false

        while !stopping {
            let count = epoll_wait(epoll, &events, Int32(events.count), sweepMilliseconds)
            now = monotonicNanoseconds()
            if count < 0 && errno != EINTR {
                context.log(.error, "\(SocketError("epoll_wait failed")); the event loop stops")
                break
            }
            for index in 0..<max(Int(count), 0) {
                stopping = handle(events[index]) || stopping
            }
            if acceptPausedUntil != 0 && now >= acceptPausedUntil && !draining {
                acceptPausedUntil = 0
                listening = register(listener, events: UInt32(EPOLLIN.rawValue
                    | EPOLLEXCLUSIVE.rawValue), token: Self.listenerToken)
            }
            if now >= nextSweep {
                sweep()
                nextSweep = now + sweepInterval
            }
            if draining && connectionCount == 0 { break }
        }

        for case let connection? in connections { connection.closeNow() }
        if !drainSignalled { drainStarted.signal() }
        inbox.withLock { inbox in
            inbox.isClosed = true
            inbox.responses = []
            close(wakeDescriptor)
        }
        close(epoll)
        exited.signal()
    }

    /// Handles one epoll event. Returns true when the loop must stop.
    private func handle(_ event: epoll_event) -> Bool {
        switch event.data.u64 {
        case Self.listenerToken:
            acceptConnections()
        case Self.wakeToken:
            return processInbox()
        default:
            let descriptor = Int(truncatingIfNeeded: event.data.u64)
            if descriptor < connections.count, let connection = connections[descriptor] {
                connection.handle(events: event.events)
            }
        }
        return false
    }

    private func processInbox() -> Bool {
        var counter: UInt64 = 0
        _ = read(wakeDescriptor, &counter, MemoryLayout<UInt64>.size)
        let (responses, drainRequested, stopRequested) = inbox.withLock { inbox in
            defer {
                inbox.responses.removeAll(keepingCapacity: true)
                inbox.wakePending = false
            }
            return (inbox.responses, inbox.drainRequested, inbox.stopRequested)
        }
        for (key, response) in responses {
            deliver(response, for: key)
        }
        if drainRequested && !draining { beginDrain() }
        return stopRequested
    }

    private func deliver(_ response: HTTPResponse, for key: ResponseKey) {
        let descriptor = Int(key.descriptor)
        guard descriptor < connections.count, let connection = connections[descriptor],
              connection.id == key.connectionID else { return }
        connection.finishResponse(response, requestNumber: key.requestNumber)
    }

    private func beginDrain() {
        draining = true
        if listening {
            epoll_ctl(epoll, EPOLL_CTL_DEL, listener, nil)
            listening = false
        }
        drainSignalled = true
        drainStarted.signal()
        for case let connection? in connections { connection.closeForShutdown() }
    }

    private func sweep() {
        for case let connection? in connections { connection.checkTimeouts() }
    }
}

// MARK: - Connections

extension EventLoop {
    private func acceptConnections() {
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let descriptor = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    memset_accept4(listener, $0, &length, Int32(SOCK_NONBLOCK.rawValue)
                                | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if descriptor < 0 {
                switch errno {
                case EAGAIN, EWOULDBLOCK: return
                case EINTR, ECONNABORTED, EPROTO: continue
                default:
                    logAcceptFailure(SocketError("accept failed"))
                    pauseAccepting()
                    return
                }
            }
            var enabled: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled,
                       socklen_t(MemoryLayout<Int32>.size))
            let address = SocketAddress(storage: storage).description
            addConnection(descriptor, remoteAddress: address)
        }
    }

    private func addConnection(_ descriptor: Int32, remoteAddress: String) {
        var tls: TLSConnection?
        if let tlsContext = context.tlsContext {
            do {
                tls = try TLSConnection(context: tlsContext, socket: descriptor)
            } catch {
                context.log(.error, "cannot start TLS with \(remoteAddress): \(error)")
                close(descriptor)
                return
            }
        }
        nextConnectionID += 1
        let connection = Connection(descriptor: descriptor, id: nextConnectionID,
                                    remoteAddress: remoteAddress, tls: tls, loop: self)
        guard register(descriptor, events: UInt32(EPOLLIN.rawValue),
                       token: UInt64(descriptor)) else {
            let error = SocketError("cannot watch the connection from \(remoteAddress)")
            context.log(.error, "\(error)")
            close(descriptor)
            return
        }
        let index = Int(descriptor)
        if index >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: index + 1 - connections.count))
        }
        connections[index] = connection
        connectionCount += 1
    }

    /// Forgets a connection whose descriptor was just closed.
    func remove(_ connection: Connection) {
        let index = Int(connection.descriptor)
        guard index < connections.count, connections[index] === connection else { return }
        connections[index] = nil
        connectionCount -= 1
    }

    /// Changes what epoll reports for a connection.
    func modify(_ descriptor: Int32, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(u64: UInt64(descriptor)))
        epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event)
    }

    @discardableResult
    private func register(_ descriptor: Int32, events: UInt32, token: UInt64) -> Bool {
        var event = epoll_event(events: events, data: epoll_data_t(u64: token))
        return epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0
    }

    /// Stops accepting for a moment after a failure such as running out of descriptors, so
    /// the level-triggered listener does not spin.
    private func pauseAccepting() {
        if listening {
            epoll_ctl(epoll, EPOLL_CTL_DEL, listener, nil)
            listening = false
        }
        acceptPausedUntil = now + 100_000_000
    }

    private func logAcceptFailure(_ error: SocketError) {
        guard now - lastAcceptErrorLog >= 1_000_000_000 || lastAcceptErrorLog == 0 else { return }
        lastAcceptErrorLog = now
        context.log(.error, "\(error); accepting resumes in 100 ms")
    }
}

func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func nanoseconds(_ duration: Duration) -> UInt64 {
    let (seconds, attoseconds) = duration.components
    guard seconds >= 0 else { return 0 }
    return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
}
