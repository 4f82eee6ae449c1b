import API
import Testing
import Wire

@Suite struct DNSZoneRecordTests {
    let harness: MethodsTestHarness
    let zone: Value

    init() throws {
        harness = try MethodsTestHarness()
        zone = try harness.createZone("example")
    }

    private func addressFault(_ type: String, _ address: String) -> MemsetFault? {
        harness.fault("dns.zone_record_create",
                      ["zone_id": zone, "type": .string(type), "address": .string(address)])
    }

    // MARK: - dns.zone_record_create

    @Test func createdRecordHasExactlyDocumentedKeys() throws {
        let record = try harness.createRecord(zone: zone, [
            "type": "MX", "record": "mail", "address": "mx.example.com", "ttl": 3600,
            "priority": 10, "relative": true,
        ])
        let id = try #require(record["id"]?.stringValue)
        #expect(id.count == 32)
        #expect(record == [
            "id": .string(id), "zone_id": zone, "type": "MX", "record": "mail",
            "address": "mx.example.com", "ttl": 3600, "priority": 10, "relative": true,
        ])
    }

    @Test func omittedFieldsTakeDocumentedDefaults() throws {
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        #expect(record["record"] == "")
        #expect(record["ttl"] == .integer(0))
        #expect(record["priority"] == .integer(0))
        #expect(record["relative"] == .boolean(false))
    }

    @Test func recordAppearsInItsZone() throws {
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        let info = try harness.result("dns.zone_info", ["id": zone])
        #expect(info["records"] == [record])
    }

    @Test func unknownZoneIsNotFound() {
        let fault = harness.fault("dns.zone_record_create", [
            "zone_id": .string(DNSTestData.missingID), "type": "A", "address": "192.0.2.1",
        ])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("'zone_id'") == true)
    }

    @Test func missingZoneIDIsRejected() {
        let fault = harness.fault("dns.zone_record_create", ["type": "A", "address": "192.0.2.1"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'zone_id'") == true)
    }

    @Test func undocumentedTypeIsRejected() {
        let fault = addressFault("PTR", "host.example.com")
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'type'") == true)
        #expect(fault?.message.contains("'PTR'") == true)
    }

    @Test func priorityAbove999IsRejected() {
        let fault = harness.fault("dns.zone_record_create", [
            "zone_id": zone, "type": "MX", "address": "mx.example.com", "priority": 1000,
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'priority'") == true)
    }

    @Test func negativePriorityIsRejected() {
        let fault = harness.fault("dns.zone_record_create", [
            "zone_id": zone, "type": "MX", "address": "mx.example.com", "priority": -1,
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'priority'") == true)
    }

    @Test func unacceptableTTLIsRejected() {
        let fault = harness.fault("dns.zone_record_create", [
            "zone_id": zone, "type": "A", "address": "192.0.2.1", "ttl": 60,
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'ttl'") == true)
    }

    @Test func invalidRecordNameIsRejected() {
        let fault = harness.fault("dns.zone_record_create", [
            "zone_id": zone, "type": "A", "record": "bad name", "address": "192.0.2.1",
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'record'") == true)
    }

    @Test func wildcardRecordNameIsAccepted() throws {
        let record = try harness.createRecord(zone: zone, [
            "type": "A", "record": "*.dev", "address": "192.0.2.1",
        ])
        #expect(record["record"] == "*.dev")
    }

    @Test func recordNameKeepsItsCase() throws {
        let record = try harness.createRecord(zone: zone, [
            "type": "A", "record": "WWW", "address": "192.0.2.1",
        ])
        #expect(record["record"] == "WWW")
    }

    // MARK: - Addresses by type

    @Test(arguments: [
        ("A", "192.0.2.1"), ("AAAA", "2001:db8::1"), ("AAAA", "::ffff:192.0.2.1"),
        ("CNAME", "www.example.com."), ("CNAME", "_acme-challenge.example.net"),
        ("CNAME", "web"), ("MX", "mail.example.com"), ("MX", "."), ("NS", "ns1.example.com"),
        ("SRV", "5 5060 sip.example.com"), ("SRV", "0 0 ."),
        ("TXT", "v=spf1 +a +mx ?all"), ("TXT", ""),
    ])
    func validAddressIsAccepted(type: String, address: String) throws {
        let record = try harness.createRecord(zone: zone, [
            "type": .string(type), "address": .string(address),
        ])
        #expect(record["address"] == .string(address))
    }

    @Test(arguments: [
        ("A", "192.0.2"), ("A", "192.0.2.256"), ("A", "2001:db8::1"), ("A", ""),
        ("AAAA", "192.0.2.1"), ("AAAA", "2001:db8:::1"), ("CNAME", "-bad.example.com"),
        ("CNAME", "a..example.com"), ("MX", "10 mail.example.com"), ("NS", "_ns.example.com"),
        ("SRV", "5060 sip.example.com"), ("SRV", "5 70000 sip.example.com"),
        ("SRV", "x 5060 sip.example.com"), ("SRV", "5 5060 bad_host.example.com"),
    ])
    func invalidAddressIsRejected(type: String, address: String) {
        let fault = addressFault(type, address)
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'address'") == true)
        #expect(fault?.message.contains("type \(type)") == true)
    }

    @Test func nonPrintableAddressIsRejected() {
        let fault = addressFault("TXT", "line\nbreak")
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'address'") == true)
    }

    @Test func addressLongerThan250IsRejected() {
        let fault = addressFault("TXT", String(repeating: "t", count: 251))
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("at most 250") == true)
    }

    @Test func txtOf250CharactersIsAccepted() throws {
        let text = String(repeating: "t", count: 250)
        let record = try harness.createRecord(zone: zone, [
            "type": "TXT", "address": .string(text),
        ])
        #expect(record["address"] == .string(text))
    }

    @Test func srvMessageShowsExpectedForm() {
        let fault = addressFault("SRV", "sip.example.com")
        #expect(fault?.message.contains("'weight port target'") == true)
    }

    // MARK: - dns.zone_record_info, dns.zone_record_list and dns.zone_record_delete

    @Test func infoReturnsCreatedRecord() throws {
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        #expect(try harness.result("dns.zone_record_info", ["id": record["id"] ?? nil]) == record)
    }

    @Test func unknownRecordIsNotFound() {
        let fault = harness.fault("dns.zone_record_info",
                                  ["id": .string(DNSTestData.missingID)])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains(DNSTestData.missingID) == true)
    }

    @Test func listReturnsRecordsOfEveryZoneInCreationOrder() throws {
        let other = try harness.createZone("other")
        let first = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        let second = try harness.createRecord(zone: other, ["type": "TXT", "address": "x"])
        let third = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.3"])
        #expect(try harness.result("dns.zone_record_list") == [first, second, third])
    }

    @Test func deleteReturnsRecordAsItWas() throws {
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        let id = record["id"] ?? nil
        #expect(try harness.result("dns.zone_record_delete", ["id": id]) == record)
        #expect(harness.fault("dns.zone_record_info", ["id": id])?.type == .doesNotExist)
        #expect(harness.fault("dns.zone_record_delete", ["id": id])?.type == .doesNotExist)
        #expect(try harness.result("dns.zone_info", ["id": zone])["records"] == [])
    }

    // MARK: - dns.zone_record_update

    @Test func updateChangesOnlyGivenFields() throws {
        let record = try harness.createRecord(zone: zone, [
            "type": "MX", "record": "mail", "address": "mx1.example.com", "ttl": 300,
            "priority": 10,
        ])
        let id = record["id"] ?? nil
        let updated = try harness.result("dns.zone_record_update",
                                         ["id": id, "address": "mx2.example.com"])
        var expected = try #require(record.dictionaryValue)
        expected["address"] = "mx2.example.com"
        #expect(updated == .dictionary(expected))
        #expect(try harness.result("dns.zone_record_info", ["id": id]) == updated)
    }

    @Test func updateChangesEveryField() throws {
        let other = try harness.createZone("other")
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        let id = record["id"] ?? nil
        let updated = try harness.result("dns.zone_record_update", [
            "id": id, "zone_id": other, "type": "CNAME", "record": "alias",
            "address": "www.example.com", "ttl": 86400, "priority": 5, "relative": true,
        ])
        #expect(updated == [
            "id": id, "zone_id": other, "type": "CNAME", "record": "alias",
            "address": "www.example.com", "ttl": 86400, "priority": 5, "relative": true,
        ])
        #expect(try harness.result("dns.zone_info", ["id": zone])["records"] == [])
    }

    @Test func updateChecksAddressAgainstNewType() throws {
        let record = try harness.createRecord(zone: zone, [
            "type": "CNAME", "address": "www.example.com",
        ])
        let id = record["id"] ?? nil
        let fault = harness.fault("dns.zone_record_update", ["id": id, "type": "A"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'address'") == true)
        #expect(fault?.message.contains("type A") == true)
        #expect(try harness.result("dns.zone_record_info", ["id": id]) == record)
    }

    @Test func updateToUnknownZoneChangesNothing() throws {
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        let id = record["id"] ?? nil
        let fault = harness.fault("dns.zone_record_update", [
            "id": id, "zone_id": .string(DNSTestData.missingID), "address": "192.0.2.9",
        ])
        #expect(fault?.type == .doesNotExist)
        #expect(try harness.result("dns.zone_record_info", ["id": id]) == record)
    }

    @Test func updateOfUnknownRecordIsNotFound() {
        let fault = harness.fault("dns.zone_record_update",
                                  ["id": .string(DNSTestData.missingID), "ttl": 300])
        #expect(fault?.type == .doesNotExist)
    }

    // MARK: - Accounts

    @Test func recordsOfOtherAccountsAreInvisible() throws {
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        let id = record["id"] ?? nil
        let bob = MethodsTestHarness.bobKey
        #expect(try harness.result("dns.zone_record_list", key: bob) == [])
        #expect(harness.fault("dns.zone_record_info", ["id": id], key: bob)?.type
                    == .doesNotExist)
        #expect(harness.fault("dns.zone_record_update", ["id": id, "ttl": 300], key: bob)?.type
                    == .doesNotExist)
        #expect(harness.fault("dns.zone_record_delete", ["id": id], key: bob)?.type
                    == .doesNotExist)
        #expect(try harness.result("dns.zone_record_info", ["id": id]) == record)
    }

    @Test func recordCannotBeAddedToOtherAccountsZone() {
        let fault = harness.fault("dns.zone_record_create", [
            "zone_id": zone, "type": "A", "address": "192.0.2.1",
        ], key: MethodsTestHarness.bobKey)
        #expect(fault?.type == .doesNotExist)
    }

    @Test func recordCannotMoveToOtherAccountsZone() throws {
        let bobZone = try harness.createZone("bob's", key: MethodsTestHarness.bobKey)
        let record = try harness.createRecord(zone: zone, ["type": "A", "address": "192.0.2.1"])
        let fault = harness.fault("dns.zone_record_update",
                                  ["id": record["id"] ?? nil, "zone_id": bobZone])
        #expect(fault?.type == .doesNotExist)
    }
}
