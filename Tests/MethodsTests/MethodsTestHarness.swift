import API
import Methods
import Simulation
import Store
import TestSupport
import Wire

/// Every method of `MethodCatalog` behind a dispatcher, over an in-memory store with a
/// manual clock and seeded IDs, and two accounts that each have one unrestricted key.
struct MethodsTestHarness {
    static let aliceKey = "a11ce000000000000000000000000001"
    static let bobKey = "b0b00000000000000000000000000002"

    let store: Store
    let clock: ManualClock
    let ids: IDGenerator
    let jobs: JobEngine
    let dispatcher: Dispatcher
    let alice: AccountRecord
    let bob: AccountRecord

    init(seed: UInt64 = 1, jobSpeed: JobSpeed = .realTime) throws {
        let store = try Store.inMemory()
        let clock = ManualClock()
        let ids = IDGenerator(seed: seed)
        let jobs = JobEngine(ids: ids, speed: jobSpeed)
        let created = clock.dateTime()
        (alice, bob) = try store.write { transaction in
            let alice = try transaction.insertAccount(named: "alice")
            let bob = try transaction.insertAccount(named: "bob")
            try transaction.insertAPIKey(APIKeyRecord(
                key: MethodsTestHarness.aliceKey, accountID: alice.id, created: created))
            try transaction.insertAPIKey(APIKeyRecord(
                key: MethodsTestHarness.bobKey, accountID: bob.id, created: created))
            return (alice, bob)
        }
        let environment = MethodEnvironment(jobs: jobs, ids: ids)
        dispatcher = Dispatcher(
            registry: MethodCatalog.registry(environment), store: store,
            now: { clock.now() },
            beforeCall: { time in try jobs.advanceIfDue(store: store, now: time) })
        self.store = store
        self.clock = clock
        self.ids = ids
        self.jobs = jobs
    }

    /// Calls `method` with typed parameters, as JSON, JSON-RPC and XML-RPC clients send them.
    func call(_ method: String, _ parameters: [String: Value] = [:],
              key: String = MethodsTestHarness.aliceKey) -> Result<Value, MemsetFault> {
        let raw = parameters.mapValues { RawArgument($0, source: .typed) }
        return dispatcher.call(method, raw, key: key)
    }

    /// Calls `method` and returns its result, or throws the fault it raised.
    func result(_ method: String, _ parameters: [String: Value] = [:],
                key: String = MethodsTestHarness.aliceKey) throws -> Value {
        try call(method, parameters, key: key).get()
    }

    /// Calls `method` and returns the fault it raised, or nil when it succeeded.
    func fault(_ method: String, _ parameters: [String: Value] = [:],
               key: String = MethodsTestHarness.aliceKey) -> MemsetFault? {
        if case .failure(let fault) = call(method, parameters, key: key) {
            return fault
        }
        return nil
    }
}

extension APIResponse {
    /// The body parsed as JSON, or `.null` when it is not JSON.
    var json: Value {
        (try? JSON.parse(body)) ?? .null
    }
}
