import Simulation
import Testing
import TestSupport
import Wire

@testable import Store

@Suite struct JobEngineTests {
    private struct Fixture {
        let store: Store
        let clock = ManualClock()
        let account: Int64
        let serviceID: Int64

        init(store: Store) throws {
            self.store = store
            (account, serviceID) = try store.write { transaction in
                let account = try transaction.insertAccount(named: "alpha")
                let service = try transaction.insertService(ServiceRecord(
                    accountID: account.id, name: "myserver1", type: "miniserver",
                    startDate: DateTime(year: 2025, month: 1, day: 1, includesTime: false),
                    expiryDate: DateTime(year: 2026, month: 1, day: 1, includesTime: false),
                    renewalPriceAmount: 21.60, renewalPriceVAT: 4.34))
                return (account.id, service.id)
            }
        }

        func start(_ kind: JobKind, on engine: JobEngine) throws -> JobRecord {
            try store.write { transaction in
                try engine.start(kind, service: "myserver1", account: account,
                                 in: transaction, now: clock.now())
            }
        }

        func job(_ id: String, after engine: JobEngine) throws -> JobRecord? {
            try store.write { transaction in
                try engine.advance(in: transaction, now: clock.now())
                return try transaction.job(account: account, id: id)
            }
        }

        func serviceStatus() throws -> ServiceStatus? {
            try store.read { try $0.service(id: serviceID)?.status }
        }
    }

