import CLinuxSystem
import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

extension Connection {
    typealias IOResult = TLSConnection.IOResult

    /// Reads once into the loop's read buffer, through TLS when the connection uses it.
    func readOnce() -> IOResult {
        if tls != nil && !checkedFirstByte, let result = inspectFirstByte() {
            return result
        }
        if let tls {
            return tls.read(into: loop.readBuffer)
        }
        while true {
            let count = read(descriptor, loop.readBuffer.baseAddress, loop.readBuffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            if let result = resultOfFailedRead() { return result }
        }
    }

    /// Maps the `errno` of a failed read to its result, or returns nil after EINTR, when the
    /// read should be tried again.
    private func resultOfFailedRead() -> IOResult? {
        switch errno {
        case EINTR: return nil
        case EAGAIN, EWOULDBLOCK: return .wantsRead
        case ECONNRESET: return .closed
        default: return .failed(String(cString: strerror(errno)))
        }
    }

    /// Peeks at the first byte a client sent to the TLS port. Every TLS record starts with
    /// a content type byte of 20 to 24, or 128 and up for an SSL 2 hello. An ASCII letter
    /// therefore means a plain HTTP request, and the connection drops TLS to reply in plain
    /// text. Returns nil when the read should go on, or the result to return instead.
    private func inspectFirstByte() -> IOResult? {
        var byte: UInt8 = 0
        while true {
            let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK))
            if count == 1 { break }
            if count == 0 { return .closed }
            if let result = resultOfFailedRead() { return result }
        }
        checkedFirstByte = true
        let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        if isLetter {
            loop.context.log(.info, "plain HTTP from \(remoteAddress) on the HTTPS port; "
                                + "sending 400")
            tls = nil
            receivesPlainHTTP = true
        }
        return nil
    }

    /// Whether another read may find data at once. A short read drained the socket, and
    /// level-triggered epoll reports anything that arrives later; TLS may still hold
    /// decrypted bytes of the current record.
    func mayHaveMoreInput(afterReading count: Int) -> Bool {
        count == loop.readBuffer.count || (tls?.hasPendingBytes ?? false)
    }

    /// Writes pending output until it is all sent or the socket is full.
    func flush() {
        // After a close the descriptor number may already belong to another connection.
        guard phase != .closed else { return }
        while hasPendingOutput {
            let result = output.withUnsafeBytes { bytes in
                writeOnce(UnsafeRawBufferPointer(rebasing: bytes[outputOffset...]))
            }
            switch result {
            case .bytes(let count):
                outputOffset += count
                lastActivity = loop.now
                tlsWriteWantsRead = false
            case .wantsRead:
                tlsWriteWantsRead = true
                return
            case .wantsWrite:
                tlsWriteWantsRead = false
                return
            case .closed:
                closeNow()
                return
            case .failed(let reason):
                loop.context.log(.debug, "writing to \(remoteAddress) failed: \(reason)")
                closeNow()
                return
            }
        }
        // Keep a small buffer for the next response; give a large one back.
        output.removeAll(keepingCapacity: output.capacity <= 256 * 1024)
        outputOffset = 0
    }

    private func writeOnce(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        if let tls {
            return tls.write(bytes)
        }
        while true {
            let count = send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .bytes(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wantsWrite
            case EPIPE, ECONNRESET: return .closed
            default: return .failed(String(cString: strerror(errno)))
            }
        }
    }

    func reportReadFailure(_ reason: String) {
        if let tls, !tls.isEstablished {
            loop.context.log(.debug, "TLS handshake with \(remoteAddress) failed: \(reason)")
        } else {
            loop.context.log(.debug, "reading from \(remoteAddress) failed: \(reason)")
        }
    }

    /// Tells epoll which readiness the connection waits for, when that changed.
    func updateInterest() {
        var wanted: UInt32 = 0
        if phase == .lingering {
            wanted = UInt32(EPOLLIN.rawValue)
        } else {
            let readsInput = phase == .reading && !peerClosed
                && output.count - outputOffset < Self.outputHighWater
            if readsInput || tlsWriteWantsRead {
                wanted |= UInt32(EPOLLIN.rawValue)
            }
            if (hasPendingOutput && !tlsWriteWantsRead) || (readsInput && tlsReadWantsWrite) {
                wanted |= UInt32(EPOLLOUT.rawValue)
            }
        }
        if wanted != registeredEvents {
            registeredEvents = wanted
            loop.modify(descriptor, events: wanted)
        }
    }
}
