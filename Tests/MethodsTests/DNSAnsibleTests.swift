import API
import Testing
import Wire

/// Replays the calls of the memset DNS modules of Ansible's `community.general` collection
/// (memset_zone, memset_zone_domain, memset_zone_record and memset_dns_reload, as shipped
/// in ansible 12.3.0). Each call is a form POST to /v1/json/METHOD/ with every value as
/// Python's `str()` prints it. The modules then compare the parsed JSON with the
/// dictionary that the task wants.
@Suite struct DNSAnsibleTests {
    let harness: MethodsTestHarness

    init() throws {
        harness = try MethodsTestHarness()
    }

    /// POSTs the form and returns the parsed JSON body, expecting HTTP 200.
    private func post(_ method: String, _ fields: [(String, String)] = []) throws -> Value {
        let response = harness.postForm(method, fields)
        #expect(response.status == 200, "\(method): \(response.json)")
        return response.json
    }

    /// memset_zone with state=present: create the zone unless `dns.zone_list` has one
    /// with that nickname, then return its `dns.zone_info`.
    private func ensureZone(_ name: String) throws -> Value {
        if try zoneID(name) == nil {
            _ = try post("dns.zone_create", [("ttl", "0"), ("nickname", name)])
        }
        let id = try #require(try zoneID(name))
        return try post("dns.zone_info", [("id", id)])
    }

    private func zoneID(_ name: String) throws -> String? {
        let zones = try #require(try post("dns.zone_list").listValue)
        return zones.first { $0["nickname"] == .string(name) }?["id"]?.stringValue
    }

    /// Builds the record that memset_zone_record wants from its task arguments, with
    /// `priority` and `ttl` as ints, `relative` as a bool and `record` defaulting to ''.
    private func desiredRecord(zoneID: String, type: String, record: String = "",
                               address: String, ttl: Int = 0, priority: Int = 0,
                               relative: Bool = false) -> [String: Value] {
        [
            "zone_id": .string(zoneID), "priority": .integer(priority),
            "address": .string(address), "relative": .boolean(relative),
            "record": .string(record), "ttl": .integer(ttl), "type": .string(type),
        ]
    }

    /// Encodes the record as the module's form payload. Python's urlencode writes ints as
    /// digits and bools as "True" or "False".
    private func form(_ record: [String: Value]) -> [(String, String)] {
        record.keys.sorted().map { key in
            switch record[key] {
            case .string(let text): return (key, text)
            case .integer(let number): return (key, String(number))
            case .boolean(let flag): return (key, flag ? "True" : "False")
            default: return (key, "")
            }
        }
    }

    /// Runs memset_zone_record with state=present once and returns whether it changed
    /// anything: list the account's records, pick those of the zone with the same name
    /// and type, and create or update unless one is equal to the desired record.
    private func applyRecord(_ desired: [String: Value]) throws -> Bool {
        let records = try #require(try post("dns.zone_record_list").listValue)
        let matching = records.filter {
            $0["zone_id"] == desired["zone_id"] && $0["record"] == desired["record"]
                && $0["type"] == desired["type"]
        }
        guard !matching.isEmpty else {
            _ = try post("dns.zone_record_create", form(desired))
            return true
        }
        for existing in matching {
            var wanted = desired
            wanted["id"] = existing["id"]
            if existing == .dictionary(wanted) { return false }
            var payload = try #require(existing.dictionaryValue)
            payload.merge(wanted) { _, new in new }
            _ = try post("dns.zone_record_update", form(payload))
        }
        return true
    }

    // MARK: - memset_zone

    @Test func zoneTaskIsIdempotent() throws {
        let created = try ensureZone("example.com")
        #expect(created["nickname"] == "example.com")
        #expect(created["ttl"] == .integer(0))
        #expect(try ensureZone("example.com") == created)
        #expect(try post("dns.zone_list").listValue?.count == 1)
    }

    @Test func zoneListGivesCountsForForcedDelete() throws {
        let zone = try ensureZone("example.com")
        let id = try #require(zone["id"]?.stringValue)
        _ = try post("dns.zone_record_create",
                     [("zone_id", id), ("type", "A"), ("address", "192.0.2.1")])
        let listed = try #require(try post("dns.zone_list").listValue?.first)
        #expect(listed["records"]?.listValue?.count == 1)
        #expect(listed["domains"]?.listValue?.count == 0)
        let deleted = try post("dns.zone_delete", [("id", id)])
        #expect(deleted["id"] == .string(id))
    }

