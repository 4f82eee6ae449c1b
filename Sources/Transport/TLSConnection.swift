import COpenSSL

/// One server-side TLS session (`SSL`) over a non-blocking socket.
///
/// Not `Sendable`: it belongs to the event loop that owns the socket.
final class TLSConnection {
    /// The outcome of a read or write.
    enum IOResult {
        case bytes(Int)
        /// Retry when the socket is readable.
        case wantsRead
        /// Retry when the socket is writable.
        case wantsWrite
        /// The peer closed the session.
        case closed
        case failed(String)
    }

    let pointer: OpaquePointer
    /// Set after SSL_ERROR_SYSCALL or SSL_ERROR_SSL, after which OpenSSL forbids
    /// SSL_shutdown.
    private var failed = false

    init(context: TLSContext, socket: Int32) throws(TLSError) {
        guard let session = SSL_new(context.pointer) else {
            throw TLSError.fromErrorQueue("cannot create a TLS session")
        }
        pointer = session
        guard SSL_set_fd(session, socket) == 1 else {
            throw TLSError.fromErrorQueue("cannot attach a TLS session to a socket")
        }
        SSL_set_accept_state(session)
    }

    deinit {
        SSL_free(pointer)
    }

    /// True once the handshake has completed.
    var isEstablished: Bool { SSL_is_init_finished(pointer) == 1 }

    /// Reads decrypted bytes, running the handshake first when it is not done.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        let count = SSL_read(pointer, buffer.baseAddress, Int32(clamping: buffer.count))
        return count > 0 ? .bytes(Int(count)) : result(of: count)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        let count = SSL_write(pointer, bytes.baseAddress, Int32(clamping: bytes.count))
        return count > 0 ? .bytes(Int(count)) : result(of: count)
    }

    /// Sends close_notify without waiting for the peer's. On a non-blocking socket that
    /// is full, the alert is dropped rather than waited for.
    func shutdown() {
        if isEstablished && !failed {
            SSL_shutdown(pointer)
        }
        ERR_clear_error()
    }

    private func result(of returnCode: Int32) -> IOResult {
        let code = SSL_get_error(pointer, returnCode)
        switch code {
        case SSL_ERROR_WANT_READ:
            return .wantsRead
        case SSL_ERROR_WANT_WRITE:
            return .wantsWrite
        case SSL_ERROR_ZERO_RETURN:
            return .closed
        case SSL_ERROR_SYSCALL:
            failed = true
            ERR_clear_error()
            return .closed
        default:
            failed = true
            let reasons = drainOpenSSLErrors()
            return .failed(reasons.isEmpty ? "TLS error \(code)" : reasons.joined(separator: "; "))
        }
    }
}

extension TLSConnection {
    /// True when OpenSSL has bytes the last read did not return: decrypted data, or
    /// records that read-ahead fetched from the socket but did not decrypt yet.
    var hasPendingBytes: Bool { SSL_has_pending(pointer) == 1 }
}
