#if canImport(Glibc)
import Glibc
#endif

extension LocalCertificateAuthority {
    func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates the folder and any missing parents, readable by the owner only.
    func createDirectory() throws(TLSError) {
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

    /// Takes an exclusive lock on `.lock` in the folder, waiting while another thread or
    /// process holds it, and returns the open lock file. Closing the descriptor releases
    /// the lock, also when the process dies.
    func lockDirectory() throws(TLSError) -> Int32 {
        let lockPath = path(".lock")
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw TLSError("cannot open the lock file \(lockPath): "
                           + String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw TLSError("cannot lock \(lockPath): \(reason)")
        }
        return descriptor
    }

    func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Writes to a new temporary file in the same folder, then renames it over `path`, so
    /// a reader sees the old file or the new one and a crash never leaves half a key.
    func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t) throws(TLSError) {
        var template = Array("\(path).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            // mkstemp replaces the XXXXXX in place. The buffer ends with NUL.
            mkstemp(buffer.baseAddress!)
        }
        guard descriptor >= 0 else {
            throw TLSError("cannot create a temporary file beside \(path): "
                           + String(cString: strerror(errno)))
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)

        let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) },
                                   as: UTF8.self)
        var failure: Int32 = fchmod(descriptor, mode) == 0 ? 0 : errno
        var written = 0
        while failure == 0 && written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                failure = count < 0 ? errno : EIO
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
