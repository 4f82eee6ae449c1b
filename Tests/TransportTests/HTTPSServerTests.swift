import Glibc
import Testing
@testable import Transport

/// The server over TLS, with a certificate from a fresh local certificate authority.
@Suite struct HTTPSServerTests {
    let directory = TemporaryDirectory()
    let files: LocalCertificateAuthority.Files

    init() throws {
        files = try LocalCertificateAuthority(directory: directory.path).prepare()
    }

    func configuration(host: String = "127.0.0.1") -> ServerConfiguration {
        testConfiguration(host: host, tls: files.tlsConfiguration)
    }

    @Test func keepAliveWorksOverTLS() throws {
        try withServer(configuration()) { port in
            let client = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            for index in 0..<3 {
                try client.send("GET /\(index) HTTP/1.1\r\nHost: localhost\r\n\r\n")
                #expect(try client.readResponse().text == "GET /\(index)")
            }
        }
    }

    @Test func pipeliningWorksOverTLS() throws {
        try withServer(configuration()) { port in
            let client = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            try client.send((0..<20).map { "GET /\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
            for index in 0..<20 {
                #expect(try client.readResponse().text == "GET /\(index)")
            }
        }
    }

    @Test func largeBodyCrossesTLSRecords() throws {
        var configuration = configuration()
        configuration.maxBodySize = 1024 * 1024
        try withServer(configuration) { port in
            let client = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            let body = String(repeating: "0123456789", count: 50_000)
            try client.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)"
                            + "\r\n\r\n\(body)")
            let response = try client.readResponse()
            #expect(response.body.count == "POST /big ".utf8.count + body.utf8.count)
        }
    }

    @Test func expectContinueWorksOverTLS() throws {
        try withServer(configuration()) { port in
            let client = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            try client.send("PUT /u HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                            + "Expect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            try client.send("hi")
            #expect(try client.readResponse().text == "PUT /u hi")
        }
    }

    @Test func rejectionOverTLSLeavesOthersServed() throws {
        try withServer(configuration()) { port in
            let bystander = try TestClient(port: port,
                                           certificateAuthority: files.certificateAuthorityPath)
            let client = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n")
            #expect(try client.readResponse().status == 413)
            try bystander.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try bystander.readResponse().text == "GET /ok")
        }
    }

    @Test func stalledRequestOverTLSGets408() throws {
        try withServer(configuration()) { port in
            let client = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            try client.send("GET / HTTP/1.1\r\n")
            #expect(try client.readResponse().status == 408)
        }
    }

    @Test func shutdownFinishesResponseOverTLS() throws {
        let server = HTTPServer(configuration: configuration(),
                                responder: DelayedResponder(delayMilliseconds: 200))
        let port = try server.start().port
        let client = try TestClient(port: port,
                                    certificateAuthority: files.certificateAuthorityPath)
        try client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)
        server.shutdown()
        let response = try client.readResponse()
        #expect(response.text == "slow /slow")
        #expect(response.header("Connection") == "close")
    }

    @Test func tlsWorksOnIPv6Loopback() throws {
        try withServer(configuration(host: "::1")) { port in
            let client = try TestClient(host: "::1", port: port,
                                        certificateAuthority: files.certificateAuthorityPath,
                                        serverName: "::1")
            try client.send("GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func plainHTTPToTLSPortGets400() throws {
        let recorder = LogRecorder()
        try withServer(configuration(), log: recorder.log) { port in
            let client = try TestClient(port: port)
            try client.send("GET /v1/json/x?a=1 HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(response.header("Connection") == "close")
            #expect(response.text
                    == "This port expects HTTPS: use https://localhost:\(port)/v1/json/x?a=1\n")
            #expect(try client.isClosedByServer())

            let secure = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            try secure.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try secure.readResponse().status == 200)
        }
        #expect(recorder.recorded.contains { $0.contains("plain HTTP from 127.0.0.1") })
    }

    @Test func malformedPlainHTTPToTLSPortGets400() throws {
        try withServer(configuration()) { port in
            let client = try TestClient(port: port)
            try client.send("HELLO\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.text == "This port expects HTTPS: use https://\n")
        }
    }

    @Test func binaryGarbageToTLSPortIsDropped() throws {
        let recorder = LogRecorder()
        try withServer(configuration(), log: recorder.log) { port in
            let client = try TestClient(port: port)
            try client.send([0x16, 0x03, 0x01, 0x00, 0x02, 0xFF, 0xFF])
            #expect(try client.isClosedByServer())
        }
        #expect(recorder.recorded.contains { $0.contains("TLS handshake") })
    }

    @Test func tls12And13AreNegotiated() throws {
        try withServer(configuration()) { port in
            let modern = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            #expect(modern.negotiatedProtocol == "TLSv1.3")
            let status = runShell("echo | openssl s_client -connect 127.0.0.1:\(port) -tls1_2 "
                                  + "-CAfile '\(files.certificateAuthorityPath)' "
                                  + "-verify_return_error > /dev/null 2>&1")
            #expect(status == 0)
            let old = runShell("echo | openssl s_client -connect 127.0.0.1:\(port) -tls1_1 "
                               + "> /dev/null 2>&1")
            #expect(old != 0)
        }
    }

    @Test func pythonAndCurlTrustTheLocalAuthority() throws {
        try withServer(configuration()) { port in
            let curl = runShell("curl -sf --cacert '\(files.certificateAuthorityPath)' "
                                + "https://localhost:\(port)/curl > /dev/null")
            #expect(curl == 0)
            // --resolve keeps the request on loopback while curl checks the name.
            let apiHost = runShell("curl -sf --cacert '\(files.certificateAuthorityPath)' "
                                   + "--resolve api.memset.com:\(port):127.0.0.1 "
                                   + "https://api.memset.com:\(port)/curl > /dev/null")
            #expect(apiHost == 0)
            let script = """
                import ssl, urllib.request
                context = ssl.create_default_context(cafile='\(files.certificateAuthorityPath)')
                context.verify_flags |= ssl.VERIFY_X509_STRICT
                for host in ('localhost', '127.0.0.1'):
                    url = 'https://%s:\(port)/py' % host
                    assert urllib.request.urlopen(url, context=context).read() == b'GET /py'
                """
            let path = directory.file("client.py")
            let file = try #require(fopen(path, "w"))
            fputs(script, file)
            fclose(file)
            #expect(runShell("python3 '\(path)'") == 0)
        }
    }
}
