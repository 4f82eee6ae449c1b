import Glibc
import Synchronization

/// The SQLite database behind the mock: every account with its keys, services, DNS zones
/// and jobs.
///
/// A file store uses write-ahead logging with `synchronous=FULL`, so a write that
/// returned survives a crash or `kill -9`. It keeps one writer connection behind a lock
/// and a pool of read-only connections, so a read does not wait while a write is being
/// flushed to disk. An in-memory store has one connection for both.
public final class Store: Sendable {
    /// The database file, or nil for an in-memory store.
    public let path: String?
    /// True when this open created the schema from nothing, so the data can be seeded.
    public let isNew: Bool

    private let writer: Mutex<Database>
    /// Idle read-only connections; always empty for an in-memory store, which reads on the
    /// writer connection.
    private let readers: Mutex<[Database]>
    private static let maximumIdleReaders = 4

    /// Opens or creates the database file at `path`, creating missing folders, and brings
    /// its schema up to date.
    ///
    /// - Throws: `StoreError.schemaTooNew` when a newer release wrote the file,
    ///   `StoreError.cannotCreateFolder`, or `StoreError.sqlite`.
    public convenience init(path: String) throws {
        try Store.createFolders(containing: path)
        let database = try Database(path: path, readOnly: false)
        let mode = try database.pragma("journal_mode=WAL")
        guard mode == "wal" else {
            throw StoreError.sqlite(code: 1, message: "Cannot enable WAL mode on \(path): "
                + "journal mode is \(mode)")
        }
        try self.init(path: path, writer: database)
    }

    /// Creates an empty store that lives in memory until it is released.
    public static func inMemory() throws -> Store {
        let database = try Database(path: ":memory:", readOnly: false)
        return try Store(path: nil, writer: database)
    }

    private init(path: String?, writer database: Database) throws {
        try database.execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
        self.isNew = try Schema.migrate(database, path: path ?? ":memory:")
        self.path = path
        self.writer = Mutex(database)
        self.readers = Mutex([])
    }

    /// Runs `body` in a read transaction that reads one consistent snapshot of the data.
    ///
    /// Do not call `read` or `write` from inside `body`: on an in-memory store that waits
    /// for itself forever.
    @discardableResult
    public func read<T>(_ body: (Transaction) throws -> T) throws -> T {
        guard let path else {
            return try withWriter { database in
                try Store.run(body, on: database, begin: "BEGIN DEFERRED", isWritable: false)
            }
        }
        let database = try readers.withLock { idle in idle.popLast() }
            ?? Database(path: path, readOnly: true)
        defer {
            readers.withLock { idle in
                if idle.count < Store.maximumIdleReaders { idle.append(database) }
            }
        }
        return try Store.run(body, on: database, begin: "BEGIN DEFERRED", isWritable: false)
    }

    /// Runs `body` in a write transaction (BEGIN IMMEDIATE) and commits it.
    ///
    /// Writes run one at a time. When `body` or the commit throws, the transaction is
    /// rolled back, so a failed call changes nothing. Do not call `read` or `write` from
    /// inside `body`: that waits for itself forever.
    @discardableResult
    public func write<T>(_ body: (Transaction) throws -> T) throws -> T {
        try withWriter { database in
            try Store.run(body, on: database, begin: "BEGIN IMMEDIATE", isWritable: true)
        }
    }

    /// Runs `body` while holding the writer connection.
    ///
    /// The result travels out through a local variable because `Mutex.withLock` may only
    /// return `sending` values, and `T` need not be `Sendable`.
    private func withWriter<T>(_ body: (Database) throws -> T) throws -> T {
        var result: Result<T, any Error>?
        writer.withLock { database in
            result = Result { try body(database) }
        }
        guard let result else { preconditionFailure("Mutex.withLock did not run its body") }
        return try result.get()
    }

    private static func run<T>(
        _ body: (Transaction) throws -> T, on database: Database, begin: String,
        isWritable: Bool
    ) throws -> T {
        try database.execute(begin)
        let transaction = Transaction(database: database, isWritable: isWritable)
        defer { transaction.isOpen = false }
        do {
            let result = try body(transaction)
            try database.execute("COMMIT")
            return result
        } catch {
            if database.isInTransaction { try? database.execute("ROLLBACK") }
            throw error
        }
    }

    private static func createFolders(containing path: String) throws {
        var folder = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (index, component) in components.enumerated() {
            folder += (index == 0 ? "" : "/") + component
            guard !component.isEmpty, component != "." else { continue }
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw StoreError.cannotCreateFolder(path: folder,
                                                    reason: String(cString: strerror(errno)))
            }
        }
    }
}
