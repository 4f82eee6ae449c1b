private let serverColumns = """
    host_name, primary_ip, os, backups, control_panel, firewall_type,
    firewall_rule_group_name, firewall_rule_group_nickname, firewall_rule_group_notes,
    firewall_rule_group_outbound_policy, monitoring_level, monitor, ignore_monitoring_off,
    no_nrpe, no_auto_reboot, support_level, vulnscan, intrusion_detection,
    intrusion_detection_alert_level, connection_type, max_burst, inclusive_transfer,
    bandwidth_bank, remaining, contention
    """

extension Transaction {
    /// Returns the account's servers, of every status, in the order they were created.
    public func servers(account: Int64) throws -> [ServerRecord] {
        try services(account: account).compactMap { try server(for: $0) }
    }

    /// Returns the account's server called `name`, or nil when there is none or the
    /// service of that name is not a server.
    public func server(account: Int64, name: String) throws -> ServerRecord? {
        guard let service = try service(account: account, name: name) else { return nil }
        return try server(for: service)
    }

    /// Inserts the service and the server together and returns the server with the
    /// service id assigned.
    /// - Throws: a unique violation when the service name or one of the addresses is taken.
    @discardableResult
    public func insertServer(_ record: ServerRecord) throws -> ServerRecord {
        var inserted = record
        inserted.service = try insertService(record.service)
        let group = record.firewallRuleGroup
        let connection = record.connection
        try execute(
            """
            INSERT INTO servers (service_id, \(serverColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            inserted.service.id, record.hostName, record.primaryIP, record.os, record.backups,
            record.controlPanel, record.firewallType, group?.name, group?.nickname ?? "",
            group?.notes ?? "", group?.defaultOutboundPolicy ?? "ACCEPT",
            record.monitoringLevel, record.monitor, record.ignoreMonitoringOff, record.noNRPE,
            record.noAutoReboot, record.supportLevel, record.vulnscan,
            record.intrusionDetection, record.intrusionDetectionAlertLevel,
            connection.connectionType, connection.maxBurst, connection.inclusiveTransfer,
            connection.bandwidthBank, connection.remaining, connection.contention)
        let vlans = record.taggedVLANs.map { ($0, true) } + record.untaggedVLANs.map { ($0, false) }
        for (position, (name, tagged)) in vlans.enumerated() {
            try execute(
                "INSERT INTO server_vlans (service_id, position, name, tagged) VALUES (?, ?, ?, ?)",
                inserted.service.id, position, name, tagged)
        }
        for (position, ip) in record.ips.enumerated() {
            try execute(
                """
                INSERT INTO server_ips (address, service_id, position, reverse_map,
                    bytes_in_yesterday, bytes_out_yesterday, bytes_in_today, bytes_out_today)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ip.address, inserted.service.id, position, ip.reverseMap, ip.bytesInYesterday,
                ip.bytesOutYesterday, ip.bytesInToday, ip.bytesOutToday)
        }
        return inserted
    }

    public func setIntrusionDetectionAlertLevel(_ level: Int, ofServer id: Int64) throws {
        try execute("UPDATE servers SET intrusion_detection_alert_level = ? WHERE service_id = ?",
                    level, id)
    }

    // MARK: Reverse maps

    /// Returns the reverse maps of the account's server addresses, optionally only those of
    /// the server `serverName` or only `address`, ordered by server and then address order.
    public func reverseMaps(account: Int64, serverName: String? = nil,
                            address: String? = nil) throws -> [ReverseMapRecord] {
        try query(
            """
            SELECT services.name, server_ips.address, server_ips.reverse_map
            FROM server_ips JOIN services ON services.id = server_ips.service_id
            WHERE services.account_id = ?1
                AND (?2 IS NULL OR services.name = ?2)
                AND (?3 IS NULL OR server_ips.address = ?3)
            ORDER BY services.id, server_ips.position
            """, account, serverName, address) { row in
            ReverseMapRecord(serverName: row.string(0), address: row.string(1),
                             reverseMap: row.string(2))
        }
    }

    /// Sets the reverse map of one of the account's addresses. Returns false when the
    /// account has no server with that address.
    @discardableResult
    public func setReverseMap(_ reverseMap: String, address: String,
                              account: Int64) throws -> Bool {
        try execute(
            """
            UPDATE server_ips SET reverse_map = ?1 WHERE address = ?2 AND service_id IN
                (SELECT id FROM services WHERE account_id = ?3)
            """, reverseMap, address, account) > 0
    }

    // MARK: Row mapping

    private func server(for service: ServiceRecord) throws -> ServerRecord? {
        let server = try queryFirst(
            "SELECT \(serverColumns) FROM servers WHERE service_id = ?", service.id
        ) { row in
            ServerRecord(
                service: service, hostName: row.string(0), primaryIP: row.string(1),
                os: row.string(2), backups: row.bool(3), controlPanel: row.string(4),
                firewallType: row.string(5),
                firewallRuleGroup: row.optionalString(6).map { name in
                    FirewallRuleGroupRecord(name: name, nickname: row.string(7),
                                            notes: row.string(8),
                                            defaultOutboundPolicy: row.string(9))
                },
                monitoringLevel: row.string(10), monitor: row.bool(11),
                ignoreMonitoringOff: row.bool(12), noNRPE: row.bool(13),
                noAutoReboot: row.bool(14), supportLevel: row.string(15),
                vulnscan: row.string(16), intrusionDetection: row.string(17),
                intrusionDetectionAlertLevel: row.int(18),
                connection: ServerConnection(
                    connectionType: row.optionalString(19), maxBurst: row.optionalDouble(20),
                    inclusiveTransfer: row.optionalDouble(21),
                    bandwidthBank: row.optionalDouble(22), remaining: row.optionalDouble(23),
                    contention: row.optionalDouble(24)))
        }
        guard var server else { return nil }
        let vlans = try query(
            "SELECT name, tagged FROM server_vlans WHERE service_id = ? ORDER BY position",
            service.id) { row in (row.string(0), row.bool(1)) }
        server.taggedVLANs = vlans.filter { $0.1 }.map { $0.0 }
        server.untaggedVLANs = vlans.filter { !$0.1 }.map { $0.0 }
        server.ips = try query(
            """
            SELECT address, reverse_map, bytes_in_yesterday, bytes_out_yesterday,
                bytes_in_today, bytes_out_today
            FROM server_ips WHERE service_id = ? ORDER BY position
            """, service.id) { row in
            ServerIPRecord(address: row.string(0), reverseMap: row.string(1),
                           bytesInYesterday: row.int64(2), bytesOutYesterday: row.int64(3),
                           bytesInToday: row.int64(4), bytesOutToday: row.int64(5))
        }
        return server
    }
}
