extension Transaction {
    /// Inserts an account and returns it with its assigned id.
    /// - Throws: a unique violation when the name is taken.
    @discardableResult
    public func insertAccount(named name: String) throws -> AccountRecord {
        try execute("INSERT INTO accounts (name) VALUES (?)", name)
        return AccountRecord(id: lastInsertRowID, name: name)
    }

    public func account(id: Int64) throws -> AccountRecord? {
        try queryFirst("SELECT id, name FROM accounts WHERE id = ?", id) { row in
            AccountRecord(id: row.int64(0), name: row.string(1))
        }
    }

    public func account(named name: String) throws -> AccountRecord? {
        try queryFirst("SELECT id, name FROM accounts WHERE name = ?", name) { row in
            AccountRecord(id: row.int64(0), name: row.string(1))
        }
    }

    public func accounts() throws -> [AccountRecord] {
        try query("SELECT id, name FROM accounts ORDER BY id") { row in
            AccountRecord(id: row.int64(0), name: row.string(1))
        }
    }

    /// Counts one more server start on this store and returns how many came before it.
    @discardableResult
    public func recordServerStart() throws -> Int {
        let earlier = try queryFirst("SELECT value FROM metadata WHERE name = 'starts'") {
            $0.int(0)
        } ?? 0
        try execute(
            """
            INSERT INTO metadata (name, value) VALUES ('starts', ?)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, earlier + 1)
        return earlier
    }
}