    @Test func dnsReloadFinishesAfterOneSecond() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1))
        let job = try fixture.start(.dnsReload, on: engine)
        #expect(job.status == "NEW")
        #expect(job.type == "RELOAD-DNS")
        #expect(!job.finished)

        fixture.clock.advance(by: 0.5)
        #expect(try fixture.job(job.id, after: engine)?.finished == false)

        fixture.clock.advance(by: 0.5)
        let done = try fixture.job(job.id, after: engine)
        #expect(done?.status == "DONE")
        #expect(done?.finished == true)
        #expect(done?.finishedAt == job.createdAt + 1)
    }

    @Test func rebootPassesThroughRebooting() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1))
        let job = try fixture.start(.serverReboot, on: engine)

        fixture.clock.advance(by: 2)
        #expect(try fixture.job(job.id, after: engine)?.status == "REBOOTING")
        fixture.clock.advance(by: 7.9)
        #expect(try fixture.job(job.id, after: engine)?.status == "REBOOTING")
        fixture.clock.advance(by: 0.1)
        #expect(try fixture.job(job.id, after: engine)?.status == "DONE")
    }

    @Test func cancelEffectLandsOnlyAtCompletion() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1))
        let job = try fixture.start(.serviceCancel, on: engine)

        fixture.clock.advance(by: 4)
        #expect(try fixture.job(job.id, after: engine)?.status == "CANCELLING")
        #expect(try fixture.serviceStatus() == .live)

        fixture.clock.advance(by: 1)
        #expect(try fixture.job(job.id, after: engine)?.finished == true)
        #expect(try fixture.serviceStatus() == .cancelled)
    }

    @Test func speedFactorShortensSteps() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1), speed: .factor(10))
        let job = try fixture.start(.serverReboot, on: engine)
        fixture.clock.advance(by: 0.99)
        #expect(try fixture.job(job.id, after: engine)?.finished == false)
        fixture.clock.advance(by: 0.01)
        #expect(try fixture.job(job.id, after: engine)?.finished == true)
    }

    @Test func instantJobFinishesAtFirstAdvance() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1), speed: .instant)
        let job = try fixture.start(.serviceCancel, on: engine)
        #expect(!job.finished)
        #expect(try fixture.job(job.id, after: engine)?.finished == true)
        #expect(try fixture.serviceStatus() == .cancelled)
    }

    @Test func unfinishedJobIsFoundUntilItFinishes() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1))
        let job = try fixture.start(.serverReboot, on: engine)
        let pending = try fixture.store.read { transaction in
            try engine.unfinishedJob(.serverReboot, service: "myserver1",
                                     account: fixture.account, in: transaction)
        }
        #expect(pending?.id == job.id)
        let otherKind = try fixture.store.read { transaction in
            try engine.unfinishedJob(.serviceCancel, service: "myserver1",
                                     account: fixture.account, in: transaction)
        }
        #expect(otherKind == nil)

        fixture.clock.advance(by: 10)
        try engine.advanceIfDue(store: fixture.store, now: fixture.clock.now())
        let afterwards = try fixture.store.read { transaction in
            try engine.unfinishedJob(.serverReboot, service: "myserver1",
                                     account: fixture.account, in: transaction)
        }
        #expect(afterwards == nil)
    }

    @Test func advanceIfDueSkipsWhenNothingIsDue() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1))
        _ = try fixture.start(.dnsReload, on: engine)
        #expect(try engine.advanceIfDue(store: fixture.store, now: fixture.clock.now()) == 0)
        #expect(try engine.nextDeadline(store: fixture.store) == fixture.clock.now() + 1)
        fixture.clock.advance(by: 1)
        #expect(try engine.advanceIfDue(store: fixture.store, now: fixture.clock.now()) == 1)
        #expect(try engine.nextDeadline(store: fixture.store) == nil)
    }

    @Test func cachedDeadlineSeesNewJobs() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1), cachesDeadline: true)
        #expect(try engine.advanceIfDue(store: fixture.store, now: fixture.clock.now()) == 0)
        _ = try fixture.start(.dnsReload, on: engine)
        #expect(try engine.advanceIfDue(store: fixture.store, now: fixture.clock.now()) == 0)
        fixture.clock.advance(by: 1)
        #expect(try engine.advanceIfDue(store: fixture.store, now: fixture.clock.now()) == 1)
        #expect(try engine.nextDeadline(store: fixture.store) == nil)
    }

    @Test func cachedDeadlineFollowsMultiStepJobs() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let engine = JobEngine(ids: IDGenerator(seed: 1), cachesDeadline: true)
        let job = try fixture.start(.serverReboot, on: engine)
        var changes = 0
        for _ in 0..<30 {
            fixture.clock.advance(by: 1)
            changes += try engine.advanceIfDue(store: fixture.store, now: fixture.clock.now())
        }
        let finished = try fixture.store.read { try $0.job(account: fixture.account, id: job.id) }
        #expect(finished?.finished == true)
        #expect(changes == 2)
    }

    @Test func restartAtNewSpeedReschedulesJobs() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let slow = JobEngine(ids: IDGenerator(seed: 1), speed: .factor(0.01))
        let job = try fixture.start(.serverReboot, on: slow)
        #expect(job.stepDeadline == fixture.clock.now() + 200)

        let instant = JobEngine(ids: IDGenerator(seed: 2), speed: .instant)
        #expect(try instant.rescheduleUnfinishedJobs(store: fixture.store) == 1)
        #expect(try instant.advanceIfDue(store: fixture.store, now: fixture.clock.now()) == 1)
        let finished = try fixture.store.read { try $0.job(account: fixture.account, id: job.id) }
        #expect(finished?.finished == true)
    }

    @Test func jobContinuesAfterReopeningStore() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("memset.sqlite")
        let clock = ManualClock()
        let jobID: String
        let account: Int64
        do {
            let fixture = try Fixture(store: Store(path: path))
            account = fixture.account
            clock.set(to: fixture.clock.now())
            jobID = try fixture.start(.serverReboot, on: JobEngine(ids: IDGenerator()))
                .id
        }
        clock.advance(by: 3)
        let store = try Store(path: path)
        let engine = JobEngine(ids: IDGenerator())
        let job = try store.write { transaction in
            try engine.advance(in: transaction, now: clock.now())
            return try transaction.job(account: account, id: jobID)
        }
        #expect(job?.status == "REBOOTING")
        #expect(job?.stepDeadline == clock.now() - 1 + 8)
    }

    @Test func unknownKindFinishesAsFailed() throws {
        let fixture = try Fixture(store: Store.inMemory())
        let oldEngine = JobEngine(ids: IDGenerator(seed: 1))
        let job = try fixture.start(.dnsReload, on: oldEngine)
        let newEngine = JobEngine(ids: IDGenerator(seed: 1), kinds: [.serverReboot])
        fixture.clock.advance(by: 1)
        let finished = try fixture.job(job.id, after: newEngine)
        #expect(finished?.finished == true)
        #expect(finished?.error == true)
        #expect(finished?.status == "FAILED")
    }

    @Test func jobSpeedArgumentsParse() {
        #expect(JobSpeed(argument: "instant") == .instant)
        #expect(JobSpeed(argument: "1") == .realTime)
        #expect(JobSpeed(argument: "10") == .factor(10))
        #expect(JobSpeed(argument: "0") == nil)
        #expect(JobSpeed(argument: "-2") == nil)
        #expect(JobSpeed(argument: "fast") == nil)
    }
}
