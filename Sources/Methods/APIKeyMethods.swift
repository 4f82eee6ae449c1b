import API
import Store
import Wire

/// `apikey.*`: create, list, describe and delete the account's API keys and their scopes.
///
/// A key with a `method` scope may call only the listed methods, and a key with a `name`
/// scope only methods whose `name` parameter has one of the listed values. A scope with no
/// values does not limit the key, so deleting the last value of a scope lifts that limit.
///
/// A key that is scoped itself may create or change keys only within its own scopes, so
/// that it cannot hand out more than it was given. Every scope it has must appear on the
/// result, with values it also has. The API reference sets no rule here, and this one keeps
/// a scoped key from creating an unrestricted one.
public enum APIKeyMethods {
    public static func declarations(_ environment: MethodEnvironment) -> [MethodDeclaration] {
        [addScope, create(environment), delete, deleteScope, info, list]
    }

    /// The maximum length of a scope value, in characters.
    static let maximumScopeValueLength = 50

    static let keyParameter = Parameter.hexID("id", summary: "The API key.")

    static let scopeParameters = [
        keyParameter,
        Parameter("scope_name", .string, summary: "The name of the API scope.",
                  allowedValues: ScopeName.allCases.map { .string($0.rawValue) }),
        Parameter("value", .string, summary: "The value of the API scope.",
                  maxLength: maximumScopeValueLength),
    ]

    static let infoReturns = "a dictionary with the keys key (the 32 hex digit key), scopes "
        + "(a dictionary of lists of strings keyed by scope name, 'method' or 'name'; a "
        + "scope that does not limit the key is left out), comment and created (Date)."

    static func create(_ environment: MethodEnvironment) -> MethodDeclaration {
        MethodDeclaration(
            "apikey.create",
            summary: "Creates a new API key for this account.",
            parameters: [
                Parameter("scopes", .dictionary, optional: true,
                          summary: "The scopes dictionary as described in apikey.info(): "
                              + "lists of values keyed by 'method' or 'name'."),
                Parameter("comment", .string, optional: true, summary: "User comment.",
                          maxLength: 255),
            ],
            "a dictionary containing the new API key as described in apikey.info().",
            access: .write
        ) { context in
            let scopes = try validatedScopes(context.arguments.dictionaryIfPresent("scopes"),
                                             registry: context.registry)
            try checkWithinCallerScopes(scopes, context.caller)
            let record = APIKeyRecord(
                key: environment.ids.next(), accountID: context.accountID,
                comment: context.arguments.stringIfPresent("comment") ?? "",
                created: context.now, scopes: scopes)
            try context.transaction.insertAPIKey(record)
            return values(record)
        }
    }

    static let info = MethodDeclaration(
        "apikey.info",
        summary: "Describes the API key.",
        parameters: [keyParameter],
        infoReturns,
        access: .read
    ) { context in
        values(try key(context))
    }

    static let list = MethodDeclaration(
        "apikey.list",
        summary: "List all the API keys for this account.",
        returns: .list,
        "a list of dictionaries where each dictionary is as described in apikey.info().",
        access: .read
    ) { context in
        .list(try context.transaction.apiKeys(account: context.accountID).map(values))
    }

    static let delete = MethodDeclaration(
        "apikey.delete",
        summary: "Deletes an API key. A key may delete itself, and is rejected from then on.",
        parameters: [keyParameter],
        "an empty dictionary.",
        access: .write
    ) { context in
        let record = try key(context)
        try context.transaction.deleteAPIKey(record.key, account: context.accountID)
        return .dictionary([:])
    }

    static let addScope = MethodDeclaration(
        "apikey.add_scope",
        summary: "Adds a single scope to an API key.",
        parameters: scopeParameters,
        "a dictionary as described in apikey.info().",
        access: .write
    ) { context in
        let record = try key(context)
        let scopeName = try context.arguments.string("scope_name")
        let value = try context.arguments.string("value")
        try checkScopeValue(value, scopeName: scopeName, registry: context.registry)

        try context.transaction.addScope(toKey: record.key, name: scopeName, value: value)
        let updated = try key(context)
        try checkWithinCallerScopes(updated.scopes, context.caller)
        return values(updated)
    }

