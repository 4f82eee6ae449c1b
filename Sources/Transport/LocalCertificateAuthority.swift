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
/// are readable by the owner only. The folder and its files must belong to the current user
/// and be writable by no one else, because a user who can replace `ca-key.pem` can
/// impersonate any server the authority covers.
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

    /// The only names the authority may vouch for, so trusting `ca.pem` system-wide trusts
    /// it for nothing else: localhost and its subdomains, api.memset.com and its
    /// subdomains, 127.0.0.0/8 and ::1.
    public static let permittedNames = "DNS:localhost,DNS:api.memset.com,"
        + "IP:127.0.0.0/255.0.0.0,IP:::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Creates the authority and the server certificate when missing, and issues a new
    /// server certificate when it expires within 30 days, another authority signed it, or
    /// its key file does not match it.
    /// - Throws: `TLSError` naming the file that cannot be read, parsed or written, or the
    ///   folder or file that another user owns or may write, with the command that fixes it.
    ///
    /// Several processes may prepare one folder at once, such as servers started together
    /// that share a temporary folder, so the whole check and creation runs under an
    /// exclusive lock on the folder's `.lock` file.
    public func prepare() throws(TLSError) -> Files {
        try createDirectory()
        try checkOwnership(ofDirectory: directory)
        let lock = try lockDirectory()
        defer { close(lock) }

        let files = Files(certificateAuthorityPath: path("ca.pem"),
                          serverCertificatePath: path("server.pem"),
                          serverPrivateKeyPath: path("server-key.pem"))
        let authorityKeyPath = path("ca-key.pem")

        try checkOwnership(of: [files.certificateAuthorityPath, authorityKeyPath,
                                 files.serverCertificatePath, files.serverPrivateKeyPath])
        let authority = try loadOrCreateAuthority(certificatePath: files.certificateAuthorityPath,
                                                  keyPath: authorityKeyPath)

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

    /// Loads the authority, or creates a new one when a file is missing, the key does not
    /// match, or the certificate lacks name constraints (as those created before the
    /// constraints were added do). A new authority makes the server certificate reissued.
    private func loadOrCreateAuthority(
        certificatePath: String, keyPath: String
    ) throws(TLSError) -> (certificate: X509Certificate, key: PrivateKey) {
        if fileExists(certificatePath) && fileExists(keyPath) {
            let certificate = try X509Certificate(contentsOf: certificatePath)
            let key = try PrivateKey(contentsOf: keyPath)
            if certificate.hasNameConstraints && certificate.matches(key) {
                return (certificate, key)
            }
        }
        let key = try PrivateKey.generate()
        let certificate = try X509Certificate.makeAuthority(key: key,
                                                            permittedSubtrees: Self.permittedNames)
        try writeAtomically(key.pem(), to: keyPath, mode: 0o600)
        try writeAtomically(certificate.pem(), to: certificatePath, mode: 0o644)
        return (certificate, key)
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
