import COpenSSL
import Glibc
@testable import Transport

/// A blocking HTTP/1.1 client over plain TCP or TLS, for talking to a server under test.
final class TestClient {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let descriptor: Int32
    private var tlsContext: OpaquePointer?
    private var tls: OpaquePointer?
    private var received: [UInt8] = []

    /// Connects to `host:port`; with `certificateAuthority`, runs a TLS handshake that
    /// verifies the server against that CA file and the host name.
    init(host: String = "127.0.0.1", port: Int, certificateAuthority: String? = nil,
         serverName: String = "localhost", timeoutSeconds: Int = 5) throws {
        let address = try SocketAddress(host: host, port: port)
        descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed: \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout,
                   socklen_t(MemoryLayout<timeval>.size))
        var storage = address.storage
        let connected = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, address.length)
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect to \(host):\(port) failed: \(errno)")
        }
        if let certificateAuthority {
            try startTLS(certificateAuthority: certificateAuthority, serverName: serverName)
        }
    }

    deinit {
        if let tls { SSL_free(tls) }
        if let tlsContext { SSL_CTX_free(tlsContext) }
        close(descriptor)
    }

    private func startTLS(certificateAuthority: String, serverName: String) throws {
        tlsContext = SSL_CTX_new(TLS_client_method())
        guard let tlsContext,
              SSL_CTX_load_verify_locations(tlsContext, certificateAuthority, nil) == 1
        else { throw Failure(description: "cannot load \(certificateAuthority)") }
        SSL_CTX_set_verify(tlsContext, SSL_VERIFY_PEER, nil)
        tls = SSL_new(tlsContext)
        guard let tls else { throw Failure(description: "SSL_new failed") }
        SSL_set_fd(tls, descriptor)
        SSL_set1_host(tls, serverName)
        guard SSL_connect(tls) == 1 else {
            throw Failure(description: "TLS handshake failed: "
                          + drainOpenSSLErrors().joined(separator: "; "))
        }
    }

    var negotiatedProtocol: String {
        tls.map { String(cString: SSL_get_version($0)) } ?? "none"
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                let start = raw.baseAddress! + offset
                if let tls { return Int(SSL_write(tls, start, Int32(raw.count - offset))) }
                return Glibc.send(descriptor, start, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw Failure(description: "send failed: \(errno)") }
            offset += count
        }
    }

    /// Reads once; returns false at end of stream or on a reset.
    private func receiveMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { raw in
            if let tls { return Int(SSL_read(tls, raw.baseAddress, Int32(raw.count))) }
            return recv(descriptor, raw.baseAddress, raw.count, 0)
        }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
            throw Failure(description: "timed out waiting for the server")
        }
        guard count > 0 else { return false }
        received.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads one response. A HEAD response has no body, whatever its Content-Length.
    func readResponse(isHead: Bool = false) throws -> Response {
        var headEnd: Int?
        while true {
            headEnd = find([13, 10, 13, 10], in: received)
            if headEnd != nil { break }
            guard try receiveMore() else {
                throw Failure(description: "connection closed before a response")
            }
        }
        let head = String(decoding: received[0..<headEnd!], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ")
        let status = Int(statusLine[1]) ?? -1
        let headers = lines.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1
                    ? String(parts[1].drop { $0 == " " }) : "")
        }
        received.removeFirst(headEnd! + 4)
        var response = Response(status: status, headers: headers, body: [])
        let length = isHead ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        while received.count < length {
            guard try receiveMore() else { throw Failure(description: "body cut short") }
        }
        response.body = Array(received[0..<length])
        received.removeFirst(length)
        return response
    }

    /// Reads on until the TLS session ends. Returns true when the server ended it with
    /// close_notify, false when the stream just stopped.
    func receivesCloseNotify() throws -> Bool {
        guard let tls, received.isEmpty else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = SSL_read(tls, &chunk, Int32(chunk.count))
            if count > 0 { continue }
            let error = SSL_get_error(tls, count)
            if error == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK) {
                throw Failure(description: "timed out waiting for the server")
            }
            ERR_clear_error()
            return error == SSL_ERROR_ZERO_RETURN
        }
    }

    /// Sends close_notify and waits for the server's. Returns true when it arrived.
    func shutdownTLS() -> Bool {
        guard let tls else { return false }
        var result = SSL_shutdown(tls)
        if result == 0 { result = SSL_shutdown(tls) }
        ERR_clear_error()
        return result == 1
    }

    /// True when the server closed the connection (end of stream or reset) with nothing
    /// more to read.
    func isClosedByServer() throws -> Bool {
        guard received.isEmpty else { return false }
        return try !receiveMore()
    }

    private func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count)
        where bytes[start..<start + pattern.count].elementsEqual(pattern) {
            return start
        }
        return nil
    }
}
