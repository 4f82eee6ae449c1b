import Glibc
import Testing
@testable import Transport

/// The configuration's `errorResponse` shapes every rejection the server sends itself.
@Suite struct HTTPServerErrorResponseTests {
    /// Makes a configuration whose error bodies are `status|message|target`, typed as JSON.
    func customConfiguration() -> ServerConfiguration {
        var configuration = testConfiguration()
        configuration.errorResponse = { status, message, target in
            HTTPResponse(status: status,
                         headers: HTTPHeaders([("Content-Type", "application/json")]),
                         body: Array("\(status)|\(message)|\(target ?? "none")".utf8))
        }
        return configuration
    }

    func rejection(_ request: String) throws -> TestClient.Response {
        try withServer(customConfiguration()) { port in
            let client = try TestClient(port: port)
            try client.send(request)
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByServer())
            return response
        }
    }

    @Test func oversizedBodyUsesHookWithTarget() throws {
        let response = try rejection("POST /upload?x=1 HTTP/1.1\r\nHost: x\r\n"
                                     + "Content-Length: 5000\r\n\r\n")
        #expect(response.status == 413)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.text == "413|request body exceeds 1024 bytes|/upload?x=1")
    }

    @Test func invalidRequestLineUsesHookWithoutTarget() throws {
        let response = try rejection("GET\r\nHost: x\r\n\r\n")
        #expect(response.status == 400)
        #expect(response.text == "400|invalid request line|none")
    }

    @Test func unsupportedVersionUsesHookWithTarget() throws {
        let response = try rejection("GET /v HTTP/2.0\r\nHost: x\r\n\r\n")
        #expect(response.status == 505)
        #expect(response.text.hasPrefix("505|"))
        #expect(response.text.hasSuffix("|/v"))
    }

    @Test func invalidChunkUsesHookWithTarget() throws {
        let response = try rejection("POST /chunks HTTP/1.1\r\nHost: x\r\n"
                                     + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")
        #expect(response.status == 400)
        #expect(response.text == "400|invalid chunked body|/chunks")
    }

    @Test func timeoutUsesHook() throws {
        try withServer(customConfiguration()) { port in
            let client = try TestClient(port: port)
            try client.send("GET /slow HTTP/1.1\r\n")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.text == "408|request timed out|none")
        }
    }

    @Test func defaultIsPlainText() {
        let response = ServerConfiguration().errorResponse(431, "too large", "/x")
        #expect(response.status == 431)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.body == Array("too large\n".utf8))
    }
}
