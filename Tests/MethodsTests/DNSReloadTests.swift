import API
import Simulation
import Store
import Testing
import Wire

@Suite struct DNSReloadTests {
    let harness: MethodsTestHarness

    init() throws {
        harness = try MethodsTestHarness()
    }

    private func storedJob(_ id: Value, account: Int64? = nil) throws -> JobRecord? {
        let owner = account ?? harness.alice.id
        return try harness.store.read { transaction in
            try transaction.job(account: owner, id: id.stringValue ?? "")
        }
    }

    private func advanceJobs() throws {
        let now = harness.clock.now()
        try harness.store.write { transaction in
            try harness.jobs.advance(in: transaction, now: now)
        }
    }

    @Test func reloadReturnsNewJobAsJobStatusDoes() throws {
        let job = try harness.result("dns.reload")
        let id = try #require(job["id"]?.stringValue)
        #expect(id.count == 32)
        #expect(job == [
            "id": .string(id), "type": "RELOAD-DNS", "status": "NEW", "finished": false,
            "error": false,
        ])
    }

    @Test func reloadFinishesWhenClockPassesItsStep() throws {
        let job = try harness.result("dns.reload")
        let id = try #require(job["id"])

        harness.clock.advance(by: 0.5)
        try advanceJobs()
        #expect(try storedJob(id)?.finished == false)

        harness.clock.advance(by: 0.5)
        try advanceJobs()
        let finished = try #require(try storedJob(id))
        #expect(finished.finished)
        #expect(finished.status == "DONE")
        #expect(!finished.error)
    }

    @Test func nextCallAdvancesDueReload() throws {
        let job = try harness.result("dns.reload")
        let id = try #require(job["id"])
        harness.clock.advance(by: 1)
        _ = try harness.result("dns.zone_list")
        #expect(try storedJob(id)?.finished == true)
    }

    @Test func eachReloadStartsAnotherJob() throws {
        let first = try harness.result("dns.reload")
        let second = try harness.result("dns.reload")
        #expect(first["id"] != second["id"])
        #expect(second["finished"] == false)
        let jobs = try harness.store.read { try $0.jobs(account: harness.alice.id) }
        #expect(jobs.count == 2)
    }

    @Test func reloadJobBelongsToCaller() throws {
        let job = try harness.result("dns.reload", key: MethodsTestHarness.bobKey)
        let id = try #require(job["id"])
        #expect(try storedJob(id, account: harness.bob.id) != nil)
        #expect(try storedJob(id) == nil)
    }

    @Test func reloadTakesNoParameters() {
        let fault = harness.fault("dns.reload", ["name": "myserver"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'name'") == true)
    }
}
