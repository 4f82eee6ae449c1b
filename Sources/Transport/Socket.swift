import CLinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// A failed system call on a socket, with the system's reason.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    /// The failed operation, naming the address or value involved.
    public var context: String
    public var errorNumber: Int32

    init(_ context: String, errorNumber: Int32 = errno) {
        self.context = context
        self.errorNumber = errorNumber
    }

    public var description: String {
        errorNumber == 0 ? context : "\(context): \(String(cString: strerror(errorNumber)))"
    }
}

/// A socket address of either family, as `bind` and `accept` take it.
struct SocketAddress {
    var storage = sockaddr_storage()

    /// Parses an IPv4 or IPv6 literal; "localhost" means 127.0.0.1.
    init(host: String, port: Int) throws(SocketError) {
        guard (0...65535).contains(port) else {
            throw SocketError("invalid port \(port): use 0 to 65535", errorNumber: 0)
        }
        let address = host == "localhost" ? "127.0.0.1" : host
        var parsed = false
        withUnsafeMutableBytes(of: &storage) { raw in
            var ipv4 = sockaddr_in()
            if inet_pton(AF_INET, address, &ipv4.sin_addr) == 1 {
                ipv4.sin_family = sa_family_t(AF_INET)
                ipv4.sin_port = in_port_t(port).bigEndian
                raw.storeBytes(of: ipv4, as: sockaddr_in.self)
                parsed = true
                return
            }
            var ipv6 = sockaddr_in6()
            if inet_pton(AF_INET6, address, &ipv6.sin6_addr) == 1 {
                ipv6.sin6_family = sa_family_t(AF_INET6)
                ipv6.sin6_port = in_port_t(port).bigEndian
                raw.storeBytes(of: ipv6, as: sockaddr_in6.self)
                parsed = true
            }
        }
        guard parsed else {
            throw SocketError("invalid host \"\(host)\": use an IPv4 or IPv6 address",
                              errorNumber: 0)
        }
    }

    init(storage: sockaddr_storage) {
        self.storage = storage
    }

    var family: Int32 { Int32(storage.ss_family) }

    var length: socklen_t {
        socklen_t(family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size
                                     : MemoryLayout<sockaddr_in>.size)
    }

    var port: Int {
        withUnsafeBytes(of: storage) { raw in
            family == AF_INET6
                ? Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
                : Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        }
    }

    /// The address without the port, such as "127.0.0.1" or "::1".
    var host: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        withUnsafeBytes(of: storage) { raw in
            if family == AF_INET6 {
                var address = raw.load(as: sockaddr_in6.self).sin6_addr
                _ = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
            } else {
                var address = raw.load(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                      as: UTF8.self)
    }

    /// The address and port for logs: "127.0.0.1:8443" or "[::1]:8443".
    var description: String {
        family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// Opens a non-blocking listening TCP socket bound to the address.
func makeListeningSocket(_ address: SocketAddress, backlog: Int32) throws(SocketError) -> Int32 {
    let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        | Int32(SOCK_CLOEXEC.rawValue)
    let descriptor = socket(address.family, type, 0)
    guard descriptor >= 0 else { throw SocketError("cannot create a socket") }
    var enabled: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &enabled, socklen_t(MemoryLayout<Int32>.size))
    var storage = address.storage
    let bound = withUnsafePointer(to: &storage) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, address.length)
        }
    }
    guard bound == 0 else {
        let error = SocketError("cannot bind to \(address.description)")
        close(descriptor)
        throw error
    }
    guard listen(descriptor, backlog) == 0 else {
        let error = SocketError("cannot listen on \(address.description)")
        close(descriptor)
        throw error
    }
    return descriptor
}

/// Returns the address a socket is bound to.
func localAddress(of descriptor: Int32) throws(SocketError) -> SocketAddress {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            getsockname(descriptor, $0, &length)
        }
    }
    guard result == 0 else { throw SocketError("cannot read the bound address") }
    return SocketAddress(storage: storage)
}

/// Raises the soft limit on open files to the hard limit, so the server can hold as many
/// connections as the system allows this process.
func raiseOpenFileLimit() {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0,
          limit.rlim_cur < limit.rlim_max else { return }
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}
