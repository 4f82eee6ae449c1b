/// An incremental, strict HTTP/1.1 request parser (RFC 9112).
///
/// Feed it bytes as they arrive with `append(_:)` and call `nextEvent()` until it returns
/// `.needMoreData`. It yields one request at a time, so pipelined requests come out in
/// order. After an error it stays failed, so the connection must send the error and close.
public struct HTTPRequestParser: Sendable {
    /// An outcome of `nextEvent()`.
    public enum Event: Sendable {
        /// A complete request with its de-chunked body. `keepAlive` is false when the
        /// connection must close after the response.
        case request(HTTPRequest, keepAlive: Bool)
        /// The request head contains `Expect: 100-continue` and its body has not started,
        /// so the server should send `100 Continue`, then keep calling `nextEvent()`.
        case continueExpected
        /// The buffered bytes end inside a request.
        case needMoreData
        case error(HTTPParserError)
    }

    /// The maximum length of a chunk-size line, extensions included.
    static let maxChunkLineSize = 4096

    let maxHeaderSize: Int
    let maxBodySize: Int

    /// Received bytes; those before `start` are consumed.
    var buffer: [UInt8] = []
    var start = 0
    var state = State.head
    /// The index where the search for the end of the head resumes, and the start of the
    /// current line.
    var scanIndex = 0
    var lineStart = 0
    var pending: PendingRequest?
    /// The target from the request line of a head that failed after that line was read.
    var failedHeadTarget: String?

    enum State: Sendable {
        case head
        case fixedBody(length: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(size: Int)
        case failed(HTTPParserError)
    }

    /// A request whose head is parsed and whose body is still arriving.
    struct PendingRequest: Sendable {
        var request: HTTPRequest
        var keepAlive: Bool
        var expectsContinue: Bool
    }

    /// - Parameters:
    ///   - maxHeaderSize: The limit in bytes for the request line and header fields
    ///     together, and for the trailer fields of a chunked body.
    ///   - maxBodySize: The limit in bytes for a body, after de-chunking.
    public init(maxHeaderSize: Int = 16 * 1024, maxBodySize: Int = 4 * 1024 * 1024) {
        precondition(maxHeaderSize > 0 && maxBodySize >= 0, "limits must be positive")
        self.maxHeaderSize = maxHeaderSize
        self.maxBodySize = maxBodySize
    }

    /// True when no byte of a further request has arrived.
    public var isAtRequestBoundary: Bool {
        if case .head = state, pending == nil { return start == buffer.count }
        return false
    }

    /// The target of the request being read, once its request line is parsed, so an error
    /// response can name it. Nil between requests and when the request line is invalid.
    public var currentTarget: String? {
        pending?.request.target ?? failedHeadTarget
    }

    /// The bytes received but not yet consumed by a returned event.
    public var bufferedByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Parses as far as the buffered bytes allow and returns what it found.
    public mutating func nextEvent() -> Event {
        let event = parse()
        if case .error(let error) = event {
            state = .failed(error)
        }
        compactBuffer()
        return event
    }

    private mutating func parse() -> Event {
        while true {
            switch state {
            case .failed(let error):
                return .error(error)
            case .head:
                switch scanHead() {
                case .needMoreData: return .needMoreData
                case .error(let error): return .error(error)
                case .head(let end):
                    let event = beginRequest(headEnd: end)
                    if case .needMoreData = event { continue }
                    return event
                }
            case .fixedBody(let length):
                guard buffer.count - start >= length else { return .needMoreData }
                pending?.request.body = Array(buffer[start..<start + length])
                start += length
                return finishRequest()
            case .chunkSize:
                if let event = parseChunkSize() { return event }
            case .chunkData(let remaining):
                let available = min(remaining, buffer.count - start)
                guard available > 0 else { return .needMoreData }
                pending?.request.body.append(contentsOf: buffer[start..<start + available])
                start += available
                state = remaining == available ? .chunkDataEnd : .chunkData(
                    remaining: remaining - available)
            case .chunkDataEnd:
                guard buffer.count - start >= 2 else { return .needMoreData }
                guard buffer[start] == ascii.cr, buffer[start + 1] == ascii.lf else {
                    return .error(.invalidChunk)
                }
                start += 2
                state = .chunkSize
            case .trailers(let size):
                return skipTrailers(sizeSoFar: size)
            }
        }
    }

    /// Starts the request whose head ends at `headEnd`, just past its final CRLF CRLF.
    /// Returns `.needMoreData` when the caller should go on parsing its body.
    private mutating func beginRequest(headEnd: Int) -> Event {
        let head: ParsedHead
        switch parseHead(start..<headEnd) {
        case .success(let parsed): head = parsed
        case .failure(let error, let target):
            failedHeadTarget = target
            return .error(error)
        }
        start = headEnd
        scanIndex = headEnd
        lineStart = headEnd

        pending = PendingRequest(request: head.request, keepAlive: head.keepAlive,
                                 expectsContinue: head.expectsContinue)
        switch head.framing {
        case .length(0):
            return finishRequest()
        case .length(let length):
            state = .fixedBody(length: length)
        case .chunked:
            state = .chunkSize
        }
        if head.expectsContinue && buffer.count == start {
            return .continueExpected
        }
        return .needMoreData
    }

    mutating func finishRequest() -> Event {
        guard let finished = pending else {
            preconditionFailure("a request finished without a parsed head")
        }
        pending = nil
        state = .head
        scanIndex = start
        lineStart = start
        return .request(finished.request, keepAlive: finished.keepAlive)
    }

    /// Drops consumed bytes once they are many, or all of the buffer.
    private mutating func compactBuffer() {
        guard start > 0 else { return }
        if start == buffer.count {
            // Keep a buffer sized for ordinary requests, but free one that a large body grew.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
        } else if start >= 16 * 1024 && start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
        } else {
            return
        }
        scanIndex -= start
        lineStart -= start
        start = 0
    }
}

/// ASCII code points the parser tests against.
enum ascii {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
}
