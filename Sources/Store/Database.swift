import CSQLite

/// One SQLite connection with a cache of its prepared statements, closed in `deinit`.
///
/// `@unchecked Sendable` because `Store` hands a connection to one thread at a time: the
/// writer behind a `Mutex`, each reader taken out of and returned to a locked pool.
final class Database: @unchecked Sendable {
    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]

    /// Opens the database at `path`, creating it unless `readOnly`.
    /// A `path` that starts with "file:" is an SQLite URI.
    init(path: String, readOnly: Bool) throws {
        var connection: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard let connection else {
            throw StoreError.sqlite(code: code, message: "Cannot open \(path): out of memory")
        }
        if code != SQLITE_OK {
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_close_v2(connection)
            throw StoreError.sqlite(code: code, message: "Cannot open \(path): \(message)")
        }
        self.handle = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, 5_000)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that take no parameters and return no rows needed.
    func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if let errorMessage {
            let message = String(cString: errorMessage)
            sqlite3_free(errorMessage)
            throw StoreError.sqlite(code: code, message: message)
        }
        try checkSQLite(code, handle)
    }

    /// Returns the cached prepared statement for `sql`, preparing it on first use.
    func prepared(_ sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try Statement(sql: sql, connection: handle)
        statements[sql] = statement
        return statement
    }

    /// Returns the text value of a pragma, such as "wal" for `journal_mode`.
    func pragma(_ name: String) throws -> String {
        let statement = try prepared("PRAGMA \(name)")
        defer { statement.reset() }
        try statement.bind([])
        guard try statement.step() else { return "" }
        return Row(statement: statement).string(0)
    }

    var changes: Int { Int(sqlite3_changes64(handle)) }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}
