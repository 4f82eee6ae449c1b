import Glibc
import Wire

/// The accounts and keys a fixture inserted.
public struct FixtureSummary: Sendable, Equatable {
    /// Account names in file order.
    public var accounts: [String]
    /// API keys in file order, across accounts.
    public var apiKeys: [String]

    public init(accounts: [String] = [], apiKeys: [String] = []) {
        self.accounts = accounts
        self.apiKeys = apiKeys
    }
}

/// Loads accounts with their keys, services, servers, DNS zones and finished jobs from a
/// JSON fixture file, as described in fixtures/README.md.
///
/// Every field is checked, and an error names the file, the path to the bad field and the
/// reason. Nothing is inserted unless the whole file is valid, because the caller runs
/// the load in one write transaction.
public enum FixtureLoader {
    /// Reads the fixture file at `path` and inserts its contents in `transaction`.
    public static func load(file path: String,
                            into transaction: Transaction) throws -> FixtureSummary {
        try load(json: try readFile(path), file: path, into: transaction)
    }

    /// Parses `json` and inserts its contents in `transaction`; `file` names the source in
    /// error messages.
    public static func load(json: [UInt8], file: String,
                            into transaction: Transaction) throws -> FixtureSummary {
        let document: Value
        do {
            document = try JSON.parse(json)
        } catch {
            throw StoreError.invalidFixture(file: file, path: "(document)", reason: "\(error)")
        }
        let root = try FixtureNode(document, path: "", file: file)
        var loader = FixtureLoad(transaction: transaction)
        let accounts = try root.objects("accounts")
        try root.require(!accounts.isEmpty, "accounts", "at least one account is needed")
        for account in accounts {
            try loader.loadAccount(account)
        }
        try root.finish()
        return loader.summary
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError.invalidFixture(file: path, path: "(file)",
                                            reason: "cannot open: \(reason)")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.invalidFixture(
                    file: path, path: "(file)",
                    reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }
}

extension Store {
    /// Loads the fixture at `path` when the store has no account yet, in one transaction.
    ///
    /// A data folder is seeded on its first start and keeps its data on later starts. A
    /// start whose seeding failed leaves the store empty, so the next start tries again.
    /// - Returns: what was loaded, or nil when the store already had data.
    @discardableResult
    public func seedIfEmpty(fromFixture path: String) throws -> FixtureSummary? {
        try write { transaction in
            guard try transaction.accounts().isEmpty else { return nil }
            return try FixtureLoader.load(file: path, into: transaction)
        }
    }
}

/// The state of one fixture load: the transaction and the identifiers seen so far, so
/// that a duplicate is reported at its own path.
struct FixtureLoad {
    let transaction: Transaction
    var summary = FixtureSummary()
    var accountNames: Set<String> = []
    var keys: Set<String> = []
    var addresses: Set<String> = []
    var zoneIDs: Set<String> = []
    var recordIDs: Set<String> = []
    var domains: Set<String> = []
    var jobIDs: Set<String> = []

    mutating func loadAccount(_ node: FixtureNode) throws {
        let name = try node.string("name")
        try node.require((1...20).contains(name.count), "name",
                         "'\(name)' must be 1 to 20 characters")
        try node.require(accountNames.insert(name).inserted, "name",
                         "the account name '\(name)' is used twice")
        let account = try transaction.insertAccount(named: name)
        summary.accounts.append(name)

        for key in try node.objects("api_keys") {
            try loadAPIKey(key, account: account.id)
        }
        var serviceNames: Set<String> = []
        for server in try node.objects("servers") {
            try loadServer(server, account: account.id, names: &serviceNames)
        }
        for service in try node.objects("services") {
            try loadService(service, account: account.id, names: &serviceNames)
        }
        for zone in try node.objects("dns_zones") {
            try loadZone(zone, account: account.id)
        }
        let looseDomains = try node.strings("dns_domains")
        for (index, domain) in looseDomains.enumerated() {
            try insertDomain(domain, zoneID: nil, account: account.id, node: node,
                             key: "dns_domains[\(index)]")
        }
        for job in try node.objects("jobs") {
            try loadJob(job, account: account.id, serviceNames: serviceNames)
        }
        try node.finish()
    }

    private mutating func loadAPIKey(_ node: FixtureNode, account: Int64) throws {
        let key = try node.string("key")
        try node.require(FixtureRules.isHexID(key), "key",
                         "'\(key)' is not 32 lowercase hexadecimal digits")
        try node.require(keys.insert(key).inserted, "key", "the key '\(key)' is used twice")
        let comment = try node.string("comment", default: "")
        try node.require(comment.count <= 255, "comment", "must be at most 255 characters")
        let scopes = try node.stringLists("scopes")
        for (name, values) in scopes {
            try node.require(ScopeName(rawValue: name) != nil, "scopes.\(name)",
                             "unknown scope; use 'method' or 'name'")
            for value in values {
                try node.require(!value.isEmpty && value.count <= 50, "scopes.\(name)",
                                 "'\(value)' must be 1 to 50 characters")
            }
        }
        try transaction.insertAPIKey(APIKeyRecord(
            key: key, accountID: account, comment: comment, created: try node.date("created"),
            enabled: try node.bool("enabled", default: true),
            scopes: scopes.filter { !$0.value.isEmpty }))
        summary.apiKeys.append(key)
        try node.finish()
    }
}
