import COpenSSL
import COpenSSLShims
#if canImport(Glibc)
import Glibc
#endif

/// An X.509 certificate (`X509`).
final class X509Certificate {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }

    /// Reads the first certificate of a PEM file.
    convenience init(contentsOf path: String) throws(TLSError) {
        let bio = try MemoryBIO(contentsOf: path)
        guard let certificate = PEM_read_bio_X509(bio.pointer, nil, nil, nil) else {
            throw TLSError.fromErrorQueue("invalid certificate in \(path)")
        }
        self.init(pointer: certificate)
    }

    /// Creates a self-signed authority certificate, valid for ten years, that may sign
    /// only certificates and revocation lists, and only for the names in
    /// `permittedSubtrees` (name constraints, RFC 5280 section 4.2.1.10).
    /// - Parameter permittedSubtrees: Names in openssl.cnf syntax, such as
    ///   "DNS:localhost,IP:127.0.0.0/255.0.0.0".
    static func makeAuthority(key: PrivateKey,
                              permittedSubtrees: String) throws(TLSError) -> X509Certificate {
        let certificate = try makeUnsigned(commonName: "memset-mock local CA", key: key,
                                           validDays: 3650)
        guard X509_set_issuer_name(certificate.pointer,
                                   X509_get_subject_name(certificate.pointer)) == 1
        else { throw TLSError.fromErrorQueue("cannot set a certificate issuer") }
        try certificate.addExtensions(issuer: certificate, [
            (NID_basic_constraints, "critical,CA:TRUE"),
            (NID_key_usage, "critical,keyCertSign,cRLSign"),
            (NID_name_constraints, nameConstraints(permitting: permittedSubtrees)),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ])
        try certificate.sign(with: key)
        return certificate
    }

    /// Creates a server certificate for `names`, signed by the issuer and valid for two
    /// years. `names` uses subjectAltName syntax, such as "DNS:localhost,IP:127.0.0.1".
    static func makeServer(key: PrivateKey, issuer: X509Certificate, issuerKey: PrivateKey,
                           names: String) throws(TLSError) -> X509Certificate {
        let certificate = try makeUnsigned(commonName: "localhost", key: key, validDays: 730)
        guard X509_set_issuer_name(certificate.pointer,
                                   X509_get_subject_name(issuer.pointer)) == 1
        else { throw TLSError.fromErrorQueue("cannot set a certificate issuer") }
        try certificate.addExtensions(issuer: issuer, [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_alt_name, names),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ])
        try certificate.sign(with: issuerKey)
        return certificate
    }

    /// True when the certificate is no longer valid `days` days from now.
    func expires(withinDays days: Int) -> Bool {
        var limit = time(nil) + days * 86_400
        return X509_cmp_time(X509_get0_notAfter(pointer), &limit) <= 0
    }

    /// True when the certificate carries a name constraints extension.
    var hasNameConstraints: Bool {
        X509_get_ext_by_NID(pointer, NID_name_constraints, -1) >= 0
    }

    /// True when `issuer`'s key verifies this certificate's signature.
    func isSigned(by issuer: X509Certificate) -> Bool {
        defer { ERR_clear_error() }
        guard let issuerKey = X509_get0_pubkey(issuer.pointer) else { return false }
        return X509_verify(pointer, issuerKey) == 1
    }

    /// True when `key` is the private half of this certificate's public key.
    func matches(_ key: PrivateKey) -> Bool {
        defer { ERR_clear_error() }
        return X509_check_private_key(pointer, key.pointer) == 1
    }

    func pem() throws(TLSError) -> [UInt8] {
        let bio = try MemoryBIO()
        guard PEM_write_bio_X509(bio.pointer, pointer) == 1 else {
            throw TLSError.fromErrorQueue("cannot encode a certificate")
        }
        return bio.contents()
    }

    // MARK: - Building

    /// Creates a version 3 certificate with a random serial, the subject and public key
    /// set, and a validity that starts an hour ago to allow for clock differences.
    private static func makeUnsigned(commonName: String, key: PrivateKey,
                                     validDays: Int) throws(TLSError) -> X509Certificate {
        guard let pointer = X509_new() else {
            throw TLSError.fromErrorQueue("cannot allocate a certificate")
        }
        let certificate = X509Certificate(pointer: pointer)
        guard X509_set_version(pointer, 2) == 1,
              let subject = X509_get_subject_name(pointer),
              X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC, "memset-mock", -1, -1, 0)
                == 1,
              X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, commonName, -1, -1, 0)
                == 1,
              X509_set_pubkey(pointer, key.pointer) == 1,
              X509_gmtime_adj(X509_getm_notBefore(pointer), -3600) != nil,
              X509_time_adj_ex(X509_getm_notAfter(pointer), Int32(validDays), 0, nil) != nil
        else { throw TLSError.fromErrorQueue("cannot fill in a certificate") }
        try certificate.setRandomSerialNumber()
        return certificate
    }

    /// Sets a random positive serial number of at most 128 bits (RFC 5280 section 4.1.2.2).
    private func setRandomSerialNumber() throws(TLSError) {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else {
            throw TLSError.fromErrorQueue("cannot generate a serial number")
        }
        bytes[0] = (bytes[0] & 0x7F) | 0x01
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else {
            throw TLSError.fromErrorQueue("cannot generate a serial number")
        }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(pointer)) != nil else {
            throw TLSError.fromErrorQueue("cannot set a serial number")
        }
    }

    private func addExtensions(issuer: X509Certificate,
                               _ extensions: [(Int32, String)]) throws(TLSError) {
        for (nid, value) in extensions {
            guard memset_x509_add_extension(pointer, issuer.pointer, nid, value) == 1 else {
                throw TLSError.fromErrorQueue("cannot add certificate extension \(value)")
            }
        }
    }

    /// Builds the openssl.cnf value of a critical name constraints extension that permits
    /// each of the comma-separated `names`.
    private static func nameConstraints(permitting names: String) -> String {
        "critical," + names.split(separator: ",").map { "permitted;\($0)" }
            .joined(separator: ",")
    }

    private func sign(with key: PrivateKey) throws(TLSError) {
        guard X509_sign(pointer, key.pointer, EVP_sha256()) > 0 else {
            throw TLSError.fromErrorQueue("cannot sign a certificate")
        }
    }
}
