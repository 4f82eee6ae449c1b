import Wire

private let serviceColumns = """
    id, account_id, name, type, status, nickname, start_date, expiry_date,
    renewal_price_amount, renewal_price_currency, renewal_price_vat, data_zone
    """

extension Transaction {
    /// Returns the account's services in the order they were created.
    public func services(account: Int64) throws -> [ServiceRecord] {
        let records = try query(
            "SELECT \(serviceColumns) FROM services WHERE account_id = ? ORDER BY id",
            account, map: serviceRecord)
        return try records.map(withNetworkZones)
    }

    public func service(account: Int64, name: String) throws -> ServiceRecord? {
        let record = try queryFirst(
            "SELECT \(serviceColumns) FROM services WHERE account_id = ? AND name = ?",
            account, name, map: serviceRecord)
        return try record.map(withNetworkZones)
    }

    public func service(id: Int64) throws -> ServiceRecord? {
        let record = try queryFirst(
            "SELECT \(serviceColumns) FROM services WHERE id = ?", id, map: serviceRecord)
        return try record.map(withNetworkZones)
    }

    /// Inserts a service and returns it with its assigned id.
    /// - Throws: a unique violation when the account has a service of that name.
    @discardableResult
    public func insertService(_ record: ServiceRecord) throws -> ServiceRecord {
        try execute(
            """
            INSERT INTO services (account_id, name, type, status, nickname, start_date,
                expiry_date, renewal_price_amount, renewal_price_currency, renewal_price_vat,
                data_zone)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            record.accountID, record.name, record.type, record.status.rawValue,
            record.nickname, record.startDate.dateOnly, record.expiryDate.dateOnly,
            record.renewalPriceAmount, record.renewalPriceCurrency, record.renewalPriceVAT,
            record.dataZone)
        var inserted = record
        inserted.id = lastInsertRowID
        for (position, zone) in record.networkZones.enumerated() {
            try execute(
                "INSERT INTO service_network_zones (service_id, position, zone) VALUES (?, ?, ?)",
                inserted.id, position, zone)
        }
        return inserted
    }

    public func setNickname(_ nickname: String, ofService id: Int64) throws {
        try execute("UPDATE services SET nickname = ? WHERE id = ?", nickname, id)
    }

    public func setStatus(_ status: ServiceStatus, ofService id: Int64) throws {
        try execute("UPDATE services SET status = ? WHERE id = ?", status.rawValue, id)
    }

    /// Sets the service's expiry date; the time of day of `date` is dropped.
    public func setExpiryDate(_ date: DateTime, ofService id: Int64) throws {
        try execute("UPDATE services SET expiry_date = ? WHERE id = ?", date.dateOnly, id)
    }

    // MARK: Bandwidth and Memstore usage

    /// Returns the service's traffic figures, one for each service type it reports.
    public func bandwidth(ofService id: Int64) throws -> [BandwidthRecord] {
        try query(
            """
            SELECT service_type, bytes_in, bytes_out, daily_rate, predicted
            FROM service_bandwidth WHERE service_id = ? ORDER BY rowid
            """, id) { row in
            BandwidthRecord(serviceType: row.string(0), bytesIn: row.double(1),
                            bytesOut: row.double(2), dailyRate: row.double(3),
                            predicted: row.double(4))
        }
    }

    /// Inserts or replaces the service's figures for `record.serviceType`.
    public func setBandwidth(_ record: BandwidthRecord, ofService id: Int64) throws {
        try execute(
            """
            INSERT INTO service_bandwidth
                (service_id, service_type, bytes_in, bytes_out, daily_rate, predicted)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (service_id, service_type) DO UPDATE SET bytes_in = excluded.bytes_in,
                bytes_out = excluded.bytes_out, daily_rate = excluded.daily_rate,
                predicted = excluded.predicted
            """,
            id, record.serviceType, record.bytesIn, record.bytesOut, record.dailyRate,
            record.predicted)
    }

    public func memstoreUsage(ofService id: Int64) throws -> MemstoreUsageRecord? {
        try queryFirst(
            """
            SELECT bytes, containers, objects, bytes_in, bytes_out, requests, cdn_bytes_in,
                cdn_bytes_out, cdn_requests
            FROM memstore_usage WHERE service_id = ?
            """, id) { row in
            MemstoreUsageRecord(bytes: row.double(0), containers: row.int(1),
                                objects: row.int(2), bytesIn: row.double(3),
                                bytesOut: row.double(4), requests: row.double(5),
                                cdnBytesIn: row.double(6), cdnBytesOut: row.double(7),
                                cdnRequests: row.double(8))
        }
    }

    public func setMemstoreUsage(_ usage: MemstoreUsageRecord, ofService id: Int64) throws {
        try execute(
            """
            INSERT OR REPLACE INTO memstore_usage (service_id, bytes, containers, objects,
                bytes_in, bytes_out, requests, cdn_bytes_in, cdn_bytes_out, cdn_requests)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            id, usage.bytes, usage.containers, usage.objects, usage.bytesIn, usage.bytesOut,
            usage.requests, usage.cdnBytesIn, usage.cdnBytesOut, usage.cdnRequests)
    }

    // MARK: Row mapping

    private func serviceRecord(_ row: Row) throws -> ServiceRecord {
        let statusText = row.string(4)
        guard let status = ServiceStatus(rawValue: statusText) else {
            throw StoreError.invalidStoredValue(column: "services.status", value: statusText)
        }
        return ServiceRecord(
            id: row.int64(0), accountID: row.int64(1), name: row.string(2), type: row.string(3),
            status: status, nickname: row.string(5), startDate: try row.dateTime(6),
            expiryDate: try row.dateTime(7), renewalPriceAmount: row.double(8),
            renewalPriceCurrency: row.string(9), renewalPriceVAT: row.double(10),
            dataZone: row.string(11))
    }

    private func withNetworkZones(_ record: ServiceRecord) throws -> ServiceRecord {
        var record = record
        record.networkZones = try query(
            "SELECT zone FROM service_network_zones WHERE service_id = ? ORDER BY position",
            record.id) { row in row.string(0) }
        return record
    }
}
