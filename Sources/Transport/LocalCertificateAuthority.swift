import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// A certificate authority kept in a folder, which issues the server's certificate so
/// clients can trust the server by trusting `ca.pem`.
///
/// The folder contains `ca.pem` and `ca-key.pem` (the authority, valid ten years),
/// `server.pem` and `server-key.pem` (the server, valid two years, for localhost,
/// 127.0.0.1, ::1 and api.memset.com). All keys are ECDSA P-256 and all files PEM; keys
/// are readable by the owner only.
public struct LocalCertificateAuthority: Sendable {
    /// The paths of the files in use.
    public struct Files: Sendable {
        public var certificateAuthorityPath: String
        public var serverCertificatePath: String
        public var serverPrivateKeyPath: String

        /// The server certificate and key, ready for `ServerConfiguration.tls`.
        public var tlsConfiguration: TLSConfiguration {
            TLSConfiguration(certificateChainPath: serverCertificatePath,
                             privateKeyPath: serverPrivateKeyPath)
        }
    }

    /// The names the server certificate covers.
    public static let serverNames = "DNS:localhost,IP:127.0.0.1,IP:::1,DNS:api.memset.com"

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Creates the authority and the server certificate when missing, and issues a new
    /// server certificate when it expires within 30 days, another authority signed it, or
    /// its key file does not match it.
    /// - Throws: `TLSError` naming the file that cannot be read, parsed or written.
    public func prepare() throws(TLSError) -> Files {
        try createDirectory()
        let files = Files(certificateAuthorityPath: path("ca.pem"),
                          serverCertificatePath: path("server.pem"),
                          serverPrivateKeyPath: path("server-key.pem"))
        let authorityKeyPath = path("ca-key.pem")

        let authority: (certificate: X509Certificate, key: PrivateKey)
        if fileExists(files.certificateAuthorityPath) && fileExists(authorityKeyPath) {
            authority = (try X509Certificate(contentsOf: files.certificateAuthorityPath),
                         try PrivateKey(contentsOf: authorityKeyPath))
        } else {
            let key = try PrivateKey.generate()
            let certificate = try X509Certificate.makeAuthority(key: key)
            try writeAtomically(key.pem(), to: authorityKeyPath, mode: 0o600)
            try writeAtomically(certificate.pem(), to: files.certificateAuthorityPath,
                                mode: 0o644)
            authority = (certificate, key)
        }

        if try needsNewServerCertificate(files, authority: authority.certificate) {
            let key = try PrivateKey.generate()
            let certificate = try X509Certificate.makeServer(
                key: key, issuer: authority.certificate, issuerKey: authority.key,
                names: Self.serverNames)
            try writeAtomically(key.pem(), to: files.serverPrivateKeyPath, mode: 0o600)
            try writeAtomically(certificate.pem(), to: files.serverCertificatePath, mode: 0o644)
        }
        return files
    }

    private func needsNewServerCertificate(_ files: Files,
                                           authority: X509Certificate) throws(TLSError) -> Bool {
        guard fileExists(files.serverCertificatePath),
              fileExists(files.serverPrivateKeyPath) else { return true }
        let server = try X509Certificate(contentsOf: files.serverCertificatePath)
        let key = try PrivateKey(contentsOf: files.serverPrivateKeyPath)
        return server.expires(withinDays: 30) || !server.isSigned(by: authority)
            || !server.matches(key)
    }

    // MARK: - Files

    private func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates the folder and any missing parents, readable by the owner only.
    private func createDirectory() throws(TLSError) {
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for component in directory.split(separator: "/") {
            prefix += component
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw TLSError("cannot use \(directory) for certificates: "
                                   + "\(prefix) is not a directory")
                }
            } else if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw TLSError("cannot create the certificate directory \(prefix): "
                               + String(cString: strerror(errno)))
            }
            prefix += "/"
        }
    }

    private func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Writes to a temporary file in the same folder, then renames it over `path`, so a
    /// crash never leaves a half-written key or certificate.
    private func writeAtomically(_ bytes: [UInt8], to path: String,
                                 mode: mode_t) throws(TLSError) {
        let temporaryPath = "\(path).\(getpid()).tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw TLSError("cannot write \(temporaryPath): " + String(cString: strerror(errno)))
        }
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                failure = errno
                break
            }
            written += count
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && rename(temporaryPath, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporaryPath)
            throw TLSError("cannot write \(path): " + String(cString: strerror(failure)))
        }
    }
}
