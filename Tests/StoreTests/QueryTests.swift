import Testing
import Wire

@testable import Store

@Suite struct QueryTests {
    private let created = DateTime(year: 2025, month: 6, day: 17, hour: 12)
    private let start = DateTime(year: 2011, month: 6, day: 17, includesTime: false)
    private let expiry = DateTime(year: 2011, month: 9, day: 17, includesTime: false)

    private func server(account: Int64, name: String, address: String) -> ServerRecord {
        ServerRecord(
            service: ServiceRecord(
                accountID: account, name: name, type: "miniserver", nickname: "www",
                startDate: start, expiryDate: expiry, renewalPriceAmount: 21.60,
                renewalPriceVAT: 4.34, dataZone: "dz-a", networkZones: ["reading", "dunsfold"]),
            hostName: "\(name).miniserver.com", primaryIP: address,
            ips: [ServerIPRecord(address: address, reverseMap: "\(name).example.com",
                                 bytesInToday: 10),
                  ServerIPRecord(address: "2001:db8::1")],
            taggedVLANs: ["v1"], untaggedVLANs: ["v2"], os: "debian_bookworm_64",
            firewallRuleGroup: FirewallRuleGroupRecord(name: "fw1"),
            intrusionDetection: "basic", intrusionDetectionAlertLevel: 5,
            connection: ServerConnection(connectionType: "unmetered", contention: 20))
    }

    @Test func apiKeyRoundTripsWithOrderedScopes() throws {
        let store = try Store.inMemory()
        let key = String(repeating: "ab", count: 16)
        let stored = try store.write { transaction -> APIKeyRecord? in
            let account = try transaction.insertAccount(named: "alpha")
            try transaction.insertAPIKey(APIKeyRecord(
                key: key, accountID: account.id, comment: "ci", created: created,
                scopes: ["method": ["server.list", "server.info"]]))
            try transaction.addScope(toKey: key, name: "name", value: "myserver1")
            try transaction.addScope(toKey: key, name: "method", value: "server.info")
            try transaction.addScope(toKey: key, name: "method", value: "job.status")
            return try transaction.apiKey(key)
        }
        #expect(stored?.scopes["method"] == ["server.list", "server.info", "job.status"])
        #expect(stored?.scopes["name"] == ["myserver1"])
        #expect(stored?.created == created)
        #expect(stored?.comment == "ci")
        #expect(stored?.enabled == true)
    }

    @Test func deletedScopeDisappears() throws {
        let store = try Store.inMemory()
        let key = String(repeating: "cd", count: 16)
        let scopes = try store.write { transaction -> [String: [String]]? in
            let account = try transaction.insertAccount(named: "alpha")
            try transaction.insertAPIKey(APIKeyRecord(
                key: key, accountID: account.id, created: created, scopes: ["name": ["a"]]))
            try transaction.deleteScope(fromKey: key, name: "name", value: "a")
            try transaction.deleteScope(fromKey: key, name: "name", value: "missing")
            return try transaction.apiKey(key)?.scopes
        }
        #expect(scopes == [:])
    }

    @Test func serverRoundTrips() throws {
        let store = try Store.inMemory()
        let (expected, stored) = try store.write { transaction in
            let account = try transaction.insertAccount(named: "alpha")
            let inserted = try transaction.insertServer(
                server(account: account.id, name: "myserver1", address: "192.0.2.10"))
            return (inserted, try transaction.server(account: account.id, name: "myserver1"))
        }
        #expect(stored == expected)
        #expect(stored?.service.startDate.includesTime == false)
    }

    @Test func serviceOfOtherAccountIsInvisible() throws {
        let store = try Store.inMemory()
        let (found, list) = try store.write { transaction in
            let alpha = try transaction.insertAccount(named: "alpha")
            let beta = try transaction.insertAccount(named: "beta")
            try transaction.insertServer(server(account: alpha.id, name: "myserver1",
                                                address: "192.0.2.10"))
            return (try transaction.server(account: beta.id, name: "myserver1"),
                    try transaction.services(account: beta.id))
        }
        #expect(found == nil)
        #expect(list.isEmpty)
    }

