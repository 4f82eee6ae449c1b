/// The handle for queries inside one `Store.read` or `Store.write` block.
///
/// It is valid only inside that block: using it afterwards stops the process. In a read
/// block only statements that cannot change the database are allowed.
public final class Transaction {
    let database: Database
    /// True inside `Store.write`, false inside `Store.read`.
    public let isWritable: Bool
    var isOpen = true

    init(database: Database, isWritable: Bool) {
        self.database = database
        self.isWritable = isWritable
    }

    /// Runs a statement that returns no rows, binding `arguments` to its `?` parameters.
    ///
    /// - Returns: the number of rows the statement inserted, changed or deleted.
    @discardableResult
    public func execute(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        let statement = try prepare(sql, arguments)
        defer { statement.reset() }
        while try statement.step() {}
        return database.changes
    }

    /// Runs a query and maps each row with `transform`, in the order SQLite returns them.
    public func query<T>(
        _ sql: String, _ arguments: any SQLBindable..., map transform: (Row) throws -> T
    ) throws -> [T] {
        try query(sql, arguments: arguments, map: transform)
    }

    /// Runs a query and maps its first row with `transform`; returns nil when it has none.
    public func queryFirst<T>(
        _ sql: String, _ arguments: any SQLBindable..., map transform: (Row) throws -> T
    ) throws -> T? {
        let statement = try prepare(sql, arguments)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try transform(Row(statement: statement))
    }

    /// The rowid of the last row this connection inserted.
    public var lastInsertRowID: Int64 {
        precondition(isOpen, "Transaction used after its block ended")
        return database.lastInsertRowID
    }

    func query<T>(
        _ sql: String, arguments: [any SQLBindable], map transform: (Row) throws -> T
    ) throws -> [T] {
        let statement = try prepare(sql, arguments)
        defer { statement.reset() }
        var results: [T] = []
        while try statement.step() {
            results.append(try transform(Row(statement: statement)))
        }
        return results
    }

    private func prepare(_ sql: String, _ arguments: [any SQLBindable]) throws -> Statement {
        precondition(isOpen, "Transaction used after its block ended")
        let statement = try database.prepared(sql)
        precondition(isWritable || statement.isReadOnly,
                     "A read transaction cannot run '\(sql)'; use Store.write")
        try statement.bind(arguments.map(\.sqlValue))
        return statement
    }
}
