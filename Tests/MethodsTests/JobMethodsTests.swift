import API
import Simulation
import Testing
import Wire

@Suite struct JobMethodsTests {
    /// Starts a reboot of `alice1` and returns its job id.
    private func startReboot(_ harness: MethodsTestHarness) throws -> String {
        let job = try harness.result("server.reboot", ["name": "alice1"])
        return try #require(job["id"]?.stringValue)
    }

    @Test func statusReturnsDocumentedKeysAndTypes() throws {
        let harness = try MethodsTestHarness.withServices()
        let id = try startReboot(harness)
        let status = try harness.result("job.status", ["id": .string(id)])
        #expect(status == [
            "id": .string(id), "type": "REBOOT-SERVER", "status": "NEW", "service": "alice1",
            "finished": false, "error": false,
        ])
    }

    @Test func statusFollowsJobSteps() throws {
        let harness = try MethodsTestHarness.withServices()
        let id = try startReboot(harness)
        harness.clock.advance(by: 2)
        #expect(try harness.result("job.status", ["id": .string(id)])["status"] == "REBOOTING")
        harness.clock.advance(by: 8)
        let done = try harness.result("job.status", ["id": .string(id)])
        #expect(done["status"] == "DONE")
        #expect(done["finished"] == true)
        #expect(done["error"] == false)
    }

    @Test func statusLeavesOutServiceOfUnattachedJob() throws {
        let harness = try MethodsTestHarness.withServices()
        let job = try harness.store.write { transaction in
            try harness.jobs.start(.dnsReload, service: nil, account: harness.alice.id,
                                   in: transaction, now: harness.clock.now())
        }
        let status = try harness.result("job.status", ["id": .string(job.id)])
        #expect(status.dictionaryKeys == ["id", "type", "status", "finished", "error"])
        #expect(status["type"] == "RELOAD-DNS")
    }

    @Test func statusAcceptsUppercaseID() throws {
        let harness = try MethodsTestHarness.withServices()
        let id = try startReboot(harness)
        let status = try harness.result("job.status", ["id": .string(id.uppercased())])
        #expect(status["id"] == .string(id))
    }

    @Test func statusOfUnknownJobDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("job.status", ["id": "0123456789abcdef0123456789abcdef"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("0123456789abcdef0123456789abcdef") == true)
    }

    @Test func statusOfOtherAccountsJobDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let id = try startReboot(harness)
        let fault = harness.fault("job.status", ["id": .string(id)],
                                  key: MethodsTestHarness.bobKey)
        #expect(fault?.type == .doesNotExist)
    }

    @Test func statusWithMatchingNameSucceeds() throws {
        let harness = try MethodsTestHarness.withServices()
        let id = try startReboot(harness)
        let status = try harness.result("job.status", ["id": .string(id), "name": "alice1"])
        #expect(status["service"] == "alice1")
    }

    @Test func statusWithOtherNameDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let id = try startReboot(harness)
        let fault = harness.fault("job.status", ["id": .string(id), "name": "alice2"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("alice2") == true)
    }

    @Test func nameScopedKeySeesOnlyJobsOfItsServices() throws {
        let harness = try MethodsTestHarness.withServices()
        let created = try harness.result("apikey.create", ["scopes": ["name": ["alice1"]]])
        let key = try #require(created["key"]?.stringValue)
        let reboot = try startReboot(harness)
        let other = try harness.result("server.reboot", ["name": "alice2"])

        let status = try harness.result("job.status", ["id": .string(reboot), "name": "alice1"],
                                        key: key)
        #expect(status["service"] == "alice1")
        #expect(harness.fault("job.status", ["id": .string(reboot)], key: key)?.type
            == .forbidden)
        let otherID = try #require(other["id"])
        #expect(harness.fault("job.status", ["id": otherID, "name": "alice1"], key: key)?.type
            == .doesNotExist)
    }

    @Test func statusRejectsMalformedID() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("job.status", ["id": "1234"])?.type == .badParameters)
        #expect(harness.fault("job.status")?.type == .badParameters)
    }
}
