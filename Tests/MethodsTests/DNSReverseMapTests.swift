import API
import Store
import Testing
import Wire

/// Alice has the servers `web` (192.0.2.10 and 2001:db8::10) and `db` (198.51.100.20), and
/// the Memstore service `files`; Bob has the server `bobweb` (203.0.113.30).
@Suite struct DNSReverseMapTests {
    let harness: MethodsTestHarness

    init() throws {
        harness = try MethodsTestHarness()
        let alice = harness.alice.id
        let bob = harness.bob.id
        try harness.store.write { transaction in
            try transaction.insertServer(Self.server("web", account: alice, ips: [
                ServerIPRecord(address: "192.0.2.10", reverseMap: "web.example.com"),
                ServerIPRecord(address: "2001:db8::10"),
            ]))
            try transaction.insertServer(Self.server("db", account: alice, ips: [
                ServerIPRecord(address: "198.51.100.20", reverseMap: "db.example.com"),
            ]))
            try transaction.insertService(Self.service("files", type: "memstore",
                                                       account: alice))
            try transaction.insertServer(Self.server("bobweb", account: bob, ips: [
                ServerIPRecord(address: "203.0.113.30", reverseMap: "bob.example.net"),
            ]))
        }
    }

    private static func service(_ name: String, type: String, account: Int64) -> ServiceRecord {
        ServiceRecord(
            accountID: account, name: name, type: type,
            startDate: DateTime(year: 2025, month: 1, day: 1, includesTime: false),
            expiryDate: DateTime(year: 2026, month: 1, day: 1, includesTime: false),
            renewalPriceAmount: 10, renewalPriceVAT: 2)
    }

    private static func server(_ name: String, account: Int64,
                               ips: [ServerIPRecord]) -> ServerRecord {
        ServerRecord(service: service(name, type: "miniserver", account: account),
                     hostName: "\(name).miniserver.com", primaryIP: ips[0].address, ips: ips,
                     os: "debian_bookworm_64")
    }

    private let web = Value.dictionary([
        "name": "web", "address": "192.0.2.10", "reverse_map": "web.example.com",
    ])
    private let web6 = Value.dictionary([
        "name": "web", "address": "2001:db8::10", "reverse_map": "",
    ])
    private let db = Value.dictionary([
        "name": "db", "address": "198.51.100.20", "reverse_map": "db.example.com",
    ])

    // MARK: - dns.reverse_map_list

    @Test func listShowsEveryAddressOfEveryServer() throws {
        #expect(try harness.result("dns.reverse_map_list") == [web, web6, db])
    }

    @Test func listByNameShowsThatServer() throws {
        #expect(try harness.result("dns.reverse_map_list", ["name": "db"]) == [db])
    }

    @Test func listByAddressShowsThatAddress() throws {
        #expect(try harness.result("dns.reverse_map_list", ["address": "192.0.2.10"]) == [web])
    }

    @Test func addressMatchesAnotherSpellingOfIt() throws {
        let maps = try harness.result("dns.reverse_map_list",
                                      ["address": "2001:DB8:0:0:0:0:0:10"])
        #expect(maps == [web6])
    }

    @Test func addressOfAnotherServerIsNotShown() throws {
        let maps = try harness.result("dns.reverse_map_list",
                                      ["name": "db", "address": "192.0.2.10"])
        #expect(maps == [])
    }

    @Test func unattachedAddressGivesEmptyList() throws {
        #expect(try harness.result("dns.reverse_map_list", ["address": "192.0.2.99"]) == [])
    }

    @Test(arguments: ["nosuchserver", "files", "bobweb"])
    func unknownServerIsNotFound(_ name: String) {
        let fault = harness.fault("dns.reverse_map_list", ["name": .string(name)])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("'\(name)'") == true)
    }

    @Test func addressesOfOtherAccountsAreInvisible() throws {
        #expect(try harness.result("dns.reverse_map_list", ["address": "203.0.113.30"]) == [])
        let bobs = try harness.result("dns.reverse_map_list", key: MethodsTestHarness.bobKey)
        #expect(bobs == [
            ["name": "bobweb", "address": "203.0.113.30", "reverse_map": "bob.example.net"],
        ])
    }

    @Test func invalidAddressIsRejected() {
        let fault = harness.fault("dns.reverse_map_list", ["address": "web.example.com"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'address'") == true)
    }

    // MARK: - dns.reverse_map_update

    @Test func updateSetsReverseMapAndReturnsIt() throws {
        let updated = try harness.result("dns.reverse_map_update", [
            "address": "192.0.2.10", "reverse_map": "www.example.org",
        ])
        let expected: Value = [
            "name": "web", "address": "192.0.2.10", "reverse_map": "www.example.org",
        ]
        #expect(updated == [expected])
        #expect(try harness.result("dns.reverse_map_list", ["name": "web"]) == [expected, web6])
    }

    @Test func updateWithNameChecksServer() throws {
        let updated = try harness.result("dns.reverse_map_update", [
            "name": "web", "address": "2001:db8:0::10", "reverse_map": "v6.example.org",
        ])
        #expect(updated == [
            ["name": "web", "address": "2001:db8::10", "reverse_map": "v6.example.org"],
        ])
    }

    @Test func updateOfAddressOnAnotherServerChangesNothing() throws {
        let fault = harness.fault("dns.reverse_map_update", [
            "name": "db", "address": "192.0.2.10", "reverse_map": "www.example.org",
        ])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("'192.0.2.10'") == true)
        #expect(fault?.message.contains("'db'") == true)
        #expect(try harness.result("dns.reverse_map_list") == [web, web6, db])
    }

    @Test func updateOfUnattachedAddressIsNotFound() {
        let fault = harness.fault("dns.reverse_map_update", [
            "address": "192.0.2.99", "reverse_map": "www.example.org",
        ])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("'192.0.2.99'") == true)
    }

    @Test func updateOfOtherAccountsAddressChangesNothing() throws {
        let fault = harness.fault("dns.reverse_map_update", [
            "address": "203.0.113.30", "reverse_map": "stolen.example.org",
        ])
        #expect(fault?.type == .doesNotExist)
        let bobs = try harness.result("dns.reverse_map_list", key: MethodsTestHarness.bobKey)
        #expect(bobs.listValue?.first?["reverse_map"] == "bob.example.net")
    }

    @Test func updateOnUnknownServerIsNotFound() {
        let fault = harness.fault("dns.reverse_map_update", [
            "name": "nosuchserver", "address": "192.0.2.10", "reverse_map": "www.example.org",
        ])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("'nosuchserver'") == true)
    }

    @Test(arguments: ["not a host", "-bad.example.com", "bad_name.example.com", ""])
    func invalidReverseMapIsRejected(_ reverseMap: String) throws {
        let fault = harness.fault("dns.reverse_map_update", [
            "address": "192.0.2.10", "reverse_map": .string(reverseMap),
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'reverse_map'") == true)
        #expect(try harness.result("dns.reverse_map_list", ["name": "web"]) == [web, web6])
    }

    @Test func missingAddressIsRejected() {
        let fault = harness.fault("dns.reverse_map_update", ["reverse_map": "www.example.org"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'address'") == true)
    }
}