    static let deleteScope = MethodDeclaration(
        "apikey.delete_scope",
        summary: "Deletes a single scope to an API key. Doesn't raise an error if it didn't "
            + "exist. Deleting the last value of a scope lifts that scope's limit.",
        parameters: scopeParameters,
        "a dictionary as described in apikey.info().",
        access: .write
    ) { context in
        let record = try key(context)
        try context.transaction.deleteScope(
            fromKey: record.key, name: try context.arguments.string("scope_name"),
            value: try context.arguments.string("value"))
        let updated = try key(context)
        try checkWithinCallerScopes(updated.scopes, context.caller)
        return values(updated)
    }

    // MARK: - Helpers

    /// Returns the caller's key named by the `id` parameter.
    /// - Throws: `ApiErrorDoesNotExist` when the account has no such key.
    private static func key(_ context: CallContext) throws -> APIKeyRecord {
        let id = try context.arguments.string("id").lowercased()
        guard let record = try context.transaction.apiKey(id),
              record.accountID == context.accountID
        else {
            throw MemsetFault.doesNotExist("Couldn't find API key \(Caller.redact(id))")
        }
        return record
    }

    private static func values(_ record: APIKeyRecord) -> Value {
        let scopes = record.scopes.mapValues { values in Value.list(values.map(Value.string)) }
        return [
            "key": .string(record.key),
            "scopes": .dictionary(scopes),
            "comment": .string(record.comment),
            "created": .date(record.created),
        ]
    }

    /// Raises `ApiErrorForbidden` when a key with `scopes` could do something the caller's
    /// own key may not. The write transaction rolls back, so the change is not kept.
    static func checkWithinCallerScopes(_ scopes: [String: [String]], _ caller: Caller) throws {
        let limits: [(ScopeName, Set<String>?)] = [
            (.method, caller.methodScope), (.name, caller.nameScope),
        ]
        for (scopeName, allowed) in limits {
            guard let allowed else { continue }
            let values = scopes[scopeName.rawValue] ?? []
            guard !values.isEmpty else {
                throw MemsetFault(.forbidden,
                                  "This API key has a '\(scopeName.rawValue)' scope, so the keys "
                                      + "it creates or changes must have one too")
            }
            if let outside = values.first(where: { !allowed.contains($0) }) {
                throw MemsetFault(.forbidden,
                                  "This API key may not grant '\(outside)' in scope "
                                      + "'\(scopeName.rawValue)', because its own scope lacks it")
            }
        }
    }

    /// Checks the `scopes` parameter of `apikey.create` and returns its lists of values.
    /// - Throws: `ApiErrorBadParameters` naming the first unknown scope name, value that is
    ///   not a list of strings, empty list or string, value over 50 characters, or unknown
    ///   method.
    static func validatedScopes(_ scopes: [String: Value]?,
                                registry: MethodRegistry) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (scopeName, value) in (scopes ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard ScopeName(rawValue: scopeName) != nil else {
                throw MemsetFault.badParameters(
                    "Unknown scope '\(scopeName)' in 'scopes'; acceptable scope names: "
                        + "'method', 'name'")
            }
            guard let items = value.listValue else {
                throw MemsetFault.badParameters(
                    "Scope '\(scopeName)' must be a List of Strings, got a \(value.typeName)")
            }
            guard !items.isEmpty else {
                throw MemsetFault.badParameters(
                    "Scope '\(scopeName)' has no values; leave it out to allow every value")
            }
            var strings: [String] = []
            for item in items {
                guard let string = item.stringValue else {
                    throw MemsetFault.badParameters(
                        "Scope '\(scopeName)' must be a List of Strings, but contains a "
                            + item.typeName)
                }
                try checkScopeValue(string, scopeName: scopeName, registry: registry)
                if !strings.contains(string) {
                    strings.append(string)
                }
            }
            result[scopeName] = strings
        }
        return result
    }

    /// Checks one scope value: not empty, at most 50 characters, and for the `method`
    /// scope the name of a method this server implements.
    static func checkScopeValue(_ value: String, scopeName: String,
                                registry: MethodRegistry) throws {
        guard !value.isEmpty else {
            throw MemsetFault.badParameters("Scope '\(scopeName)' contains an empty value")
        }
        guard value.count <= maximumScopeValueLength else {
            throw MemsetFault.badParameters(
                "Scope '\(scopeName)' value '\(value.prefix(60))' must have at most "
                    + "\(maximumScopeValueLength) characters (it has \(value.count))")
        }
        if scopeName == ScopeName.method.rawValue, registry[value] == nil {
            throw MemsetFault.badParameters(
                "Unknown method '\(value)' in scope 'method'; see system.listMethods")
        }
    }
}
