extension Transaction {
    /// Returns the key with its scopes whatever its account, or nil when it does not exist.
    public func apiKey(_ key: String) throws -> APIKeyRecord? {
        let record = try queryFirst(
            "SELECT key, account_id, comment, created, enabled FROM api_keys WHERE key = ?",
            key, map: apiKeyRecord)
        guard var record else { return nil }
        record.scopes = try scopes(ofKey: key)
        return record
    }

    /// Returns every key, of any account, whose first eight digits are `prefix`.
    ///
    /// Authentication looks keys up this way and compares the rest itself in constant
    /// time, so the time a look-up takes reveals at most the prefix.
    public func apiKeys(withPrefix prefix: String) throws -> [APIKeyRecord] {
        var records = try query(
            """
            SELECT key, account_id, comment, created, enabled FROM api_keys
            WHERE substr(key, 1, 8) = ?
            """, String(prefix.prefix(8)), map: apiKeyRecord)
        for index in records.indices {
            records[index].scopes = try scopes(ofKey: records[index].key)
        }
        return records
    }

    /// Returns the account's keys in the order they were created.
    public func apiKeys(account: Int64) throws -> [APIKeyRecord] {
        var records = try query(
            """
            SELECT key, account_id, comment, created, enabled FROM api_keys
            WHERE account_id = ? ORDER BY created, rowid
            """, account, map: apiKeyRecord)
        for index in records.indices {
            records[index].scopes = try scopes(ofKey: records[index].key)
        }
        return records
    }

    /// Inserts a key with its scopes.
    /// - Throws: a unique violation when the key exists.
    public func insertAPIKey(_ record: APIKeyRecord) throws {
        try execute(
            """
            INSERT INTO api_keys (key, account_id, comment, created, enabled)
            VALUES (?, ?, ?, ?, ?)
            """,
            record.key, record.accountID, record.comment, record.created, record.enabled)
        for scopeName in record.scopes.keys.sorted() {
            for value in record.scopes[scopeName] ?? [] {
                try addScope(toKey: record.key, name: scopeName, value: value)
            }
        }
    }

    /// Deletes the account's key and its scopes. Returns false when the account has no
    /// such key.
    @discardableResult
    public func deleteAPIKey(_ key: String, account: Int64) throws -> Bool {
        try execute("DELETE FROM api_keys WHERE key = ? AND account_id = ?", key, account) > 0
    }

    public func setAPIKeyEnabled(_ key: String, enabled: Bool) throws {
        try execute("UPDATE api_keys SET enabled = ? WHERE key = ?", enabled, key)
    }

    /// Adds `value` to the key's scope `name` ("method" or "name"); adding a value that is
    /// there already changes nothing.
    public func addScope(toKey key: String, name: String, value: String) throws {
        try execute(
            """
            INSERT OR IGNORE INTO api_key_scopes (key, scope_name, value, position)
            SELECT ?1, ?2, ?3, coalesce(max(position) + 1, 0) FROM api_key_scopes
            WHERE key = ?1 AND scope_name = ?2
            """, key, name, value)
    }

    /// Removes `value` from the key's scope `name`; removing a missing value changes nothing.
    public func deleteScope(fromKey key: String, name: String, value: String) throws {
        try execute("DELETE FROM api_key_scopes WHERE key = ? AND scope_name = ? AND value = ?",
                    key, name, value)
    }

    private func scopes(ofKey key: String) throws -> [String: [String]] {
        let pairs = try query(
            "SELECT scope_name, value FROM api_key_scopes WHERE key = ? ORDER BY position",
            key) { row in (row.string(0), row.string(1)) }
        var scopes: [String: [String]] = [:]
        for (name, value) in pairs { scopes[name, default: []].append(value) }
        return scopes
    }

    private func apiKeyRecord(_ row: Row) throws -> APIKeyRecord {
        APIKeyRecord(key: row.string(0), accountID: row.int64(1), comment: row.string(2),
                     created: try row.dateTime(3), enabled: row.bool(4))
    }
}