    @Test func reverseMapUpdatesOnlyOwnAddress() throws {
        let store = try Store.inMemory()
        let (ownUpdated, otherUpdated, maps) = try store.write { transaction in
            let alpha = try transaction.insertAccount(named: "alpha")
            let beta = try transaction.insertAccount(named: "beta")
            try transaction.insertServer(server(account: alpha.id, name: "myserver1",
                                                address: "192.0.2.10"))
            let own = try transaction.setReverseMap("mail.example.com", address: "192.0.2.10",
                                                    account: alpha.id)
            let other = try transaction.setReverseMap("evil.example.com", address: "192.0.2.10",
                                                      account: beta.id)
            return (own, other, try transaction.reverseMaps(account: alpha.id,
                                                            address: "192.0.2.10"))
        }
        #expect(ownUpdated)
        #expect(!otherUpdated)
        #expect(maps == [ReverseMapRecord(serverName: "myserver1", address: "192.0.2.10",
                                          reverseMap: "mail.example.com")])
    }

    @Test func deletingZoneDeletesItsDomainsAndRecords() throws {
        let store = try Store.inMemory()
        let zoneID = String(repeating: "1", count: 32)
        let (domains, records) = try store.write { transaction in
            let account = try transaction.insertAccount(named: "alpha")
            try transaction.insertZone(DNSZone(id: zoneID, accountID: account.id,
                                               nickname: "main"))
            try transaction.insertZoneDomain(DNSZoneDomain(domain: "example.com",
                                                           accountID: account.id,
                                                           zoneID: zoneID))
            try transaction.insertZoneRecord(DNSZoneRecord(
                id: String(repeating: "2", count: 32), accountID: account.id, zoneID: zoneID,
                type: "MX", address: "mail.example.com", priority: 10))
            #expect(try transaction.deleteZone(account: account.id, id: zoneID))
            return (try transaction.zoneDomains(account: account.id),
                    try transaction.zoneRecords(account: account.id))
        }
        #expect(domains.isEmpty)
        #expect(records.isEmpty)
    }

    @Test func domainIsUniqueAcrossAccountsIgnoringCase() throws {
        let store = try Store.inMemory()
        do {
            try store.write { transaction in
                let alpha = try transaction.insertAccount(named: "alpha")
                let beta = try transaction.insertAccount(named: "beta")
                try transaction.insertZoneDomain(DNSZoneDomain(
                    domain: "example.com", accountID: alpha.id, zoneID: nil))
                try transaction.insertZoneDomain(DNSZoneDomain(
                    domain: "EXAMPLE.com", accountID: beta.id, zoneID: nil))
            }
            Issue.record("a second account could add example.com")
        } catch let error as StoreError {
            #expect(error.isUniqueViolation)
        }
    }

    @Test func recordInMissingZoneIsForeignKeyViolation() throws {
        let store = try Store.inMemory()
        do {
            try store.write { transaction in
                let account = try transaction.insertAccount(named: "alpha")
                try transaction.insertZoneRecord(DNSZoneRecord(
                    id: String(repeating: "3", count: 32), accountID: account.id,
                    zoneID: String(repeating: "4", count: 32), type: "A", address: "192.0.2.1"))
            }
            Issue.record("a record was inserted into a zone that does not exist")
        } catch let error as StoreError {
            #expect(error.isForeignKeyViolation)
        }
    }

    @Test func usageAndBandwidthRoundTrip() throws {
        let store = try Store.inMemory()
        let usage = MemstoreUsageRecord(bytes: 1e9, containers: 3, objects: 120, bytesIn: 5e6,
                                        bytesOut: 7e6, requests: 900, cdnBytesIn: 1e3,
                                        cdnBytesOut: 2e5)
        let bandwidth = [
            BandwidthRecord(serviceType: "memstore", bytesIn: 1, bytesOut: 2, dailyRate: 3,
                            predicted: 4),
            BandwidthRecord(serviceType: "cdn", bytesIn: 5, bytesOut: 6, dailyRate: 7,
                            predicted: 8),
        ]
        let stored = try store.write { transaction in
            let account = try transaction.insertAccount(named: "alpha")
            let service = try transaction.insertService(ServiceRecord(
                accountID: account.id, name: "mstestyaa1", type: "memstore", startDate: start,
                expiryDate: expiry, renewalPriceAmount: 24, renewalPriceVAT: 4))
            try transaction.setMemstoreUsage(usage, ofService: service.id)
            for record in bandwidth { try transaction.setBandwidth(record, ofService: service.id) }
            return (try transaction.memstoreUsage(ofService: service.id),
                    try transaction.bandwidth(ofService: service.id))
        }
        #expect(stored.0 == usage)
        #expect(stored.1 == bandwidth)
    }
}

@Suite struct TextBindingTests {
    @Test func textWithNULRoundTrips() throws {
        let store = try Store.inMemory()
        for text in ["a\u{0}b", "", "\u{0}", "naïve ☃", "tail\u{0}"] {
            let read = try store.write { transaction in
                try transaction.queryFirst("SELECT ?", text) { $0.string(0) }
            }
            #expect(read == text)
        }
    }

    @Test func textWithNULIsNotEqualToItsPrefix() throws {
        let store = try Store.inMemory()
        let equal = try store.write { transaction in
            try transaction.queryFirst("SELECT ? = ?", "myserver2\u{0}zzz", "myserver2") {
                $0.bool(0)
            }
        }
        #expect(equal == false)
    }
}
