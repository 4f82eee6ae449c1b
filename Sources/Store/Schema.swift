/// The database schema as a list of migrations; `PRAGMA user_version` records how many
/// have run. Append new migrations at the end and never change a released one.
enum Schema {
    static var latestVersion: Int { migrations.count }

    /// Applies the migrations the database has not had, each in its own transaction.
    ///
    /// - Returns: true when the database had no schema before.
    static func migrate(_ database: Database, path: String) throws -> Bool {
        let current = Int(try database.pragma("user_version")) ?? 0
        guard current <= latestVersion else {
            throw StoreError.schemaTooNew(path: path, version: current, supported: latestVersion)
        }
        for version in current..<latestVersion {
            try database.execute("BEGIN IMMEDIATE")
            do {
                try database.execute(migrations[version])
                try database.execute("PRAGMA user_version = \(version + 1)")
                try database.execute("COMMIT")
            } catch {
                try? database.execute("ROLLBACK")
                throw error
            }
        }
        return current == 0
    }

    static let migrations: [String] = [version1]

    // Lists keep their order through a `position` column. Dates are API text
    // ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS"); job times are seconds since 1970.
    private static let version1 = """
        CREATE TABLE metadata (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );

        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );

        CREATE TABLE api_keys (
            key TEXT PRIMARY KEY CHECK (length(key) = 32),
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            comment TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX api_keys_by_account ON api_keys(account_id);
        CREATE INDEX api_keys_by_prefix ON api_keys(substr(key, 1, 8));

        CREATE TABLE api_key_scopes (
            key TEXT NOT NULL REFERENCES api_keys(key) ON DELETE CASCADE,
            scope_name TEXT NOT NULL CHECK (scope_name IN ('method', 'name')),
            value TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (key, scope_name, value)
        );

        CREATE TABLE services (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('LIVE', 'CANCELLED', 'ONHOLD')),
            nickname TEXT NOT NULL DEFAULT '',
            start_date TEXT NOT NULL,
            expiry_date TEXT NOT NULL,
            renewal_price_amount REAL NOT NULL,
            renewal_price_currency TEXT NOT NULL,
            renewal_price_vat REAL NOT NULL,
            data_zone TEXT NOT NULL DEFAULT '',
            UNIQUE (account_id, name)
        );

        CREATE TABLE service_network_zones (
            service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            zone TEXT NOT NULL,
            PRIMARY KEY (service_id, position)
        );

        CREATE TABLE service_bandwidth (
            service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
            service_type TEXT NOT NULL,
            bytes_in REAL NOT NULL,
            bytes_out REAL NOT NULL,
            daily_rate REAL NOT NULL,
            predicted REAL NOT NULL,
            PRIMARY KEY (service_id, service_type)
        );

        CREATE TABLE servers (
            service_id INTEGER PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
            host_name TEXT NOT NULL,
            primary_ip TEXT NOT NULL,
            os TEXT NOT NULL,
            backups INTEGER NOT NULL,
            control_panel TEXT NOT NULL,
            firewall_type TEXT NOT NULL,
            firewall_rule_group_name TEXT,
            firewall_rule_group_nickname TEXT NOT NULL DEFAULT '',
            firewall_rule_group_notes TEXT NOT NULL DEFAULT '',
            firewall_rule_group_outbound_policy TEXT NOT NULL DEFAULT 'ACCEPT',
            monitoring_level TEXT NOT NULL,
            monitor INTEGER NOT NULL,
            ignore_monitoring_off INTEGER NOT NULL,
            no_nrpe INTEGER NOT NULL,
            no_auto_reboot INTEGER NOT NULL,
            support_level TEXT NOT NULL,
            vulnscan TEXT NOT NULL,
            intrusion_detection TEXT NOT NULL,
            intrusion_detection_alert_level INTEGER NOT NULL,
            connection_type TEXT,
            max_burst REAL,
            inclusive_transfer REAL,
            bandwidth_bank REAL,
            remaining REAL,
            contention REAL
        );

        CREATE TABLE server_vlans (
            service_id INTEGER NOT NULL REFERENCES servers(service_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            tagged INTEGER NOT NULL,
            PRIMARY KEY (service_id, position)
        );

        CREATE TABLE server_ips (
            address TEXT PRIMARY KEY COLLATE NOCASE,
            service_id INTEGER NOT NULL REFERENCES servers(service_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            reverse_map TEXT NOT NULL DEFAULT '',
            bytes_in_yesterday INTEGER NOT NULL DEFAULT 0,
            bytes_out_yesterday INTEGER NOT NULL DEFAULT 0,
            bytes_in_today INTEGER NOT NULL DEFAULT 0,
            bytes_out_today INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX server_ips_by_service ON server_ips(service_id, position);

        CREATE TABLE memstore_usage (
            service_id INTEGER PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
            bytes REAL NOT NULL,
            containers INTEGER NOT NULL,
            objects INTEGER NOT NULL,
            bytes_in REAL NOT NULL,
            bytes_out REAL NOT NULL,
            requests REAL NOT NULL,
            cdn_bytes_in REAL NOT NULL,
            cdn_bytes_out REAL NOT NULL,
            cdn_requests REAL NOT NULL DEFAULT 0
        );

        CREATE TABLE dns_zones (
            id TEXT PRIMARY KEY CHECK (length(id) = 32),
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            nickname TEXT NOT NULL,
            ttl INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX dns_zones_by_account ON dns_zones(account_id);

        CREATE TABLE dns_zone_domains (
            domain TEXT PRIMARY KEY COLLATE NOCASE,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            zone_id TEXT REFERENCES dns_zones(id) ON DELETE CASCADE
        );
        CREATE INDEX dns_zone_domains_by_account ON dns_zone_domains(account_id);
        CREATE INDEX dns_zone_domains_by_zone ON dns_zone_domains(zone_id);

        CREATE TABLE dns_zone_records (
            id TEXT PRIMARY KEY CHECK (length(id) = 32),
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            zone_id TEXT NOT NULL REFERENCES dns_zones(id) ON DELETE CASCADE,
            type TEXT NOT NULL CHECK (type IN ('A', 'AAAA', 'CNAME', 'MX', 'NS', 'SRV', 'TXT')),
            record TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL,
            ttl INTEGER NOT NULL DEFAULT 0,
            priority INTEGER NOT NULL DEFAULT 0,
            relative INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX dns_zone_records_by_account ON dns_zone_records(account_id);
        CREATE INDEX dns_zone_records_by_zone ON dns_zone_records(zone_id);

        CREATE TABLE jobs (
            id TEXT PRIMARY KEY CHECK (length(id) = 32),
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            type TEXT NOT NULL,
            service_name TEXT,
            created_at REAL NOT NULL,
            step INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL,
            step_started_at REAL NOT NULL,
            step_deadline REAL,
            finished INTEGER NOT NULL DEFAULT 0,
            finished_at REAL,
            error INTEGER NOT NULL DEFAULT 0,
            payload TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX jobs_due ON jobs(step_deadline) WHERE finished = 0;
        CREATE INDEX jobs_by_service ON jobs(account_id, service_name, kind) WHERE finished = 0;
        CREATE INDEX jobs_by_account ON jobs(account_id, created_at);
        """
}
