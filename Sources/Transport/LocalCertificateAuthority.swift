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
    ///
    /// Several processes may prepare one folder at once, such as servers started together
    /// that share a temporary folder, so the whole check and creation runs under an
    /// exclusive lock on the folder's `.lock` file.
    public func prepare() throws(TLSError) -> Files {
        try createDirectory()
        let lock = try lockDirectory()
        defer { close(lock) }

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
}
