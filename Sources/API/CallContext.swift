import Store
import Wire

/// Everything a method handler gets for one call.
public struct CallContext {
    public let method: String
    public let arguments: Arguments
    public let caller: Caller
    /// The wall-clock time of the call in seconds since 1970, as jobs record it.
    public let time: Double
    /// The registry of every method, for the introspection methods.
    public let registry: MethodRegistry
    private let openTransaction: Transaction?

    init(method: String, arguments: Arguments, caller: Caller, time: Double,
         registry: MethodRegistry, transaction: Transaction?) {
        self.method = method
        self.arguments = arguments
        self.caller = caller
        self.time = time
        self.registry = registry
        self.openTransaction = transaction
    }

    /// The wall-clock time of the call, to the second.
    public var now: DateTime {
        DateTime(secondsSince1970: Int(time.rounded(.down)))
    }

    /// The account the call acts for.
    public var accountID: Int64 { caller.accountID }

    /// The transaction the call runs in: a write transaction for methods declared with
    /// `.write` access, a read transaction for `.read`. Methods declared with `.none` have
    /// none, and asking for it is a mistake in their declaration.
    public var transaction: Transaction {
        get throws {
            guard let openTransaction else {
                throw MemsetFault(.internalError,
                                  "\(method) is declared without store access")
            }
            return openTransaction
        }
    }
}
