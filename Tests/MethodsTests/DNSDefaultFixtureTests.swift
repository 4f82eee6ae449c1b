import API
import Methods
import Simulation
import Store
import TestSupport
import Testing
import Wire

/// The DNS methods over the data the server starts with, from `fixtures/default.json`.
@Suite struct DNSDefaultFixtureTests {
    static let developmentKey = "0123456789abcdef0123456789abcdef"
    static let otherAccountKey = "0fedcba9876543210fedcba987654321"
    static let exampleZone = "6578616d706c652d7a6f6e652d303031"

    let dispatcher: Dispatcher

    init() throws {
        dispatcher = try makeDefaultFixtureDispatcher()
    }

    private func result(_ method: String, _ parameters: [String: Value] = [:],
                        key: String = developmentKey) throws -> Value {
        let raw = parameters.mapValues { RawArgument($0, source: .typed) }
        return try dispatcher.call(method, raw, key: key).get()
    }

    @Test func zoneListShowsFixtureZones() throws {
        let zones = try #require(try result("dns.zone_list").listValue)
        #expect(zones.map { $0["nickname"] } == ["example sites", "staging"])
        #expect(zones.first?["ttl"] == .integer(3600))
        #expect(zones.first?["records"]?.listValue?.count == 10)
        #expect(zones.first?["domains"] == [
            ["domain": "example.com", "zone_id": .string(Self.exampleZone)],
            ["domain": "example.org", "zone_id": .string(Self.exampleZone)],
        ])
    }

    @Test func fixtureRecordHasDocumentedTypes() throws {
        let record = try result("dns.zone_record_info",
                                ["id": "7265636f72642d7372762d3030303031"])
        #expect(record == [
            "id": "7265636f72642d7372762d3030303031", "zone_id": .string(Self.exampleZone),
            "type": "SRV", "record": "_sip._tcp", "address": "5 5060 sip.example.com",
            "ttl": 86400, "priority": 10, "relative": false,
        ])
    }

    /// An update that changes nothing checks the stored address against its type, so every
    /// fixture record must pass the checks that new records get.
    @Test func everyFixtureRecordPassesAddressChecks() throws {
        let records = try #require(try result("dns.zone_record_list").listValue)
        #expect(records.count == 11)
        for record in records {
            let updated = try result("dns.zone_record_update", ["id": record["id"] ?? nil])
            #expect(updated == record)
        }
    }

    @Test func domainOutsideZonesHasNoZoneID() throws {
        let domain = try result("dns.zone_domain_info", ["domain": "example.info"])
        #expect(domain == ["domain": "example.info"])
    }

    @Test func otherAccountsDomainIsNotUnique() {
        let raw = ["domain": RawArgument("other.example", source: .typed)]
        let outcome = dispatcher.call("dns.zone_domain_create", raw, key: Self.developmentKey)
        #expect(outcome == .failure(MemsetFault(.notUnique,
                                                "Zone domain 'other.example' already exists")))
    }

    @Test func reverseMapsOfMyserver1() throws {
        let maps = try result("dns.reverse_map_list", ["name": "myserver1"])
        #expect(maps == [
            ["name": "myserver1", "address": "192.0.2.10",
             "reverse_map": "myserver1.miniserver.com"],
            ["name": "myserver1", "address": "2001:db8:10::10", "reverse_map": "www.example.com"],
        ])
    }

    @Test func otherAccountSeesOnlyItsOwnZone() throws {
        let zones = try #require(try result("dns.zone_list", key: Self.otherAccountKey)
            .listValue)
        #expect(zones.map { $0["nickname"] } == ["other zone"])
        let records = try result("dns.zone_record_list", key: Self.otherAccountKey)
        #expect(records.listValue?.count == 1)
    }
}
