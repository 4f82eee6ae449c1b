import CSQLite

/// An error from the store: a failed SQLite call, a database written by a newer release,
/// a data folder that cannot be created, or an invalid fixture file.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite returned the extended result `code`; `message` is `sqlite3_errmsg` text.
    case sqlite(code: Int32, message: String)
    /// The database at `path` has schema `version`, newer than the `supported` one.
    case schemaTooNew(path: String, version: Int, supported: Int)
    /// The folder that should contain the database could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// A stored value could not be read back, such as a date that does not parse.
    case invalidStoredValue(column: String, value: String)
    /// A fixture file is invalid: `path` locates the bad field, as in `accounts[0].name`.
    case invalidFixture(file: String, path: String, reason: String)

    /// True when SQLite rejected a change because it broke a UNIQUE or PRIMARY KEY constraint.
    public var isUniqueViolation: Bool {
        guard case .sqlite(let code, _) = self else { return false }
        return code == constraintUnique || code == constraintPrimaryKey
    }

    /// True when SQLite rejected a change because a referenced row does not exist.
    public var isForeignKeyViolation: Bool {
        guard case .sqlite(let code, _) = self else { return false }
        return code == constraintForeignKey
    }

    /// True when SQLite rejected a change because it broke any constraint.
    public var isConstraintViolation: Bool {
        guard case .sqlite(let code, _) = self else { return false }
        return code & 0xff == SQLITE_CONSTRAINT
    }

    public var description: String {
        switch self {
        case .sqlite(let code, let message):
            return "SQLite error \(code): \(message)"
        case .schemaTooNew(let path, let version, let supported):
            return "The database \(path) has schema version \(version), but this build "
                + "supports up to version \(supported); use a newer memset-mock or "
                + "another data folder"
        case .cannotCreateFolder(let path, let reason):
            return "Cannot create the folder \(path): \(reason)"
        case .invalidStoredValue(let column, let value):
            return "The stored value '\(value)' in column \(column) is invalid"
        case .invalidFixture(let file, let path, let reason):
            return "\(file): \(path): \(reason)"
        }
    }
}

// SQLite's extended result codes are function-like macros that Swift does not import;
// these are their values from sqlite3.h.
private let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)
private let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
private let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)

/// Throws `StoreError.sqlite` with the connection's message unless `code` is a success code.
///
/// SQLITE_MISUSE is a programming error, so it stops the process instead of throwing.
func checkSQLite(_ code: Int32, _ connection: OpaquePointer?) throws {
    switch code {
    case SQLITE_OK, SQLITE_ROW, SQLITE_DONE:
        return
    default:
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        precondition(code != SQLITE_MISUSE, "SQLite API misuse: \(message)")
        throw StoreError.sqlite(code: code, message: message)
    }
}
