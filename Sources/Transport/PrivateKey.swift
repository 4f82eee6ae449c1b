import COpenSSL
import COpenSSLShims

/// An ECDSA private key (`EVP_PKEY`).
final class PrivateKey {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// A new key on the P-256 curve.
    static func generate() throws(TLSError) -> PrivateKey {
        guard let key = memset_generate_p256_key() else {
            throw TLSError.fromErrorQueue("cannot generate an ECDSA P-256 key")
        }
        return PrivateKey(pointer: key)
    }

    /// Reads a PEM private key file.
    convenience init(contentsOf path: String) throws(TLSError) {
        let bio = try MemoryBIO(contentsOf: path)
        guard let key = PEM_read_bio_PrivateKey(bio.pointer, nil, nil, nil) else {
            throw TLSError.fromErrorQueue("invalid private key in \(path)")
        }
        self.init(pointer: key)
    }

    /// The key as PKCS #8 PEM.
    func pem() throws(TLSError) -> [UInt8] {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil) == 1 else {
            throw TLSError.fromErrorQueue("cannot encode a private key")
        }
        return bio.contents()
    }
}

/// A memory BIO, the buffer OpenSSL reads PEM from and writes it to.
final class MemoryBIO {
    let pointer: OpaquePointer

    init() throws(TLSError) {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw TLSError.fromErrorQueue("cannot allocate a memory BIO")
        }
        pointer = bio
    }

    /// A BIO reading the file at `path`.
    init(contentsOf path: String) throws(TLSError) {
        ERR_clear_error()
        guard let bio = BIO_new_file(path, "r") else {
            throw TLSError.fromErrorQueue("cannot read \(path)")
        }
        pointer = bio
    }

    deinit {
        BIO_free(pointer)
    }

    func contents() -> [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let count = memset_bio_get_mem_data(pointer, &data)
        guard let data, count > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
}
