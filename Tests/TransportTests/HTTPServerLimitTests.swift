import Glibc
import Testing
@testable import Transport

/// Each rejection sends the right status and a short text, closes the offending
/// connection, and leaves the server serving everyone else.
@Suite struct HTTPServerLimitTests {
    /// Sends `request` on a new connection, expects `status` and a closed connection, then
    /// checks that a second connection opened before is still served.
    func expectRejection(_ request: String, status: Int,
                         configuration: ServerConfiguration = testConfiguration()) throws {
        try withServer(configuration) { port in
            let bystander = try TestClient(port: port)
            let client = try TestClient(port: port)
            try client.send(request)
            let response = try client.readResponse()
            #expect(response.status == status)
            #expect(response.header("Connection") == "close")
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(!response.body.isEmpty)
            #expect(try client.isClosedByServer())

            try bystander.send("GET /still HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try bystander.readResponse().text == "GET /still")
        }
    }

    @Test func oversizedBodyGets413() throws {
        try expectRejection("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n",
                            status: 413)
    }

    @Test func oversizedChunkedBodyGets413() throws {
        let chunk = String(repeating: "a", count: 600)
        try expectRejection("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n", status: 413)
    }

    @Test func oversizedHeadGets431() throws {
        let padding = String(repeating: "a", count: 17 * 1024)
        try expectRejection("GET / HTTP/1.1\r\nHost: x\r\nX: \(padding)\r\n\r\n", status: 431)
    }

    @Test func malformedRequestGets400() throws {
        try expectRejection("GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", status: 400)
    }

    @Test func unknownTransferCodingGets501() throws {
        try expectRejection("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: br, chunked\r\n\r\n",
                            status: 501)
    }

    @Test func stalledRequestGets408() throws {
        try expectRejection("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc",
                            status: 408)
    }

    @Test func stalledHeadGets408() throws {
        try expectRejection("GET / HTTP/1.1\r\nHost:", status: 408)
    }

    @Test func rejectionIsLogged() throws {
        let recorder = LogRecorder()
        try withServer(log: recorder.log) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/9.9\r\n\r\n")
            #expect(try client.readResponse().status == 505)
        }
        #expect(recorder.recorded.contains { $0.contains("505") })
    }

    @Test func idleConnectionIsClosedAfterIdleTimeout() throws {
        var configuration = testConfiguration()
        configuration.idleTimeout = .milliseconds(200)
        try withServer(configuration) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(try client.isClosedByServer())
        }
    }

    @Test func thousandIdleConnectionsDoNotBlockARequest() throws {
        var configuration = testConfiguration()
        configuration.requestTimeout = .seconds(10)
        try withServer(configuration) { port in
            var idle: [TestClient] = []
            for index in 0..<1000 {
                let client = try TestClient(port: port)
                // Half send nothing, half stop in the middle of a request head.
                if index % 2 == 1 { try client.send("GET / HTTP/1.1\r\nHo") }
                idle.append(client)
            }
            let client = try TestClient(port: port)
            try client.send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "GET /busy")

            try idle[999].send("st: x\r\n\r\n")
            #expect(try idle[999].readResponse().text == "GET /")
        }
    }
}
