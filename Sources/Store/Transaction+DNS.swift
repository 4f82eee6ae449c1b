private let recordColumns =
    "id, account_id, zone_id, type, record, address, ttl, priority, relative"

extension Transaction {
    // MARK: Zones

    /// Returns the account's zones in the order they were created.
    public func zones(account: Int64) throws -> [DNSZone] {
        try query(
            "SELECT id, account_id, nickname, ttl FROM dns_zones WHERE account_id = ? "
                + "ORDER BY rowid",
            account, map: zone)
    }

    public func zone(account: Int64, id: String) throws -> DNSZone? {
        try queryFirst(
            "SELECT id, account_id, nickname, ttl FROM dns_zones WHERE account_id = ? AND id = ?",
            account, id, map: zone)
    }

    /// - Throws: a unique violation when the id is taken.
    public func insertZone(_ zone: DNSZone) throws {
        try execute("INSERT INTO dns_zones (id, account_id, nickname, ttl) VALUES (?, ?, ?, ?)",
                    zone.id, zone.accountID, zone.nickname, zone.ttl)
    }

    /// Stores the zone's nickname and TTL.
    public func updateZone(_ zone: DNSZone) throws {
        try execute("UPDATE dns_zones SET nickname = ?, ttl = ? WHERE id = ? AND account_id = ?",
                    zone.nickname, zone.ttl, zone.id, zone.accountID)
    }

    /// Deletes the zone with its domains and records. Returns false when the account has
    /// no such zone.
    @discardableResult
    public func deleteZone(account: Int64, id: String) throws -> Bool {
        try execute("DELETE FROM dns_zones WHERE account_id = ? AND id = ?", account, id) > 0
    }

    // MARK: Domains

    /// Returns the account's domains in the order they were created.
    public func zoneDomains(account: Int64) throws -> [DNSZoneDomain] {
        try query(
            "SELECT domain, account_id, zone_id FROM dns_zone_domains WHERE account_id = ? "
                + "ORDER BY rowid", account, map: zoneDomain)
    }

    public func zoneDomains(zoneID: String) throws -> [DNSZoneDomain] {
        try query(
            "SELECT domain, account_id, zone_id FROM dns_zone_domains WHERE zone_id = ? "
                + "ORDER BY rowid", zoneID, map: zoneDomain)
    }

    /// Returns the domain whatever its account, compared without regard to case, so that
    /// callers can tell "taken by another account" from "not found".
    public func zoneDomain(_ domain: String) throws -> DNSZoneDomain? {
        try queryFirst(
            "SELECT domain, account_id, zone_id FROM dns_zone_domains WHERE domain = ?",
            domain, map: zoneDomain)
    }

    /// - Throws: a unique violation when any account has the domain.
    public func insertZoneDomain(_ domain: DNSZoneDomain) throws {
        try execute(
            "INSERT INTO dns_zone_domains (domain, account_id, zone_id) VALUES (?, ?, ?)",
            domain.domain, domain.accountID, domain.zoneID)
    }

    /// Moves the account's domain to the zone `zoneID`, or out of any zone when nil.
    public func setZone(_ zoneID: String?, ofDomain domain: String, account: Int64) throws {
        try execute("UPDATE dns_zone_domains SET zone_id = ? WHERE domain = ? AND account_id = ?",
                    zoneID, domain, account)
    }

    @discardableResult
    public func deleteZoneDomain(_ domain: String, account: Int64) throws -> Bool {
        try execute("DELETE FROM dns_zone_domains WHERE domain = ? AND account_id = ?",
                    domain, account) > 0
    }

    // MARK: Records

    /// Returns the account's records in the order they were created.
    public func zoneRecords(account: Int64) throws -> [DNSZoneRecord] {
        try query(
            "SELECT \(recordColumns) FROM dns_zone_records WHERE account_id = ? ORDER BY rowid",
            account, map: zoneRecord)
    }

    public func zoneRecords(zoneID: String) throws -> [DNSZoneRecord] {
        try query(
            "SELECT \(recordColumns) FROM dns_zone_records WHERE zone_id = ? ORDER BY rowid",
            zoneID, map: zoneRecord)
    }

    public func zoneRecord(account: Int64, id: String) throws -> DNSZoneRecord? {
        try queryFirst(
            "SELECT \(recordColumns) FROM dns_zone_records WHERE account_id = ? AND id = ?",
            account, id, map: zoneRecord)
    }

    /// - Throws: a unique violation when the id is taken, and a foreign key violation
    ///   when the zone does not exist.
    public func insertZoneRecord(_ record: DNSZoneRecord) throws {
        try execute(
            "INSERT INTO dns_zone_records (\(recordColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            record.id, record.accountID, record.zoneID, record.type, record.record,
            record.address, record.ttl, record.priority, record.relative)
    }

    /// Stores every field of the record except its id and account.
    public func updateZoneRecord(_ record: DNSZoneRecord) throws {
        try execute(
            """
            UPDATE dns_zone_records SET zone_id = ?, type = ?, record = ?, address = ?,
                ttl = ?, priority = ?, relative = ?
            WHERE id = ? AND account_id = ?
            """,
            record.zoneID, record.type, record.record, record.address, record.ttl,
            record.priority, record.relative, record.id, record.accountID)
    }

    @discardableResult
    public func deleteZoneRecord(account: Int64, id: String) throws -> Bool {
        try execute("DELETE FROM dns_zone_records WHERE account_id = ? AND id = ?",
                    account, id) > 0
    }

    // MARK: Row mapping

    private func zone(_ row: Row) -> DNSZone {
        DNSZone(id: row.string(0), accountID: row.int64(1), nickname: row.string(2),
                ttl: row.int(3))
    }

    private func zoneDomain(_ row: Row) -> DNSZoneDomain {
        DNSZoneDomain(domain: row.string(0), accountID: row.int64(1),
                      zoneID: row.optionalString(2))
    }

    private func zoneRecord(_ row: Row) -> DNSZoneRecord {
        DNSZoneRecord(id: row.string(0), accountID: row.int64(1), zoneID: row.string(2),
                      type: row.string(3), record: row.string(4), address: row.string(5),
                      ttl: row.int(6), priority: row.int(7), relative: row.bool(8))
    }
}
