import API
import Store
import Testing
import Wire

@Suite struct DNSZoneTests {
    let harness: MethodsTestHarness

    init() throws {
        harness = try MethodsTestHarness()
    }

    // MARK: - dns.zone_create and dns.zone_info

    @Test func createdZoneHasDocumentedKeys() throws {
        let zone = try harness.result("dns.zone_create", ["nickname": "example", "ttl": 300])
        let id = try #require(zone["id"]?.stringValue)
        #expect(id.count == 32)
        #expect(id.utf8.allSatisfy { "0123456789abcdef".utf8.contains($0) })
        #expect(zone == [
            "id": .string(id), "nickname": "example", "ttl": 300, "records": [], "domains": [],
        ])
    }

    @Test func zoneTTLDefaultsToZero() throws {
        let zone = try harness.result("dns.zone_create", ["nickname": "example"])
        #expect(zone["ttl"] == .integer(0))
    }

    @Test func zoneInfoReturnsCreatedZone() throws {
        let created = try harness.result("dns.zone_create", ["nickname": "example"])
        let info = try harness.result("dns.zone_info", ["id": created["id"] ?? nil])
        #expect(info == created)
    }

    @Test func zoneInfoAcceptsUppercaseID() throws {
        let created = try harness.result("dns.zone_create", ["nickname": "example"])
        let id = try #require(created["id"]?.stringValue)
        let info = try harness.result("dns.zone_info", ["id": .string(id.uppercased())])
        #expect(info["id"] == .string(id))
    }

    @Test func unknownZoneIsNotFound() {
        let fault = harness.fault("dns.zone_info", ["id": .string(DNSTestData.missingID)])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains(DNSTestData.missingID) == true)
    }

    @Test func zoneIDMustBeHex() {
        let fault = harness.fault("dns.zone_info", ["id": "example.com"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'id'") == true)
    }

    @Test func unacceptableTTLIsRejected() {
        let fault = harness.fault("dns.zone_create", ["nickname": "example", "ttl": 301])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'ttl'") == true)
        #expect(fault?.message.contains("301") == true)
    }

    @Test func everyAcceptableTTLIsAccepted() throws {
        for ttl in [0, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400] {
            let zone = try harness.result("dns.zone_create",
                                          ["nickname": "z", "ttl": .integer(ttl)])
            #expect(zone["ttl"] == .integer(ttl))
        }
    }

    @Test func nicknameLongerThan250IsRejected() {
        let nickname = Value.string(String(repeating: "n", count: 251))
        let fault = harness.fault("dns.zone_create", ["nickname": nickname])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'nickname'") == true)
    }

    @Test func missingNicknameIsRejected() {
        let fault = harness.fault("dns.zone_create", [:])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'nickname'") == true)
    }

    @Test func nicknamesNeedNotBeUnique() throws {
        let first = try harness.result("dns.zone_create", ["nickname": "same"])
        let second = try harness.result("dns.zone_create", ["nickname": "same"])
        #expect(first["id"] != second["id"])
    }

    @Test func seededIDsRepeatAcrossRuns() throws {
        let other = try MethodsTestHarness()
        let first = try harness.result("dns.zone_create", ["nickname": "a"])
        let second = try other.result("dns.zone_create", ["nickname": "a"])
        #expect(first["id"] == second["id"])
    }

    // MARK: - dns.zone_create with records and domains

    @Test func zoneCreateAddsRecordsAndDomains() throws {
        let zone = try harness.result("dns.zone_create", [
            "nickname": "example",
            "records": [
                ["type": "A", "record": "www", "address": "192.0.2.10", "ttl": 300],
                ["type": "MX", "address": "mail.example.com", "priority": 10],
            ],
            "domains": [["domain": "example.com"], ["domain": "Example.ORG."]],
        ])
        let id = try #require(zone["id"]?.stringValue)
        let records = try #require(zone["records"]?.listValue)
        #expect(records.count == 2)
        let www = try #require(records.first)
        #expect(www == [
            "id": www["id"] ?? nil, "zone_id": .string(id), "type": "A", "record": "www",
            "address": "192.0.2.10", "ttl": 300, "priority": 0, "relative": false,
        ])
        #expect(records.last?["record"] == "")
        #expect(records.last?["priority"] == 10)
        #expect(zone["domains"] == [
            ["domain": "example.com", "zone_id": .string(id)],
            ["domain": "Example.ORG", "zone_id": .string(id)],
        ])
        #expect(try harness.result("dns.zone_info", ["id": .string(id)]) == zone)
    }

    @Test func badRecordEntryCreatesNothing() throws {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example",
            "records": [
                ["type": "A", "address": "192.0.2.10"],
                ["type": "A", "record": "www", "address": "not-an-ip"],
            ],
            "domains": [["domain": "example.com"]],
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.hasPrefix("records[1]: ") == true)
        #expect(fault?.message.contains("'address'") == true)
        #expect(fault?.message.contains("not-an-ip") == true)
        #expect(try harness.result("dns.zone_list") == [])
        #expect(try harness.result("dns.zone_record_list") == [])
        #expect(try harness.result("dns.zone_domain_list") == [])
    }

    @Test func recordEntryWithBadTypeNamesEntryAndField() {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example", "records": [["type": "PTR", "address": "x.example.com"]],
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.hasPrefix("records[0]: ") == true)
        #expect(fault?.message.contains("'type'") == true)
    }

    @Test func recordEntryMissingAddressIsRejected() {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example", "records": [["type": "A"]],
        ])
        #expect(fault?.message == "records[0]: Missing required parameter 'address' (String)")
    }

    @Test func recordEntryWithZoneIDIsRejected() {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example",
            "records": [["zone_id": .string(DNSTestData.missingID), "type": "A",
                         "address": "192.0.2.1"]],
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.hasPrefix("records[0]: ") == true)
        #expect(fault?.message.contains("'zone_id'") == true)
    }

    @Test func recordEntryWithUnknownFieldIsRejected() {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example",
            "records": [["type": "A", "address": "192.0.2.1", "weight": 5]],
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'weight'") == true)
    }

    @Test func entryThatIsNotDictionaryIsRejected() {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example", "domains": ["example.com"],
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.hasPrefix("domains[0]: ") == true)
        #expect(fault?.message.contains("Dictionary") == true)
    }

    @Test func takenDomainEntryCreatesNothing() throws {
        _ = try harness.result("dns.zone_domain_create", ["domain": "taken.example"],
                               key: MethodsTestHarness.bobKey)
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example",
            "records": [["type": "A", "address": "192.0.2.1"]],
            "domains": [["domain": "free.example"], ["domain": "TAKEN.example"]],
        ])
        #expect(fault?.type == .notUnique)
        #expect(fault?.message.hasPrefix("domains[1]: ") == true)
        #expect(try harness.result("dns.zone_list") == [])
        #expect(try harness.result("dns.zone_domain_list") == [])
    }

    @Test func repeatedDomainEntryIsRejected() {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example",
            "domains": [["domain": "example.com"], ["domain": "example.com."]],
        ])
        #expect(fault?.type == .notUnique)
        #expect(fault?.message.hasPrefix("domains[1]: ") == true)
    }

    @Test func invalidDomainEntryNamesEntry() {
        let fault = harness.fault("dns.zone_create", [
            "nickname": "example", "domains": [["domain": "not a domain"]],
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.hasPrefix("domains[0]: ") == true)
        #expect(fault?.message.contains("'domain'") == true)
    }

    @Test func zoneCreateOverXMLRPCTakesNestedStructs() throws {
        let body = XMLRPC.encodeCall(methodName: "dns.zone_create", params: [[
            "nickname": "example",
            "records": [["type": "MX", "address": "mail.example.com", "priority": 10,
                         "relative": false]],
            "domains": [["domain": "example.com"]],
        ]])
        let credentials = Base64.encode(Array("\(MethodsTestHarness.aliceKey):".utf8))
        let response = harness.dispatcher.respond(to: APIRequest(
            httpMethod: "POST", path: "/v1/xmlrpc/", contentType: "text/xml",
            authorization: "Basic " + credentials, body: body))
        guard case .success(let zone) = try XMLRPC.decodeResponse(response.body) else {
            let text = String(decoding: response.body, as: UTF8.self)
            Issue.record("dns.zone_create over XML-RPC failed: \(text)")
            return
        }
        #expect(zone["records"]?.listValue?.first?["priority"] == .integer(10))
        #expect(zone["records"]?.listValue?.first?["relative"] == .boolean(false))
        #expect(zone["domains"]?.listValue?.first?["domain"] == "example.com")
    }

    @Test func listsPassedAsFormTextAreRejected() {
        let response = harness.postForm("dns.zone_create",
                                        [("nickname", "example"), ("records", "[]")])
        #expect(response.status == 400)
        #expect(response.json["error_type"] == "ApiErrorBadParameters")
    }

    // MARK: - dns.zone_list, dns.zone_update and dns.zone_delete

    @Test func zoneListKeepsCreationOrder() throws {
        let names = ["c", "a", "b"]
        for name in names {
            _ = try harness.result("dns.zone_create", ["nickname": .string(name)])
        }
        let zones = try #require(try harness.result("dns.zone_list").listValue)
        #expect(zones.map { $0["nickname"] } == names.map(Value.string))
    }

    @Test func zoneUpdateChangesOnlyGivenFields() throws {
        let id = try harness.createZone("before", ttl: 600)
        let renamed = try harness.result("dns.zone_update", ["id": id, "nickname": "after"])
        #expect(renamed["nickname"] == "after")
        #expect(renamed["ttl"] == 600)
        let retimed = try harness.result("dns.zone_update", ["id": id, "ttl": 3600])
        #expect(retimed["nickname"] == "after")
        #expect(retimed["ttl"] == 3600)
        #expect(try harness.result("dns.zone_info", ["id": id]) == retimed)
    }

    @Test func zoneUpdateRejectsUnacceptableTTL() throws {
        let id = try harness.createZone("zone", ttl: 600)
        let fault = harness.fault("dns.zone_update", ["id": id, "ttl": 5])
        #expect(fault?.type == .badParameters)
        #expect(try harness.result("dns.zone_info", ["id": id])["ttl"] == 600)
    }

    @Test func zoneDeleteReturnsZoneAsItWas() throws {
        let id = try harness.createZone("doomed")
        _ = try harness.createRecord(zone: id, ["type": "A", "address": "192.0.2.1"])
        _ = try harness.result("dns.zone_domain_create", ["domain": "doomed.example",
                                                          "zone_id": id])
        let before = try harness.result("dns.zone_info", ["id": id])
        #expect(try harness.result("dns.zone_delete", ["id": id]) == before)
        #expect(harness.fault("dns.zone_info", ["id": id])?.type == .doesNotExist)
    }

    @Test func zoneDeleteRemovesRecordsAndDomains() throws {
        let id = try harness.createZone("doomed")
        let kept = try harness.createZone("kept")
        _ = try harness.createRecord(zone: id, ["type": "A", "address": "192.0.2.1"])
        let keptRecord = try harness.createRecord(zone: kept,
                                                  ["type": "A", "address": "192.0.2.2"])
        _ = try harness.result("dns.zone_domain_create", ["domain": "doomed.example",
                                                          "zone_id": id])
        _ = try harness.result("dns.zone_delete", ["id": id])
        #expect(try harness.result("dns.zone_record_list") == [keptRecord])
        #expect(try harness.result("dns.zone_domain_list") == [])
        let again = harness.fault("dns.zone_domain_create", ["domain": "doomed.example"])
        #expect(again == nil)
    }

    @Test func deletingUnknownZoneIsNotFound() {
        let fault = harness.fault("dns.zone_delete", ["id": .string(DNSTestData.missingID)])
        #expect(fault?.type == .doesNotExist)
    }

    // MARK: - Accounts

    @Test func zonesOfOtherAccountsAreInvisible() throws {
        let id = try harness.createZone("alice's")
        let bob = MethodsTestHarness.bobKey
        #expect(try harness.result("dns.zone_list", key: bob) == [])
        #expect(harness.fault("dns.zone_info", ["id": id], key: bob)?.type == .doesNotExist)
        #expect(harness.fault("dns.zone_update", ["id": id, "nickname": "x"], key: bob)?.type
                    == .doesNotExist)
        #expect(harness.fault("dns.zone_delete", ["id": id], key: bob)?.type == .doesNotExist)
        #expect(try harness.result("dns.zone_info", ["id": id])["nickname"] == "alice's")
    }
}

