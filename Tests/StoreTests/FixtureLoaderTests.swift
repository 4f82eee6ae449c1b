import Testing
import Wire

@testable import Store

@Suite struct FixtureLoaderTests {
    /// fixtures/default.json in this repository, found from this file's path.
    private static let defaultFixture: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/fixtures/default.json"
    }()

    /// Returns a minimal valid fixture whose server `edit` can change before loading.
    private func fixture(server edit: (inout [String: Value]) -> Void = { _ in }) -> [UInt8] {
        var server: [String: Value] = [
            "name": "myserver1", "type": "miniserver", "start_date": "2024-01-01",
            "expiry_date": "2025-01-01", "renewal_price_amount": 21.6,
            "renewal_price_vat": 4.34, "host_name": "myserver1.miniserver.com",
            "primary_ip": "192.0.2.10", "ips": [["address": "192.0.2.10"]],
            "os": "debian_bookworm_64",
        ]
        edit(&server)
        let document: Value = ["accounts": [["name": "test", "servers": [.dictionary(server)]]]]
        return Array(encode(document).utf8)
    }

    private func loadError(_ json: [UInt8]) throws -> StoreError? {
        let store = try Store.inMemory()
        do {
            try store.write { transaction in
                _ = try FixtureLoader.load(json: json, file: "test.json", into: transaction)
            }
            return nil
        } catch let error as StoreError {
            return error
        }
    }

    // MARK: The default fixture

    @Test func defaultFixtureLoads() throws {
        let store = try Store.inMemory()
        let summary = try store.seedIfEmpty(fromFixture: Self.defaultFixture)
        #expect(summary?.accounts == ["default", "other"])
        #expect(summary?.apiKeys.first == "0123456789abcdef0123456789abcdef")
    }

    @Test func defaultFixtureHasScopedKeys() throws {
        let store = try Store.inMemory()
        try store.seedIfEmpty(fromFixture: Self.defaultFixture)
        let keys = try store.read { transaction in
            let account = try #require(try transaction.account(named: "default"))
            return try transaction.apiKeys(account: account.id)
        }
        let scopeSets = keys.map { Set($0.scopes.keys) }
        #expect(scopeSets.contains(["method", "name"]))
        #expect(scopeSets.contains(["method"]))
        #expect(scopeSets.contains([]))
        #expect(keys.contains { !$0.enabled })
    }

    @Test func defaultFixtureHasServersAsInSpec() throws {
        let store = try Store.inMemory()
        try store.seedIfEmpty(fromFixture: Self.defaultFixture)
        let servers = try store.read { transaction in
            let account = try #require(try transaction.account(named: "default"))
            return try transaction.servers(account: account.id)
        }
        let myserver1 = try #require(servers.first { $0.name == "myserver1" })
        #expect(myserver1.hostName == "myserver1.miniserver.com")
        #expect(myserver1.service.renewalPriceAmount == 21.60)
        #expect(myserver1.service.renewalPriceVAT == 4.34)
        #expect(myserver1.ips.count == 2)
        #expect(myserver1.ips.allSatisfy { !$0.reverseMap.isEmpty })
        let myserver2 = try #require(servers.first { $0.name == "myserver2" })
        #expect(myserver2.service.type == "fullserver")
        #expect(myserver2.service.status == .live)
        let myserver3 = try #require(servers.first { $0.name == "myserver3" })
        #expect(myserver3.service.status == .cancelled)
    }

    @Test func defaultFixtureHasEveryRecordType() throws {
        let store = try Store.inMemory()
        try store.seedIfEmpty(fromFixture: Self.defaultFixture)
        let records = try store.read { transaction in
            try transaction.zoneRecords(
                account: try #require(try transaction.account(named: "default")).id)
        }
        #expect(Set(records.map(\.type)) == Set(FixtureRules.recordTypes))
        #expect(records.contains { $0.relative })
        let mailRecords = records.filter { $0.type == "MX" }
        #expect(mailRecords.allSatisfy { $0.priority > 0 })
    }

    @Test func defaultFixtureHasMemstoreUsage() throws {
        let store = try Store.inMemory()
        try store.seedIfEmpty(fromFixture: Self.defaultFixture)
        let usage = try store.read { transaction -> MemstoreUsageRecord? in
            let account = try #require(try transaction.account(named: "default"))
            let service = try #require(try transaction.service(account: account.id,
                                                           name: "mstestyaa1"))
            return try transaction.memstoreUsage(ofService: service.id)
        }
        #expect(usage?.containers == 4)
    }

    @Test func seedingRunsOnlyOnEmptyStore() throws {
        let store = try Store.inMemory()
        #expect(try store.seedIfEmpty(fromFixture: Self.defaultFixture) != nil)
        #expect(try store.seedIfEmpty(fromFixture: Self.defaultFixture) == nil)
        #expect(try store.read { try $0.accounts().count } == 2)
    }

    // MARK: Invalid fixtures

    @Test func invalidAddressNamesItsPath() throws {
        let error = try loadError(fixture { server in
            server["ips"] = [["address": "192.0.2.10"], ["address": "300.1.2.3"]]
        })
        #expect(error == .invalidFixture(
            file: "test.json", path: "accounts[0].servers[0].ips[1].address",
            reason: "'300.1.2.3' is not an IPv4 or IPv6 address"))
    }

    @Test func unknownFieldIsRejected() throws {
        let error = try loadError(fixture { server in server["hostname"] = "typo" })
        #expect(error == .invalidFixture(file: "test.json", path: "accounts[0].servers[0].hostname",
                                         reason: "unknown field"))
    }

    @Test func missingFieldIsRejected() throws {
        let error = try loadError(fixture { server in server["os"] = nil })
        #expect(error == .invalidFixture(file: "test.json", path: "accounts[0].servers[0].os",
                                         reason: "missing field"))
    }

    @Test func wrongTypeIsRejected() throws {
        let error = try loadError(fixture { server in server["backups"] = "yes" })
        #expect(error == .invalidFixture(file: "test.json",
                                         path: "accounts[0].servers[0].backups",
                                         reason: "expected true or false, found String"))
    }

    @Test func primaryIPMustBeOwnAddress() throws {
        let error = try loadError(fixture { server in server["primary_ip"] = "192.0.2.99" })
        #expect(error == .invalidFixture(file: "test.json",
                                         path: "accounts[0].servers[0].primary_ip",
                                         reason: "'192.0.2.99' is not one of the server's ips"))
    }

    @Test func invalidJSONIsReported() throws {
        let error = try loadError(Array("{\"accounts\": [".utf8))
        guard case .invalidFixture(let file, let path, _) = error else {
            Issue.record("expected an invalid fixture error, got \(String(describing: error))")
            return
        }
        #expect(file == "test.json")
        #expect(path == "(document)")
    }

    @Test func missingFileIsReported() throws {
        let store = try Store.inMemory()
        let expected = StoreError.invalidFixture(
            file: "/nonexistent/default.json", path: "(file)",
            reason: "cannot open: No such file or directory")
        #expect(throws: expected) {
            try store.seedIfEmpty(fromFixture: "/nonexistent/default.json")
        }
    }

    @Test func failedLoadLeavesStoreEmpty() throws {
        let store = try Store.inMemory()
        #expect(throws: StoreError.self) {
            try store.write { transaction in
                _ = try FixtureLoader.load(json: fixture { $0["os"] = 5 }, file: "test.json",
                                           into: transaction)
            }
        }
        #expect(try store.read { try $0.accounts() }.isEmpty)
    }
}

/// Encodes a `Value` as JSON for test fixtures; strings here need no escaping.
private func encode(_ value: Value) -> String {
    switch value {
    case .string(let string): return "\"\(string)\""
    case .integer(let integer): return String(integer)
    case .float(let float): return String(float)
    case .boolean(let boolean): return boolean ? "true" : "false"
    case .list(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
    case .dictionary(let fields):
        let members = fields.keys.sorted().map { "\"\($0)\":" + encode(fields[$0] ?? .null) }
        return "{" + members.joined(separator: ",") + "}"
    case .null, .date, .binary: return "null"
    }
}
