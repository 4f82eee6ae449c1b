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

extension LocalCertificateAuthority {
    /// Rejects a folder that another user owns or that group or others may write.
    func checkOwnership(ofDirectory path: String) throws(TLSError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw TLSError("cannot read the certificate folder \(path): "
                           + String(cString: strerror(errno)))
        }
        try checkOwnership(status, of: "the certificate folder \(path)",
                           fix: "run chmod 700 '\(path)'", remove: "rm -r '\(path)'")
    }

    /// Rejects each existing file that is not a regular file, that another user owns, or
    /// that group or others may write.
    func checkOwnership(of paths: [String]) throws(TLSError) {
        for path in paths {
            var status = stat()
            guard lstat(path, &status) == 0 else {
                if errno == ENOENT { continue }
                throw TLSError("cannot read \(path): " + String(cString: strerror(errno)))
            }
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw TLSError("cannot use \(path): it is not a regular file; "
                               + "remove it and a new one is created")
            }
            try checkOwnership(status, of: path, fix: "run chmod go-w '\(path)'",
                               remove: "rm '\(path)'")
        }
    }

    private func checkOwnership(_ status: stat, of subject: String, fix: String,
                                remove: String) throws(TLSError) {
        let user = geteuid()
        if status.st_uid != user {
            throw TLSError("cannot trust \(subject): it belongs to user ID \(status.st_uid), "
                           + "not the current user (ID \(user)), who must own the local CA; "
                           + "remove it (\(remove)) or use another folder")
        }
        let mode = status.st_mode & 0o7777
        if mode & 0o022 != 0 {
            throw TLSError("cannot trust \(subject): group or others may write it (mode "
                           + "\(String(mode, radix: 8))), so another user could replace the "
                           + "local CA; \(fix), or remove it (\(remove))")
        }
    }
}
