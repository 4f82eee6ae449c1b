/// The authenticated key behind a call, with the account it acts for and its scopes.
public struct Caller: Sendable, Equatable {
    public var accountID: Int64
    public var key: String
    /// Methods the key may call; nil when the key has no `method` scope.
    public var methodScope: Set<String>?
    /// Values the `name` parameter may take; nil when the key has no `name` scope.
    public var nameScope: Set<String>?

    public init(accountID: Int64, key: String, methodScope: Set<String>? = nil,
                nameScope: Set<String>? = nil) {
        self.accountID = accountID
        self.key = key
        self.methodScope = methodScope
        self.nameScope = nameScope
    }

    /// The key as logs show it: its last four digits only.
    public var redactedKey: String {
        Caller.redact(key)
    }

    public static func redact(_ key: String) -> String {
        "..." + String(key.suffix(4))
    }

    /// Raises `ApiErrorForbidden` unless the key's scopes allow this call.
    ///
    /// A key with a `method` scope may call only the listed methods. A key with a `name`
    /// scope may call only methods that take a `name` parameter, with one of the listed
    /// values.
    public func authorize(_ method: MethodDeclaration, name: String?) throws {
        if let methodScope, !methodScope.contains(method.name) {
            throw MemsetFault(.forbidden, "This API key may not call \(method.name)")
        }
        guard let nameScope else { return }
        guard method.takesName else {
            throw MemsetFault(.forbidden,
                              "This API key is limited to named services and \(method.name) "
                                  + "takes no 'name' parameter")
        }
        guard let name, nameScope.contains(name) else {
            let shown = name.map { "'\($0)'" } ?? "no name"
            throw MemsetFault(.forbidden, "This API key may not act on \(shown)")
        }
    }
}
