import COpenSSL
import COpenSSLShims
#if canImport(Glibc)
import Glibc
#endif

/// The paths of the server's certificate chain and private key, as PEM files.
public struct TLSConfiguration: Sendable {
    /// The server certificate first, then any intermediate certificates.
    public var certificateChainPath: String
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }
}

/// An OpenSSL server context (`SSL_CTX`) for TLS 1.2 and 1.3, with the certificate chain and
/// key loaded.
///
/// `@unchecked Sendable`: the context is configured in `init` and only read afterwards,
/// and OpenSSL locks its shared state (session cache, reference counts) itself.
public final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Loads the certificate chain and private key, and checks that they match.
    /// - Throws: `TLSError` naming the file and OpenSSL's reason.
    public init(configuration: TLSConfiguration) throws(TLSError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSError.fromErrorQueue("cannot create a TLS context")
        }
        pointer = context
        guard memset_ssl_ctx_set_protocol_versions(context, TLS1_2_VERSION, TLS1_3_VERSION) == 1
        else { throw TLSError.fromErrorQueue("cannot limit TLS to versions 1.2 and 1.3") }
        memset_ssl_ctx_set_nonblocking_modes(context)
        memset_ssl_ctx_set_server_options(context)

        try Self.checkReadable(configuration.certificateChainPath, what: "certificate chain")
        try Self.checkReadable(configuration.privateKeyPath, what: "private key")
        guard SSL_CTX_use_certificate_chain_file(context, configuration.certificateChainPath) == 1
        else {
            throw TLSError.fromErrorQueue(
                "invalid certificate chain in \(configuration.certificateChainPath)")
        }
        guard SSL_CTX_use_PrivateKey_file(context, configuration.privateKeyPath,
                                          SSL_FILETYPE_PEM) == 1
        else {
            throw TLSError.fromErrorQueue("invalid private key in \(configuration.privateKeyPath)")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw TLSError.fromErrorQueue(
                "the private key in \(configuration.privateKeyPath) does not match the "
                    + "certificate in \(configuration.certificateChainPath)")
        }
    }

    deinit {
        SSL_CTX_free(pointer)
    }

    /// Fails with the system's reason when a file cannot be opened, which reads better
    /// than OpenSSL's report of the same failure.
    private static func checkReadable(_ path: String, what: String) throws(TLSError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw TLSError("cannot read the \(what) \(path): \(reason)")
        }
        close(descriptor)
    }
}
