import Glibc
import Testing
import TestSupport

@testable import Store

@Suite struct StoreOpeningTests {
    @Test func newFileStoreIsMarkedNew() throws {
        let directory = TemporaryDirectory()
        let store = try Store(path: directory.file("data/nested/memset.sqlite"))
        #expect(store.isNew)
        #expect(store.path == directory.file("data/nested/memset.sqlite"))
    }

    @Test func reopenedStoreKeepsItsData() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("memset.sqlite")
        do {
            let store = try Store(path: path)
            try store.write { try $0.insertAccount(named: "alpha") }
        }
        let reopened = try Store(path: path)
        #expect(!reopened.isNew)
        let names = try reopened.read { try $0.accounts().map(\.name) }
        #expect(names == ["alpha"])
    }

    @Test func migrationsSetUserVersion() throws {
        let store = try Store.inMemory()
        let version = try store.read { transaction in
            try transaction.queryFirst("PRAGMA user_version") { $0.int(0) }
        }
        #expect(version == Schema.latestVersion)
    }

    @Test func newerSchemaIsRejected() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("memset.sqlite")
        do {
            let store = try Store(path: path)
            try store.write { try $0.execute("PRAGMA user_version = 99") }
        }
        #expect(throws: StoreError.schemaTooNew(path: path, version: 99,
                                                supported: Schema.latestVersion)) {
            try Store(path: path)
        }
    }

    @Test func fileStoreUsesWALAndFullSync() throws {
        let directory = TemporaryDirectory()
        let store = try Store(path: directory.file("memset.sqlite"))
        let settings = try store.write { transaction in
            (try transaction.queryFirst("PRAGMA journal_mode") { $0.string(0) },
             try transaction.queryFirst("PRAGMA synchronous") { $0.int(0) },
             try transaction.queryFirst("PRAGMA foreign_keys") { $0.int(0) })
        }
        #expect(settings.0 == "wal")
        #expect(settings.1 == 2)  // FULL
        #expect(settings.2 == 1)
    }

    @Test func openingFolderNamesPath() throws {
        let directory = TemporaryDirectory()
        do {
            _ = try Store(path: directory.path)
            Issue.record("a folder opened as a database")
        } catch let error as StoreError {
            #expect(error.description.contains(directory.path))
        }
    }

    @Test func folderThatIsAFileIsReported() throws {
        let directory = TemporaryDirectory()
        let blocker = directory.file("blocker")
        let file = fopen(blocker, "w")
        fclose(file)
        #expect(throws: StoreError.self) {
            try Store(path: blocker + "/inside/memset.sqlite")
        }
    }
}

@Suite struct TransactionTests {
    struct Failure: Error {}

    @Test func failedWriteRollsBack() throws {
        let store = try Store.inMemory()
        #expect(throws: Failure.self) {
            try store.write { transaction in
                try transaction.insertAccount(named: "alpha")
                throw Failure()
            }
        }
        #expect(try store.read { try $0.accounts() }.isEmpty)
    }

    @Test func failedStatementRollsBackEarlierChanges() throws {
        let store = try Store.inMemory()
        try store.write { try $0.insertAccount(named: "alpha") }
        #expect(throws: StoreError.self) {
            try store.write { transaction in
                try transaction.insertAccount(named: "beta")
                try transaction.insertAccount(named: "alpha")
            }
        }
        #expect(try store.read { try $0.accounts().map(\.name) } == ["alpha"])
    }

    @Test func duplicateNameIsUniqueViolation() throws {
        let store = try Store.inMemory()
        try store.write { try $0.insertAccount(named: "alpha") }
        do {
            try store.write { try $0.insertAccount(named: "alpha") }
            Issue.record("inserting a second account named alpha succeeded")
        } catch let error as StoreError {
            #expect(error.isUniqueViolation)
            #expect(error.description.contains("UNIQUE"))
        }
    }

    @Test func readSeesCommittedWrites() throws {
        let directory = TemporaryDirectory()
        let store = try Store(path: directory.file("memset.sqlite"))
        for name in ["alpha", "beta", "gamma"] {
            try store.write { try $0.insertAccount(named: name) }
            #expect(try store.read { try $0.account(named: name) }?.name == name)
        }
    }

    @Test func storeWorksAfterRollback() throws {
        let store = try Store.inMemory()
        _ = try? store.write { _ in throw Failure() }
        try store.write { try $0.insertAccount(named: "alpha") }
        #expect(try store.read { try $0.accounts().count } == 1)
    }
}
