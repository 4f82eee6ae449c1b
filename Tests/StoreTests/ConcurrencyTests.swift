import Dispatch
import Testing
import TestSupport
import Wire

@testable import Store

@Suite struct ConcurrencyTests {
    private func prepare(_ store: Store) throws -> (account: Int64, zone: String) {
        try store.write { transaction in
            let account = try transaction.insertAccount(named: "alpha")
            let zone = DNSZone(id: String(repeating: "a", count: 32), accountID: account.id,
                               nickname: "zone")
            try transaction.insertZone(zone)
            return (account.id, zone.id)
        }
    }

    private func insertRecordsFromTwoThreads(into store: Store, account: Int64,
                                             zone: String, perThread: Int) {
        let ids = IDGenerator()
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for index in 0..<perThread {
                let record = DNSZoneRecord(
                    id: ids.next(), accountID: account, zoneID: zone, type: "A",
                    record: "host\(thread)-\(index)", address: "192.0.2.\(index % 250)")
                do {
                    try store.write { try $0.insertZoneRecord(record) }
                } catch {
                    Issue.record("write \(index) on thread \(thread) failed: \(error)")
                }
            }
        }
    }

    @Test func concurrentWritersToFileStoreAllLand() throws {
        let directory = TemporaryDirectory()
        let store = try Store(path: directory.file("memset.sqlite"))
        let (account, zone) = try prepare(store)
        insertRecordsFromTwoThreads(into: store, account: account, zone: zone, perThread: 100)
        #expect(try store.read { try $0.zoneRecords(account: account).count } == 200)
    }

    @Test func concurrentWritersToMemoryStoreAllLand() throws {
        let store = try Store.inMemory()
        let (account, zone) = try prepare(store)
        insertRecordsFromTwoThreads(into: store, account: account, zone: zone, perThread: 100)
        #expect(try store.read { try $0.zoneRecords(account: account).count } == 200)
    }

    @Test func readsRunWhileWritesRun() throws {
        let directory = TemporaryDirectory()
        let store = try Store(path: directory.file("memset.sqlite"))
        let (account, zone) = try prepare(store)
        let ids = IDGenerator()
        DispatchQueue.concurrentPerform(iterations: 3) { thread in
            for index in 0..<50 {
                do {
                    if thread == 0 {
                        let record = DNSZoneRecord(
                            id: ids.next(), accountID: account, zoneID: zone, type: "TXT",
                            address: "entry \(index)")
                        try store.write { try $0.insertZoneRecord(record) }
                    } else {
                        let count = try store.read { try $0.zoneRecords(zoneID: zone).count }
                        #expect(count <= 50)
                    }
                } catch {
                    Issue.record("operation \(index) on thread \(thread) failed: \(error)")
                }
            }
        }
        #expect(try store.read { try $0.zoneRecords(zoneID: zone).count } == 50)
    }
}