    // MARK: - memset_zone_domain

    @Test func domainTaskIsIdempotent() throws {
        let zone = try ensureZone("example")
        let id = try #require(zone["id"]?.stringValue)
        func domainExists() throws -> Bool {
            let domains = try #require(try post("dns.zone_domain_list").listValue)
            return domains.contains { $0["domain"] == "example.com" }
        }
        #expect(try !domainExists())
        _ = try post("dns.zone_domain_create", [("domain", "example.com"), ("zone_id", id)])
        #expect(try domainExists())
        let deleted = try post("dns.zone_domain_delete", [("domain", "example.com")])
        #expect(deleted == ["domain": "example.com", "zone_id": .string(id)])
        #expect(try !domainExists())
    }

    // MARK: - memset_zone_record

    @Test func recordTaskIsIdempotent() throws {
        let zone = try #require(try ensureZone("example.com")["id"]?.stringValue)
        let desired = desiredRecord(zoneID: zone, type: "A", record: "www",
                                    address: "192.0.2.10", ttl: 300)
        #expect(try applyRecord(desired))
        #expect(try !applyRecord(desired))
        #expect(try post("dns.zone_record_list").listValue?.count == 1)
    }

    @Test func recordForDomainItselfIsIdempotent() throws {
        let zone = try #require(try ensureZone("example.com")["id"]?.stringValue)
        let desired = desiredRecord(zoneID: zone, type: "TXT",
                                    address: "v=spf1 +a +mx +ip4:192.0.2.1 ?all")
        #expect(try applyRecord(desired))
        #expect(try !applyRecord(desired))
        let stored = try #require(try post("dns.zone_record_list").listValue?.first)
        #expect(stored["record"] == "")
        #expect(stored["address"] == "v=spf1 +a +mx +ip4:192.0.2.1 ?all")
    }

    @Test func relativeMXRecordIsIdempotent() throws {
        let zone = try #require(try ensureZone("example.com")["id"]?.stringValue)
        let desired = desiredRecord(zoneID: zone, type: "MX", address: "mail", priority: 10,
                                    relative: true)
        #expect(try applyRecord(desired))
        #expect(try !applyRecord(desired))
    }

    @Test func changedAddressUpdatesRecordInPlace() throws {
        let zone = try #require(try ensureZone("example.com")["id"]?.stringValue)
        _ = try applyRecord(desiredRecord(zoneID: zone, type: "A", record: "www",
                                          address: "192.0.2.10"))
        let before = try #require(try post("dns.zone_record_list").listValue?.first)

        let changed = desiredRecord(zoneID: zone, type: "A", record: "www",
                                    address: "192.0.2.20")
        #expect(try applyRecord(changed))
        #expect(try !applyRecord(changed))
        let after = try #require(try post("dns.zone_record_list").listValue)
        #expect(after.count == 1)
        #expect(after.first?["id"] == before["id"])
        #expect(after.first?["address"] == "192.0.2.20")
    }

    @Test func absentRecordIsDeleted() throws {
        let zone = try #require(try ensureZone("example.com")["id"]?.stringValue)
        _ = try applyRecord(desiredRecord(zoneID: zone, type: "A", record: "www",
                                          address: "192.0.2.10"))
        let record = try #require(try post("dns.zone_record_list").listValue?.first)
        let id = try #require(record["id"]?.stringValue)
        #expect(try post("dns.zone_record_delete", [("id", id)]) == record)
        #expect(try post("dns.zone_record_list") == [])
    }

    @Test func apiErrorHasFieldsModuleReads() throws {
        let zone = try #require(try ensureZone("example.com")["id"]?.stringValue)
        let response = harness.postForm("dns.zone_record_create",
                                        [("zone_id", zone), ("type", "A"), ("address", "x")])
        #expect(response.status == 400)
        #expect(response.json["error_type"] == "ApiErrorBadParameters")
        #expect(response.json["error"]?.stringValue?.contains("'address'") == true)
    }

    // MARK: - memset_dns_reload

    @Test func reloadGivesJobIDToPoll() throws {
        let job = try post("dns.reload")
        #expect(job["id"]?.stringValue?.count == 32)
        #expect(job["finished"] == false)
        #expect(job["error"] == false)
    }
}
