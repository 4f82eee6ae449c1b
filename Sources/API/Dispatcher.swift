import Store
import Wire

/// Routes requests to the three endpoints and runs each call: authentication, method
/// look-up, scope check, parameter validation, then the handler in a store transaction.
public final class Dispatcher: Sendable {
    public let registry: MethodRegistry
    private let store: Store
    private let now: @Sendable () -> Double
    private let beforeCall: @Sendable (Double) throws -> Void
    private let reportInternalError: @Sendable (_ method: String, _ error: any Error) -> Void
    private let keyCache = KeyCache()

    /// - Parameters:
    ///   - now: the wall-clock time in seconds since 1970, from the server's clock.
    ///   - beforeCall: runs before every authenticated call that uses the store, outside
    ///     any transaction. The server uses it to advance due jobs, so that the call
    ///     reads their effects.
    ///   - reportInternalError: receives every error that is not a `MemsetFault`, such as
    ///     a failed SQLite statement, before the client gets `ApiErrorInternalError`.
    public init(registry: MethodRegistry, store: Store,
                now: @escaping @Sendable () -> Double,
                beforeCall: @escaping @Sendable (Double) throws -> Void = { _ in },
                reportInternalError: @escaping @Sendable (String, any Error) -> Void = { _, _ in }
    ) {
        var registry = registry
        registry.register(SystemMethods.declarations)
        self.registry = registry
        self.store = store
        self.now = now
        self.beforeCall = beforeCall
        self.reportInternalError = reportInternalError
    }

    /// Routes one HTTP request to the endpoint its path names and returns the response.
    public func respond(to request: APIRequest) -> APIResponse {
        let path = request.path
        if path.hasPrefix(JSONEndpoint.prefix) {
            return JSONEndpoint(dispatcher: self).respond(to: request)
        }
        if path == "/v1/jsonrpc" || path == "/v1/jsonrpc/" {
            return JSONRPCEndpoint(dispatcher: self).respond(to: request)
        }
        if path == "/v1/xmlrpc" || path == "/v1/xmlrpc/" {
            return XMLRPCEndpoint(dispatcher: self).respond(to: request)
        }
        let fault = MemsetFault(.doesNotExist,
                                "Nothing is served at \(path): use /v1/json/METHOD, "
                                    + "/v1/jsonrpc or /v1/xmlrpc")
        return .jsonError(fault, endpoint: .unknown)
    }

    /// Returns whether this request may write to the store, so the server can run it off
    /// its event loop. Only JSON calls to read-only methods return false, because any
    /// other request may contain a write.
    public func mayWrite(_ request: APIRequest) -> Bool {
        guard request.path.hasPrefix(JSONEndpoint.prefix) else { return true }
        let method = request.path.dropFirst(JSONEndpoint.prefix.count)
            .split(separator: "/").first.map(String.init) ?? ""
        guard let declaration = registry[method] else { return false }
        return declaration.access == .write
    }

    /// Runs one call by method name, with the key the request carried.
    public func call(_ methodName: String, _ raw: [String: RawArgument],
                     key: String?) -> Result<Value, MemsetFault> {
        do {
            let caller = try authenticate(key)
            guard let method = registry[methodName] else {
                if ReferenceMethods.names.contains(methodName) {
                    throw MemsetFault(.methodNotFound,
                                      "Method '\(methodName)' not found: it is part of the "
                                          + "Memset API, but memset-mock does not simulate it")
                }
                throw MemsetFault(.methodNotFound, "Method '\(methodName)' not found")
            }
            try caller.authorize(method, name: raw["name"]?.value.stringValue)
            let arguments = try ArgumentValidator.validate(raw, for: method)

            let time = now()
            if method.access != .none {
                try beforeCall(time)
            }
            let value = try run(method, arguments, caller: caller, at: time)
            return .success(value)
        } catch let fault as MemsetFault {
            if fault.type == .internalError {
                reportInternalError(methodName, fault)
            }
            return .failure(fault)
        } catch {
            reportInternalError(methodName, error)
            return .failure(MemsetFault(wrapping: error))
        }
    }

    // MARK: - Steps of a call

    private func authenticate(_ key: String?) throws -> Caller {
        guard let key, !key.isEmpty else {
            throw MemsetFault(.notAuthorized,
                              "An API key is required: send it as the basic-auth user name "
                                  + "or as the api_key parameter")
        }
        guard KeyExtraction.isWellFormed(key) else {
            throw MemsetFault(.forbidden, "Invalid API key: API keys are 32 hex digits")
        }
        let normalized = key.lowercased()
        let prefix = String(normalized.prefix(8))
        let candidates = try keyCache.keys(withPrefix: prefix) {
            try store.read { transaction in try transaction.apiKeys(withPrefix: prefix) }
        }
        var match: APIKeyRecord?
        for candidate in candidates
        where KeyExtraction.constantTimeEquals(candidate.key, normalized) {
            match = candidate
        }
        guard let record = match else {
            throw MemsetFault(.forbidden, "Invalid API key ...\(key.suffix(4))")
        }
        guard record.enabled else {
            throw MemsetFault(.forbidden, "API key ...\(key.suffix(4)) is disabled")
        }
        return Caller(accountID: record.accountID, key: record.key,
                      methodScope: record.scopes["method"].map(Set.init),
                      nameScope: record.scopes["name"].map(Set.init))
    }

    private func run(_ method: MethodDeclaration, _ arguments: Arguments, caller: Caller,
                     at time: Double) throws -> Value {
        func context(_ transaction: Transaction?) -> CallContext {
            CallContext(method: method.name, arguments: arguments, caller: caller, time: time,
                        registry: registry, transaction: transaction)
        }
        switch method.access {
        case .none:
            return try method.handler(context(nil))
        case .read:
            return try store.read { try method.handler(context($0)) }
        case .write:
            defer { keyCache.invalidate() }
            return try store.write { try method.handler(context($0)) }
        }
    }
}
