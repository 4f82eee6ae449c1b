import Glibc
import Testing
@testable import Transport

/// The server ends TLS sessions with close_notify whenever it closes in an orderly way.
@Suite struct HTTPSCloseNotifyTests {
    let directory = TemporaryDirectory()
    let files: LocalCertificateAuthority.Files

    init() throws {
        files = try LocalCertificateAuthority(directory: directory.path).prepare()
    }

    func configuration() -> ServerConfiguration {
        testConfiguration(tls: files.tlsConfiguration)
    }

    /// Opens a TLS connection and completes one keep-alive request on it.
    func servedClient(port: Int) throws -> TestClient {
        let client = try TestClient(port: port,
                                    certificateAuthority: files.certificateAuthorityPath)
        try client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        return client
    }

    @Test func clientCloseNotifyIsReturned() throws {
        try withServer(configuration()) { port in
            let client = try servedClient(port: port)
            #expect(client.shutdownTLS())
        }
    }

    @Test func connectionCloseEndsWithCloseNotify() throws {
        try withServer(configuration()) { port in
            let client = try TestClient(port: port,
                                        certificateAuthority: files.certificateAuthorityPath)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "close")
            #expect(try client.receivesCloseNotify())
        }
    }

    @Test func idleTimeoutEndsWithCloseNotify() throws {
        var configuration = configuration()
        configuration.idleTimeout = .milliseconds(200)
        try withServer(configuration) { port in
            let client = try servedClient(port: port)
            #expect(try client.receivesCloseNotify())
        }
    }

    @Test func shutdownEndsIdleConnectionWithCloseNotify() throws {
        let server = HTTPServer(configuration: configuration(), responder: EchoResponder())
        let port = try server.start().port
        let client = try servedClient(port: port)
        server.shutdown()
        #expect(try client.receivesCloseNotify())
    }

    @Test func pythonUnwrapSucceeds() throws {
        try withServer(configuration()) { port in
            let script = """
                import socket, ssl
                context = ssl.create_default_context(cafile='\(files.certificateAuthorityPath)')
                context.verify_flags |= ssl.VERIFY_X509_STRICT
                raw = socket.create_connection(('127.0.0.1', \(port)), timeout=5)
                tls = context.wrap_socket(raw, server_hostname='localhost')
                tls.sendall(b'GET /py HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n')
                received = b''
                while not received.endswith(b'GET /py'):
                    received += tls.recv(4096)
                tls.unwrap().close()
                """
            let path = directory.file("unwrap.py")
            let file = try #require(fopen(path, "w"))
            fputs(script, file)
            fclose(file)
            #expect(runShell("python3 '\(path)'") == 0)
        }
    }
}
