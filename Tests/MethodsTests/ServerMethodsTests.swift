import API
import Testing
import Wire

@Suite struct ServerMethodsTests {
    static let serverKeys: Set<String> = [
        "host_name", "primary_ip", "ips", "vlans", "os", "backups", "control_panel",
        "firewall_type", "firewall_rule_group", "monitoring_level", "monitor",
        "ignore_monitoring_off", "no_nrpe", "no_auto_reboot", "support_level", "vulnscan",
        "intrusion_detection", "intrusion_detection_alert_level",
    ]

    private func names(_ value: Value) -> [String] {
        (value.listValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    // MARK: - server.info

    @Test func infoReturnsServerAndServiceKeys() throws {
        let harness = try MethodsTestHarness.withServices()
        let info = try harness.result("server.info", ["name": "alice1"])
        #expect(info.dictionaryKeys
            == ServerMethodsTests.serverKeys.union(ServiceMethodsTests.serviceKeys))
    }

    @Test func infoReturnsServerValuesWithDocumentedTypes() throws {
        let harness = try MethodsTestHarness.withServices()
        let info = try harness.result("server.info", ["name": "alice1"])
        #expect(info["name"] == "alice1")
        #expect(info["host_name"] == "alice1.miniserver.com")
        #expect(info["primary_ip"] == "192.0.2.10")
        #expect(info["vlans"] == ["tagged": ["backend"], "untagged": ["public"]])
        #expect(info["os"] == "debian_bookworm_64")
        #expect(info["backups"] == true)
        #expect(info["control_panel"] == "none")
        #expect(info["firewall_type"] == "basic")
        #expect(info["monitoring_level"] == "basic")
        #expect(info["monitor"] == true)
        #expect(info["ignore_monitoring_off"] == false)
        #expect(info["no_nrpe"] == false)
        #expect(info["no_auto_reboot"] == false)
        #expect(info["support_level"] == "basic")
        #expect(info["vulnscan"] == "none")
        #expect(info["intrusion_detection"] == "basic")
        #expect(info["intrusion_detection_alert_level"] == .integer(7))
        #expect(info["renewal_price_amount"] == .float(21.6))
        #expect(info["start_date"]?.dateValue?.includesTime == false)
    }

    @Test func infoListsAddressesWithIntegerCounters() throws {
        let harness = try MethodsTestHarness.withServices()
        let ips = try harness.result("server.info", ["name": "alice1"])["ips"]?.listValue
        #expect(ips?.count == 2)
        #expect(ips?.first == [
            "address": "192.0.2.10", "reverse_map": "alice1.example.com",
            "bytes_in_yesterday": .integer(1_000), "bytes_out_yesterday": .integer(2_000),
            "bytes_in_today": .integer(300), "bytes_out_today": .integer(400),
        ])
        #expect(ips?.last?["bytes_in_today"] == .integer(0))
    }

    @Test func infoDescribesAppliedRuleGroup() throws {
        let harness = try MethodsTestHarness.withServices()
        let group = try harness.result("server.info", ["name": "alice1"])["firewall_rule_group"]
        #expect(group == [
            "name": "fw-web", "nickname": "Web servers", "public": false, "notes": "HTTP in",
            "default_outbound_policy": "ACCEPT", "rules": .dictionary([:]),
        ])
    }

    @Test func infoRuleGroupIsEmptyWithoutFirewall() throws {
        let harness = try MethodsTestHarness.withServices()
        let info = try harness.result("server.info", ["name": "alice2"])
        #expect(info["firewall_type"] == "none")
        #expect(info["firewall_rule_group"] == .dictionary([:]))
        #expect(info["no_auto_reboot"] == true)
        #expect(info["vlans"] == ["tagged": [], "untagged": []])
    }

    @Test func infoOfNonServerServiceDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("server.info", ["name": "alicestore"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("memstore") == true)
    }

    @Test func infoOfUnknownServerDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("server.info", ["name": "nope"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message == "Couldn't find service with name 'nope'")
    }

    @Test func infoHidesOtherAccountsServers() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("server.info", ["name": "alice1"],
                              key: MethodsTestHarness.bobKey)?.type == .doesNotExist)
    }

    // MARK: - server.list

    @Test func listDefaultsToLiveServers() throws {
        let harness = try MethodsTestHarness.withServices()
        let servers = try harness.result("server.list")
        #expect(names(servers) == ["alice1", "alice2"])
        #expect(servers.listValue?.first?["host_name"] == "alice1.miniserver.com")
    }

    @Test func listFiltersCancelledServers() throws {
        let harness = try MethodsTestHarness.withServices()
        let servers = try harness.result("server.list", ["status": "CANCELLED"])
        #expect(names(servers) == ["alice3"])
    }

    @Test func listRejectsUndocumentedStatus() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("server.list", ["status": "live"])?.type == .badParameters)
    }

    @Test func listShowsOnlyCallersServers() throws {
        let harness = try MethodsTestHarness.withServices()
        let servers = try harness.result("server.list", key: MethodsTestHarness.bobKey)
        #expect(names(servers) == ["bob1"])
    }

    // MARK: - server.reboot

    @Test func rebootReturnsNewJob() throws {
        let harness = try MethodsTestHarness.withServices()
        let job = try harness.result("server.reboot",
                                     ["name": "alice1", "email_address": "ops@example.com"])
        #expect(job.dictionaryKeys == ["id", "type", "status", "service", "finished", "error"])
        #expect(job["type"] == "REBOOT-SERVER")
        #expect(job["status"] == "NEW")
        #expect(job["service"] == "alice1")
        #expect(job["finished"] == false)
        #expect(job["error"] == false)
        #expect(job["id"]?.stringValue?.count == 32)
    }

    @Test func rebootWhilePendingIsAlreadyInProgress() throws {
        let harness = try MethodsTestHarness.withServices()
        let first = try harness.result("server.reboot", ["name": "alice1"])
        let fault = harness.fault("server.reboot", ["name": "alice1"])
        #expect(fault?.type == .alreadyInProgress)

        harness.clock.advance(by: 10)
        let finished = try harness.result("job.status", ["id": try #require(first["id"])])
        #expect(finished["finished"] == true)
        #expect(finished["status"] == "DONE")
        let second = try harness.result("server.reboot", ["name": "alice1"])
        #expect(second["id"] != first["id"])
        #expect(second["finished"] == false)
    }

    @Test func rebootOfOneServerAllowsAnother() throws {
        let harness = try MethodsTestHarness.withServices()
        _ = try harness.result("server.reboot", ["name": "alice1"])
        let job = try harness.result("server.reboot", ["name": "alice2"])
        #expect(job["service"] == "alice2")
    }

    @Test func rebootOfCancelledServerFailsPrecondition() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("server.reboot", ["name": "alice3"])
        #expect(fault?.type == .preconditionFailed)
    }

    @Test func rebootDuringCancellationFailsPrecondition() throws {
        let harness = try MethodsTestHarness.withServices()
        _ = try harness.result("service.cancel", ["name": "alice1"])
        let fault = harness.fault("server.reboot", ["name": "alice1"])
        #expect(fault?.type == .preconditionFailed)
        #expect(fault?.message.contains("being cancelled") == true)
    }

    @Test func rebootOfNonServerDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("server.reboot", ["name": "alicedns"])?.type == .doesNotExist)
    }

    @Test func rebootRejectsInvalidEmailAddress() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("server.reboot",
                                  ["name": "alice1", "email_address": "not-an-address"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("email_address") == true)
    }

    @Test func rebootOfOtherAccountsServerDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("server.reboot", ["name": "bob1"])?.type == .doesNotExist)
    }
}
