import Testing
@testable import Transport

@Suite struct HTTPRequestParserErrorTests {
    static let malformed: [(String, HTTPParserError)] = [
        ("GET /\r\nHost: x\r\n\r\n", .invalidRequestLine),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", .invalidRequestLine),
        ("GET / HTTP/1.1 \r\nHost: x\r\n\r\n", .invalidRequestLine),
        ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", .invalidRequestLine),
        ("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", .invalidRequestLine),
        ("GET / HTTQ/1.1\r\nHost: x\r\n\r\n", .invalidRequestLine),
        ("GET / HTTP/1.10\r\nHost: x\r\n\r\n", .invalidRequestLine),
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", .unsupportedVersion),
        ("GET / HTTP/1.1\nHost: x\r\n\r\n", .invalidLineEnding),
        ("GET / HTTP/1.1\r\nHost: x\n\r\n", .invalidLineEnding),
        ("GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", .invalidLineEnding),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n", .invalidLineEnding),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n", .obsoleteLineFolding),
        ("GET / HTTP/1.1\r\nHost: x\r\nX : a\r\n\r\n", .invalidHeaderField),
        ("GET / HTTP/1.1\r\nHost: x\r\nX(: a\r\n\r\n", .invalidHeaderField),
        ("GET / HTTP/1.1\r\nHost: x\r\n: a\r\n\r\n", .invalidHeaderField),
        ("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", .invalidHeaderField),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{0}b\r\n\r\n", .invalidHeaderField),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{7F}\r\n\r\n", .invalidHeaderField),
        ("GET / HTTP/1.1\r\n\r\n", .invalidHost),
        ("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", .invalidHost),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +1\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 1\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
         .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
         .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
         .invalidTransferEncoding),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
         .invalidTransferEncoding),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
         .invalidTransferEncoding),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
         .invalidTransferEncoding),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\r\n", .invalidTransferEncoding),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .invalidTransferEncoding),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
         .unsupportedTransferCoding("gzip")),
        ("POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n",
         .unsupportedExpectation("200-ok")),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZ\r\n", .invalidChunk),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .invalidChunk),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1x\r\n", .invalidChunk),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\n", .invalidChunk),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n",
         .invalidChunk),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n t\r\n\r\n",
         .obsoleteLineFolding),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: 1\n\r\n",
         .invalidLineEnding),
    ]

    @Test(arguments: malformed)
    func malformedRequestIsRejected(input: String, expected: HTTPParserError) {
        let items = parseBothWays(input)
        #expect(items.last == .error(expected), "input: \(input.debugDescription)")
    }

    @Test func errorsMapToStatus() {
        #expect(HTTPParserError.invalidRequestLine.status == 400)
        #expect(HTTPParserError.unsupportedVersion.status == 505)
        #expect(HTTPParserError.unsupportedTransferCoding("gzip").status == 501)
        #expect(HTTPParserError.unsupportedExpectation("x").status == 417)
        #expect(HTTPParserError.headersTooLarge(limit: 1).status == 431)
        #expect(HTTPParserError.bodyTooLarge(limit: 1).status == 413)
    }

    @Test func oversizedHeadIsRejected() {
        let input = "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 200)
        #expect(parseBothWays(input, maxHeaderSize: 100) == [.error(.headersTooLarge(limit: 100))])
    }

    @Test func completeHeadOverLimitIsRejected() {
        let input = "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 80)
            + "\r\n\r\n"
        #expect(parseBothWays(input, maxHeaderSize: 100) == [.error(.headersTooLarge(limit: 100))])
    }

    @Test func headAtLimitIsAccepted() {
        let prefix = "GET / HTTP/1.1\r\nHost: x\r\nX: "
        let padding = String(repeating: "a", count: 100 - prefix.utf8.count - 4)
        let items = parseBothWays(prefix + padding + "\r\n\r\n", maxHeaderSize: 100)
        #expect(items == [.request(method: "GET", target: "/", body: "", keepAlive: true)])
    }

    @Test func contentLengthOverLimitIsRejectedBeforeBody() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"
        #expect(parseBothWays(input, maxBodySize: 10) == [.error(.bodyTooLarge(limit: 10))])
    }

    @Test func hugeContentLengthIsTooLarge() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"
        #expect(parseBothWays(input) == [.error(.bodyTooLarge(limit: 1024))])
    }

    @Test func chunkedBodyOverLimitIsRejected() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\nabcdef\r\n5\r\nghijk\r\n"
        #expect(parseBothWays(input, maxBodySize: 10) == [.error(.bodyTooLarge(limit: 10))])
    }

    @Test func hugeChunkSizeIsTooLarge() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "FFFFFFFFFFFFFFFFFFFF\r\n"
        #expect(parseBothWays(input) == [.error(.bodyTooLarge(limit: 1024))])
    }

    @Test func oversizedTrailersAreRejected() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: "
            + String(repeating: "t", count: 200)
        #expect(parseBothWays(input, maxHeaderSize: 100) == [.error(.headersTooLarge(limit: 100))])
    }

    @Test func longChunkExtensionIsRejected() {
        let input = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;"
            + String(repeating: "e", count: 5000)
        #expect(parseBothWays(input) == [.error(.invalidChunk)])
    }
}
