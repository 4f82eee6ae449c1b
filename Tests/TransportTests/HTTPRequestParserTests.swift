import Testing
@testable import Transport

/// What the parser yielded, in a form tests can compare.
enum ParsedItem: Equatable, CustomStringConvertible {
    case request(method: String, target: String, body: String, keepAlive: Bool)
    case continueExpected
    case error(HTTPParserError)

    var description: String {
        switch self {
        case .request(let method, let target, let body, let keepAlive):
            "request(\(method) \(target) body=\(body) keepAlive=\(keepAlive))"
        case .continueExpected: "continueExpected"
        case .error(let error): "error(\(error))"
        }
    }
}

/// Feeds `input` to a parser, all at once or byte by byte, and collects every event
/// up to the first error.
func parse(_ input: String, byteByByte: Bool = false, maxHeaderSize: Int = 16 * 1024,
           maxBodySize: Int = 1024) -> [ParsedItem] {
    var parser = HTTPRequestParser(maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)
    var items: [ParsedItem] = []
    let bytes = Array(input.utf8)
    let pieces = byteByByte ? bytes.map { [$0] } : [bytes]
    for piece in pieces {
        parser.append(piece)
        while true {
            switch parser.nextEvent() {
            case .needMoreData:
                break
            case .continueExpected:
                items.append(.continueExpected)
                continue
            case .request(let request, let keepAlive):
                items.append(.request(method: request.method, target: request.target,
                                      body: String(decoding: request.body, as: UTF8.self),
                                      keepAlive: keepAlive))
                continue
            case .error(let error):
                items.append(.error(error))
                return items
            }
            break
        }
    }
    return items
}

/// Parses `input` both ways and expects the same events.
func parseBothWays(_ input: String, maxHeaderSize: Int = 16 * 1024,
                   maxBodySize: Int = 1024) -> [ParsedItem] {
    let whole = parse(input, maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)
    let split = parse(input, byteByByte: true, maxHeaderSize: maxHeaderSize,
                      maxBodySize: maxBodySize)
    #expect(whole == split, "byte-by-byte parsing differs")
    return whole
}

@Suite struct HTTPRequestParserTests {
    @Test func simpleGetIsParsed() {
        let items = parseBothWays("GET /a?b=c HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(items == [.request(method: "GET", target: "/a?b=c", body: "", keepAlive: true)])
    }

    @Test func headersAreKeptInOrder() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\nX-A:  one \r\nx-b:\ttwo\r\n\r\n".utf8))
        guard case .request(let request, _) = parser.nextEvent() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.headers.fields.map(\.name) == ["Host", "X-A", "x-b"])
        #expect(request.headers["x-a"] == "one")
        #expect(request.headers["X-B"] == "two")
        #expect(request.minorVersion == 1)
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let input = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /3 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"
            + "GET /4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        #expect(parseBothWays(input) == [
            .request(method: "GET", target: "/1", body: "", keepAlive: true),
            .request(method: "POST", target: "/2", body: "abc", keepAlive: true),
            .request(method: "POST", target: "/3", body: "z", keepAlive: true),
            .request(method: "GET", target: "/4", body: "", keepAlive: false),
        ])
    }

    @Test func leadingEmptyLinesAreIgnored() {
        #expect(parseBothWays("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n") == [
            .request(method: "GET", target: "/", body: "", keepAlive: true),
        ])
    }

    @Test func chunkedBodyIsDechunked() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\nA;name=\"v\"\r\n, world!!!\r\n0\r\nX-Trailer: 1\r\n\r\n"
        #expect(parseBothWays(input) == [
            .request(method: "POST", target: "/", body: "hello, world!!!", keepAlive: true),
        ])
    }

    @Test func http10KeepAliveNeedsHeader() {
        #expect(parseBothWays("GET / HTTP/1.0\r\n\r\n") == [
            .request(method: "GET", target: "/", body: "", keepAlive: false),
        ])
        #expect(parseBothWays("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") == [
            .request(method: "GET", target: "/", body: "", keepAlive: true),
        ])
    }

    @Test func expectContinueIsReportedBeforeBody() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n"
        var parser = HTTPRequestParser()
        parser.append(Array(head.utf8))
        guard case .continueExpected = parser.nextEvent() else {
            Issue.record("expected continueExpected")
            return
        }
        guard case .needMoreData = parser.nextEvent() else {
            Issue.record("expected needMoreData")
            return
        }
        parser.append(Array("ok".utf8))
        guard case .request(let request, _) = parser.nextEvent() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("ok".utf8))
    }

    @Test func expectContinueWithoutBodyIsNotReported() {
        #expect(parseBothWays("GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n") == [
            .request(method: "GET", target: "/", body: "", keepAlive: true),
        ])
    }

    @Test func parserStaysFailedAfterError() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        for _ in 0..<2 {
            guard case .error(.invalidRequestLine) = parser.nextEvent() else {
                Issue.record("expected invalidRequestLine")
                return
            }
        }
    }

    @Test func boundaryIsTrackedAcrossRequests() {
        var parser = HTTPRequestParser()
        #expect(parser.isAtRequestBoundary)
        parser.append(Array("GET / HTTP/1.1\r\nHo".utf8))
        _ = parser.nextEvent()
        #expect(!parser.isAtRequestBoundary)
        parser.append(Array("st: x\r\n\r\n".utf8))
        _ = parser.nextEvent()
        #expect(parser.isAtRequestBoundary)
    }
}
