import Dispatch
import Glibc
import Testing
@testable import Transport

@Suite struct HTTPServerTests {
    @Test func keepAliveServesSeveralRequests() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            for index in 0..<3 {
                try client.send("GET /item/\(index) HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "GET /item/\(index)")
                #expect(response.header("Connection") == nil)
            }
        }
    }

    @Test func responseCarriesServerFields() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Server") == "memset-mock")
            #expect(response.header("Content-Length") == "5")
            #expect(response.header("X-Echo") == "yes")
            let date = try #require(response.header("Date"))
            #expect(date.hasSuffix(" GMT"))
            #expect(date.count == 29)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer(responder: DelayedResponder(delayMilliseconds: 20)) { port in
            let client = try TestClient(port: port)
            let requests = (0..<5).map { "GET /\($0) HTTP/1.1\r\nHost: localhost\r\n\r\n" }
            try client.send(requests.joined())
            for index in 0..<5 {
                #expect(try client.readResponse().text == "slow /\(index)")
            }
        }
    }

    @Test func headResponseHasNoBody() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("HEAD /x HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            + "GET /y HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let head = try client.readResponse(isHead: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "7")
            #expect(try client.readResponse().text == "GET /y")
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        try withServer { port in
            let closing = try TestClient(port: port)
            try closing.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try closing.readResponse().header("Connection") == "close")
            #expect(try closing.isClosedByServer())

            let keeping = try TestClient(port: port)
            try keeping.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keeping.readResponse().header("Connection") == "keep-alive")
            try keeping.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keeping.readResponse().text == "GET /b")
        }
    }

    @Test func postBodyReachesResponder() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello")
            #expect(try client.readResponse().text == "POST /p hello")
            try client.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: x\r\n\r\n")
            #expect(try client.readResponse().text == "POST /c abcde")
        }
    }

    @Test func expectContinueGetsInterimResponse() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                            + "Expect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("abc")
            #expect(try client.readResponse().text == "POST /u abc")
        }
    }

    @Test func expectContinueIsSkippedForRejectedBody() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("POST /u HTTP/1.1\r\nHost: h\r\nContent-Length: 999999\r\n"
                            + "Expect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 413)
        }
    }

    @Test func serverListensOnIPv6Loopback() throws {
        try withServer(testConfiguration(host: "::1")) { port in
            let client = try TestClient(host: "::1", port: port)
            try client.send("GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func serverListensOnAllIPv4Addresses() throws {
        try withServer(testConfiguration(host: "0.0.0.0")) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func invalidHostIsRejected() throws {
        let server = HTTPServer(configuration: ServerConfiguration(host: "example", port: 0),
                                responder: EchoResponder())
        #expect(throws: SocketError.self) { try server.start() }
    }
}

@Suite struct ServerConfigurationTests {
    @Test func defaultsAreValid() throws {
        try ServerConfiguration().validate()
    }

    @Test(arguments: [
        (\ServerConfiguration.port, 70000, "invalid port 70000"),
        (\ServerConfiguration.maxBodySize, -1, "invalid maxBodySize -1"),
        (\ServerConfiguration.maxHeaderSize, 10, "invalid maxHeaderSize 10"),
        (\ServerConfiguration.eventLoopCount, 0, "invalid eventLoopCount 0"),
    ] as [(WritableKeyPath<ServerConfiguration, Int> & Sendable, Int, String)])
    func invalidSettingIsNamed(setting: WritableKeyPath<ServerConfiguration, Int> & Sendable,
                               value: Int, message: String) {
        var configuration = ServerConfiguration()
        configuration[keyPath: setting] = value
        #expect(throws: ServerConfigurationError.self) { try configuration.validate() }
        do {
            try configuration.validate()
        } catch {
            #expect(error.message.hasPrefix(message))
        }
    }

    @Test func zeroTimeoutIsRejected() {
        var configuration = ServerConfiguration()
        configuration.requestTimeout = .zero
        #expect(throws: ServerConfigurationError.self) { try configuration.validate() }
    }

    @Test func absoluteTargetReachesResponderAsPath() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("GET http://127.0.0.1:\(port)/v1/json/internal.noop?x=1 HTTP/1.1\r\n"
                            + "Host: 127.0.0.1:\(port)\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "GET /v1/json/internal.noop?x=1")
        }
    }
}
