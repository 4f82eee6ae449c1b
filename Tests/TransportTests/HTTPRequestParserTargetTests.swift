import Testing
@testable import Transport

/// Request targets in absolute form (RFC 9112 section 3.2.2).
@Suite struct HTTPRequestParserTargetTests {
    /// Parses one request and returns it, or records why it could not.
    func parseRequest(_ input: String) -> HTTPRequest? {
        var parser = HTTPRequestParser()
        parser.append(Array(input.utf8))
        switch parser.nextEvent() {
        case .request(let request, _):
            return request
        case let other:
            Issue.record("expected a request, got \(other)")
            return nil
        }
    }

    @Test(arguments: [
        ("https://127.0.0.1:8443/v1/json/internal.noop", "/v1/json/internal.noop"),
        ("http://localhost/a/b?c=d&e=f", "/a/b?c=d&e=f"),
        ("HTTPS://API.memset.com", "/"),
        ("http://localhost?x=1", "/?x=1"),
        ("http://[::1]:8443/p", "/p"),
    ])
    func absoluteTargetIsReducedToOriginForm(target: String, expected: String) {
        let items = parseBothWays("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(items == [.request(method: "GET", target: expected, body: "", keepAlive: true)])
    }

    @Test func authorityReplacesHost() throws {
        let parsed = parseRequest("GET https://127.0.0.1:8443/v1 HTTP/1.1\r\nHost: other\r\n"
                             + "X: y\r\n\r\n")
        let request = try #require(parsed)
        #expect(request.headers["Host"] == "127.0.0.1:8443")
        #expect(request.headers.fields.count == 2)
    }

    @Test func originFormKeepsHost() throws {
        let request = try #require(parseRequest("GET /v1?u=http://a HTTP/1.1\r\nHost: h:1\r\n\r\n"))
        #expect(request.target == "/v1?u=http://a")
        #expect(request.headers["Host"] == "h:1")
    }

    @Test func absoluteTargetStillNeedsHost() {
        #expect(parseBothWays("GET http://localhost/ HTTP/1.1\r\n\r\n") == [.error(.invalidHost)])
    }

    @Test(arguments: ["ftp://localhost/file", "http:///path", "https://user@localhost/",
                      "http:/localhost/", "mailto:someone"])
    func invalidAbsoluteTargetIsRejected(target: String) {
        let items = parseBothWays("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(items == [.error(.invalidTarget)])
        #expect(HTTPParserError.invalidTarget.status == 400)
    }
}