// MARK: - Helpers shared by the DNS tests

enum DNSTestData {
    /// A well-formed ID that no zone or record has.
    static let missingID = "00000000000000000000000000000000"
}

extension MethodsTestHarness {
    /// Creates a zone and returns its ID.
    func createZone(_ nickname: String, ttl: Int = 0,
                    key: String = MethodsTestHarness.aliceKey) throws -> Value {
        let zone = try result("dns.zone_create",
                              ["nickname": .string(nickname), "ttl": .integer(ttl)], key: key)
        return try #require(zone["id"])
    }

    /// Creates a record in the zone and returns it.
    func createRecord(zone: Value, _ fields: [String: Value],
                      key: String = MethodsTestHarness.aliceKey) throws -> Value {
        var parameters = fields
        parameters["zone_id"] = zone
        return try result("dns.zone_record_create", parameters, key: key)
    }

    /// POSTs a form to `/v1/json/METHOD/`, the way Ansible's memset modules call the API:
    /// every value is text, and the key is the basic-auth user name with no password.
    func postForm(_ method: String, _ fields: [(String, String)],
                  key: String = MethodsTestHarness.aliceKey) -> APIResponse {
        let body = fields.map { "\(formEncoded($0.0))=\(formEncoded($0.1))" }
            .joined(separator: "&")
        return dispatcher.respond(to: APIRequest(
            httpMethod: "POST", path: "/v1/json/\(method)/",
            contentType: "application/x-www-form-urlencoded",
            authorization: "Basic " + Base64.encode(Array((key + ":").utf8)),
            body: Array(body.utf8)))
    }

    private func formEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "):
                encoded.append("+")
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return encoded
    }
}
