import API
import Store
import Wire

/// A dispatcher over an in-memory store with three keys: unrestricted, method-scoped and
/// name-scoped, plus a few test methods that exercise each parameter type and store access.
struct APITestHarness {
    static let fullKey = "0123456789abcdef0123456789abcdef"
    static let methodScopedKey = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    static let nameScopedKey = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    static let bothScopedKey = "cccccccccccccccccccccccccccccccc"
    static let disabledKey = "dddddddddddddddddddddddddddddddd"
    /// Shares its first eight digits with `fullKey`, and may call only `test.anonymous`.
    static let samePrefixKey = "01234567ffffffffffffffffffffffff"

    let store: Store
    let dispatcher: Dispatcher

    init(extraMethods: [MethodDeclaration] = []) throws {
        store = try Store.inMemory()
        let created = DateTime(year: 2026, month: 1, day: 1)
        try store.write { transaction in
            let account = try transaction.insertAccount(named: "test")
            func insert(_ key: String, enabled: Bool = true, scopes: [String: [String]] = [:])
                throws
            {
                try transaction.insertAPIKey(APIKeyRecord(
                    key: key, accountID: account.id, created: created, enabled: enabled,
                    scopes: scopes))
            }
            try insert(APITestHarness.fullKey)
            try insert(APITestHarness.methodScopedKey, scopes: ["method": ["test.named"]])
            try insert(APITestHarness.nameScopedKey, scopes: ["name": ["server1"]])
            try insert(APITestHarness.bothScopedKey,
                       scopes: ["method": ["test.named"], "name": ["server1", "server2"]])
            try insert(APITestHarness.disabledKey, enabled: false)
            try insert(APITestHarness.samePrefixKey, scopes: ["method": ["test.anonymous"]])
        }
        var registry = MethodRegistry(APITestHarness.testMethods)
        registry.register(extraMethods)
        dispatcher = Dispatcher(registry: registry, store: store,
                                now: { Double(DateTime(year: 2026, month: 12, day: 4, hour: 12).secondsSince1970) })
    }

    static let testMethods: [MethodDeclaration] = [
        MethodDeclaration(
            "test.named", summary: "Returns the name it was given.",
            parameters: [.serviceName()], "the name.", access: .read
        ) { context in
            ["name": .string(try context.arguments.string("name"))]
        },
        MethodDeclaration(
            "test.anonymous", summary: "Takes no name.", "nothing.", access: .none
        ) { _ in .dictionary([:]) },
        MethodDeclaration(
            "test.limits", summary: "Declares one parameter of each kind of constraint.",
            parameters: [
                Parameter("short", .string, optional: true, summary: "Short text.",
                          maxLength: 5),
                Parameter("choice", .string, optional: true, summary: "A choice.",
                          allowedValues: ["A", "B"]),
                Parameter("ttl", .integer, optional: true, summary: "A TTL.",
                          allowedValues: [0, 300]),
                Parameter("priority", .integer, optional: true, summary: "A priority.",
                          range: 0...999),
                Parameter("id", .string, optional: true, summary: "An ID.", format: .hexID),
                Parameter("types", .stringOrList, optional: true, summary: "Types."),
                Parameter("flag", .boolean, optional: true, summary: "A flag."),
                Parameter("when", .date, optional: true, summary: "A date."),
                Parameter("ratio", .float, optional: true, summary: "A ratio."),
                Parameter("items", .list, optional: true, summary: "Items."),
                Parameter("settings", .dictionary, optional: true, summary: "Settings."),
            ],
            "the validated parameters.", access: .none
        ) { context in
            .dictionary(context.arguments.values)
        },
    ]

    func json(_ path: String, method: String = "GET", query: String = "",
              body: String = "", contentType: String? = nil,
              key: String? = APITestHarness.fullKey) -> APIResponse {
        dispatcher.respond(to: APIRequest(
            httpMethod: method, path: path, query: query, contentType: contentType,
            authorization: key.map(APITestHarness.basicAuthorization),
            body: Array(body.utf8)))
    }

    func post(_ path: String, body: [UInt8], key: String? = APITestHarness.fullKey)
        -> APIResponse
    {
        dispatcher.respond(to: APIRequest(
            httpMethod: "POST", path: path, contentType: nil,
            authorization: key.map(APITestHarness.basicAuthorization), body: body))
    }

    static func basicAuthorization(_ key: String) -> String {
        "Basic " + Base64.encode(Array((key + ":x").utf8))
    }
}

extension APIResponse {
    /// The body parsed as JSON, or `.null` when it is not JSON.
    var json: Value {
        (try? JSON.parse(body)) ?? .null
    }
}
