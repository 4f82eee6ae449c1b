import CSQLite
import Wire

/// SQLite's SQLITE_TRANSIENT destructor: SQLite copies the bound bytes before returning.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement, finalized when the last reference goes.
///
/// A statement belongs to one `Database` connection and is used only while that connection
/// is held by one thread, so it needs no lock of its own.
final class Statement {
    let handle: OpaquePointer
    let sql: String

    init(sql: String, connection: OpaquePointer) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT),
                                      &statement, nil)
        try checkSQLite(code, connection)
        guard let statement else {
            // An empty or comment-only string compiles to no statement.
            throw StoreError.sqlite(code: SQLITE_MISUSE, message: "No SQL statement in '\(sql)'")
        }
        self.handle = statement
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when the statement cannot change the database.
    var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Resets the statement and binds `values` to its parameters, in order.
    func bind(_ values: [SQLValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        precondition(values.count == expected,
                     "\(sql) takes \(expected) parameters, but \(values.count) were given")
        let connection = sqlite3_db_handle(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let integer): code = sqlite3_bind_int64(handle, index, integer)
            case .real(let real): code = sqlite3_bind_double(handle, index, real)
            case .text(let text):
                // Bound by byte count, not as a C string, so a NUL inside the text is kept
                // instead of cutting it short.
                var text = text
                code = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { characters in
                        guard let start = characters.baseAddress else {
                            return sqlite3_bind_text(handle, index, "", 0, transientDestructor)
                        }
                        return sqlite3_bind_text(handle, index, start, Int32(characters.count),
                                                 transientDestructor)
                    }
                }
            case .null: code = sqlite3_bind_null(handle, index)
            }
            try checkSQLite(code, connection)
        }
    }

    /// Runs the statement to its next row. Returns false when there are no more rows.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        let connection = sqlite3_db_handle(handle)
        defer { if code != SQLITE_DONE { sqlite3_reset(handle) } }
        try checkSQLite(code, connection)
        return false
    }

    /// Resets the statement so that it releases its read lock and can run again.
    func reset() {
        sqlite3_reset(handle)
    }
}

/// The current row of a query, valid only inside the closure it is passed to.
///
/// Columns are numbered from 0 in the order of the SELECT list.
public struct Row {
    let statement: Statement

    public func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(statement.handle, Int32(column)) == SQLITE_NULL
    }

    public func int64(_ column: Int) -> Int64 {
        sqlite3_column_int64(statement.handle, Int32(column))
    }

    public func int(_ column: Int) -> Int {
        Int(int64(column))
    }

    public func double(_ column: Int) -> Double {
        sqlite3_column_double(statement.handle, Int32(column))
    }

    public func bool(_ column: Int) -> Bool {
        int64(column) != 0
    }

    /// Returns the column's text, or "" for NULL. The text is read by its byte count, so a
    /// NUL inside it survives.
    public func string(_ column: Int) -> String {
        guard let text = sqlite3_column_text(statement.handle, Int32(column)) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    public func optionalString(_ column: Int) -> String? {
        isNull(column) ? nil : string(column)
    }

    public func optionalInt64(_ column: Int) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    public func optionalDouble(_ column: Int) -> Double? {
        isNull(column) ? nil : double(column)
    }

    /// Returns the column's `DateTime`, stored as API text by `SQLBindable`.
    public func dateTime(_ column: Int) throws -> DateTime {
        let text = string(column)
        guard let value = DateTime(parsing: text) else {
            let name = sqlite3_column_name(statement.handle, Int32(column))
                .map { String(cString: $0) } ?? "\(column)"
            throw StoreError.invalidStoredValue(column: name, value: text)
        }
        return value
    }

    public func optionalDateTime(_ column: Int) throws -> DateTime? {
        isNull(column) ? nil : try dateTime(column)
    }
}
