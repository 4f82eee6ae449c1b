import API
import Testing
import Wire

@Suite struct DNSZoneDomainTests {
    let harness: MethodsTestHarness
    let zone: Value

    init() throws {
        harness = try MethodsTestHarness()
        zone = try harness.createZone("example")
    }

    private func create(_ domain: String, zone: Value? = nil,
                        key: String = MethodsTestHarness.aliceKey) throws -> Value {
        var parameters: [String: Value] = ["domain": .string(domain)]
        parameters["zone_id"] = zone
        return try harness.result("dns.zone_domain_create", parameters, key: key)
    }

    // MARK: - dns.zone_domain_create

    @Test func domainInZoneHasDomainAndZoneID() throws {
        #expect(try create("example.com", zone: zone)
                    == ["domain": "example.com", "zone_id": zone])
    }

    @Test func domainWithoutZoneHasNoZoneID() throws {
        #expect(try create("example.com") == ["domain": "example.com"])
    }

    @Test func domainKeepsCaseWithoutFinalDot() throws {
        #expect(try create("WWW.Example.COM.", zone: zone)["domain"] == "WWW.Example.COM")
        #expect(try harness.result("dns.zone_domain_list")
                    == [["domain": "WWW.Example.COM", "zone_id": zone]])
    }

    @Test func domainInOtherCaseIsNotUnique() throws {
        _ = try create("Example.com", zone: zone)
        let fault = harness.fault("dns.zone_domain_create",
                                  ["domain": "example.COM", "zone_id": zone])
        #expect(fault?.type == .notUnique)
    }

    @Test func domainAppearsInItsZone() throws {
        let domain = try create("example.com", zone: zone)
        #expect(try harness.result("dns.zone_info", ["id": zone])["domains"] == [domain])
    }

    @Test(arguments: ["example.com", "EXAMPLE.com", "example.com."])
    func existingDomainIsNotUnique(_ again: String) throws {
        _ = try create("example.com", zone: zone)
        let fault = harness.fault("dns.zone_domain_create", ["domain": .string(again)])
        #expect(fault?.type == .notUnique)
        #expect(fault?.message.lowercased().contains("example.com") == true)
    }

    @Test func domainOfOtherAccountIsNotUnique() throws {
        _ = try create("example.com", key: MethodsTestHarness.bobKey)
        let fault = harness.fault("dns.zone_domain_create",
                                  ["domain": "example.com", "zone_id": zone])
        #expect(fault?.type == .notUnique)
        #expect(try harness.result("dns.zone_domain_list") == [])
    }

    @Test func unknownZoneCreatesNothing() throws {
        let fault = harness.fault("dns.zone_domain_create", [
            "domain": "example.com", "zone_id": .string(DNSTestData.missingID),
        ])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("'zone_id'") == true)
        #expect(try harness.result("dns.zone_domain_list") == [])
    }

    @Test(arguments: ["not a domain", "-bad.example.com", "bad_.example.com", "a..example.com",
                      "localhost", "192.0.2.1", ""])
    func invalidDomainIsRejected(_ domain: String) {
        let fault = harness.fault("dns.zone_domain_create", ["domain": .string(domain)])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'domain'") == true)
    }

    @Test func domainLongerThan250IsRejected() {
        let label = String(repeating: "a", count: 60)
        let domain = [label, label, label, label, "example"].joined(separator: ".")
        let fault = harness.fault("dns.zone_domain_create", ["domain": .string(domain)])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("at most 250") == true)
    }

    // MARK: - dns.zone_domain_info and dns.zone_domain_list

    @Test func infoFindsDomainWhateverItsCase() throws {
        let domain = try create("example.com", zone: zone)
        #expect(try harness.result("dns.zone_domain_info", ["domain": "Example.Com."]) == domain)
    }

    @Test func infoOfUnknownDomainIsNotFound() {
        let fault = harness.fault("dns.zone_domain_info", ["domain": "example.com"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("'example.com'") == true)
    }

    @Test func listKeepsCreationOrder() throws {
        let first = try create("b.example", zone: zone)
        let second = try create("a.example")
        let third = try create("c.example", zone: zone)
        #expect(try harness.result("dns.zone_domain_list") == [first, second, third])
    }

    // MARK: - dns.zone_domain_update

    @Test func updateMovesDomainToOtherZone() throws {
        let other = try harness.createZone("other")
        _ = try create("example.com", zone: zone)
        let moved = try harness.result("dns.zone_domain_update",
                                       ["domain": "example.com", "zone_id": other])
        #expect(moved == ["domain": "example.com", "zone_id": other])
        #expect(try harness.result("dns.zone_info", ["id": zone])["domains"] == [])
        #expect(try harness.result("dns.zone_info", ["id": other])["domains"] == [moved])
    }

    @Test func updateWithoutZoneIDTakesDomainOutOfZone() throws {
        _ = try create("example.com", zone: zone)
        let updated = try harness.result("dns.zone_domain_update", ["domain": "example.com"])
        #expect(updated == ["domain": "example.com"])
        #expect(try harness.result("dns.zone_info", ["id": zone])["domains"] == [])
    }

    @Test func updateToUnknownZoneChangesNothing() throws {
        let domain = try create("example.com", zone: zone)
        let fault = harness.fault("dns.zone_domain_update", [
            "domain": "example.com", "zone_id": .string(DNSTestData.missingID),
        ])
        #expect(fault?.type == .doesNotExist)
        #expect(try harness.result("dns.zone_domain_info", ["domain": "example.com"]) == domain)
    }

    @Test func updateOfUnknownDomainIsNotFound() {
        let fault = harness.fault("dns.zone_domain_update",
                                  ["domain": "example.com", "zone_id": zone])
        #expect(fault?.type == .doesNotExist)
    }

    // MARK: - dns.zone_domain_delete

    @Test func deleteReturnsDomainAsItWas() throws {
        let domain = try create("example.com", zone: zone)
        #expect(try harness.result("dns.zone_domain_delete", ["domain": "EXAMPLE.com"])
                    == domain)
        #expect(harness.fault("dns.zone_domain_info", ["domain": "example.com"])?.type
                    == .doesNotExist)
        #expect(try harness.result("dns.zone_info", ["id": zone])["domains"] == [])
    }

    @Test func deletedDomainCanBeAddedAgain() throws {
        _ = try create("example.com", zone: zone)
        _ = try harness.result("dns.zone_domain_delete", ["domain": "example.com"])
        #expect(try create("example.com", key: MethodsTestHarness.bobKey)
                    == ["domain": "example.com"])
    }

    @Test func deleteOfUnknownDomainIsNotFound() {
        let fault = harness.fault("dns.zone_domain_delete", ["domain": "example.com"])
        #expect(fault?.type == .doesNotExist)
    }

    // MARK: - Accounts

    @Test func domainsOfOtherAccountsAreInvisible() throws {
        let domain = try create("example.com", zone: zone)
        let bob = MethodsTestHarness.bobKey
        let bobZone = try harness.createZone("bob's", key: bob)
        #expect(try harness.result("dns.zone_domain_list", key: bob) == [])
        #expect(harness.fault("dns.zone_domain_info", ["domain": "example.com"], key: bob)?
                    .type == .doesNotExist)
        #expect(harness.fault("dns.zone_domain_update",
                              ["domain": "example.com", "zone_id": bobZone], key: bob)?
                    .type == .doesNotExist)
        #expect(harness.fault("dns.zone_domain_delete", ["domain": "example.com"], key: bob)?
                    .type == .doesNotExist)
        #expect(try harness.result("dns.zone_domain_info", ["domain": "example.com"]) == domain)
    }

    @Test func domainCannotJoinOtherAccountsZone() throws {
        let bobZone = try harness.createZone("bob's", key: MethodsTestHarness.bobKey)
        let fault = harness.fault("dns.zone_domain_create",
                                  ["domain": "example.com", "zone_id": bobZone])
        #expect(fault?.type == .doesNotExist)
    }
}
