import API
import Methods
import Simulation
import Store
import TestSupport

/// Makes a dispatcher over an in-memory store seeded from `fixtures/default.json`, the
/// account the server starts with, with a manual clock that the tests never advance.
func makeDefaultFixtureDispatcher() throws -> Dispatcher {
    // This file is Tests/MethodsTests/<name>.swift inside the package.
    let packageRoot = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    let store = try Store.inMemory()
    try store.seedIfEmpty(fromFixture: "/" + packageRoot + "/fixtures/default.json")
    let clock = ManualClock()
    let ids = IDGenerator(seed: 7)
    let jobs = JobEngine(ids: ids)
    return Dispatcher(
        registry: MethodCatalog.registry(MethodEnvironment(jobs: jobs, ids: ids)),
        store: store, now: { clock.now() },
        beforeCall: { time in try jobs.advanceIfDue(store: store, now: time) })
}
