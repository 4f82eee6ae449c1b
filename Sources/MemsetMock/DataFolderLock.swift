import Glibc

/// An exclusive lock on a data folder, held until the process exits, so two servers never
/// run their job timers and writes against one database.
struct DataFolderLock {
    static let fileName = "memset-mock.lock"

    /// Creates the folder when missing and locks it.
    /// - Throws: `StartupError` when the folder cannot be created or another process
    ///   holds the lock.
    static func acquire(folder: String) throws -> DataFolderLock {
        try createFolders(folder)
        let path = folder + "/" + fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StartupError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno == EWOULDBLOCK
                ? "another memset-mock is using the data folder \(folder); stop it or pass "
                    + "another --data-dir"
                : "cannot lock \(path): \(String(cString: strerror(errno)))"
            close(descriptor)
            throw StartupError(reason)
        }
        // The descriptor stays open on purpose: the lock lasts as long as the process.
        return DataFolderLock()
    }

    private static func createFolders(_ folder: String) throws {
        var path = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw StartupError("cannot create the data folder \(folder): "
                    + String(cString: strerror(errno)))
            }
        }
    }
}

/// A reason the server cannot start, worded for the person who started it.
struct StartupError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
