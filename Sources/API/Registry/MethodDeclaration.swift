import Wire

/// What a method does to the store, which decides the transaction it runs in.
public enum StoreAccess: Sendable {
    /// Touches no account data (`internal.*`, `system.*`).
    case none
    /// Reads only: runs in a read transaction.
    case read
    /// Writes: runs in one write transaction, so it lands whole or not at all.
    case write
}

/// The declared kind of a method's return value, for help text and `system.methodSignature`.
public enum ReturnType: Sendable {
    case dictionary
    case list
    case string

    var xmlRPCName: String {
        switch self {
        case .dictionary: return "struct"
        case .list: return "array"
        case .string: return "string"
        }
    }
}

/// One API method, declared once: the registry derives parameter checking, scope checking
/// and the `system.*` introspection methods from it.
public struct MethodDeclaration: Sendable {
    public var name: String
    /// The method's documentation, as `system.methodHelp` returns it before the parameters.
    public var summary: String
    public var parameters: [Parameter]
    public var returnType: ReturnType
    /// A sentence describing the return value, for `system.methodHelp`.
    public var returns: String
    public var access: StoreAccess
    public var handler: @Sendable (CallContext) throws -> Value

    public init(_ name: String, summary: String, parameters: [Parameter] = [],
                returns returnType: ReturnType = .dictionary, _ returns: String,
                access: StoreAccess,
                handler: @escaping @Sendable (CallContext) throws -> Value) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.returnType = returnType
        self.returns = returns
        self.access = access
        self.handler = handler
    }

    /// Whether the method takes a `name` parameter, which keys with `name` scopes require.
    public var takesName: Bool {
        parameters.contains { $0.name == "name" }
    }

    /// The text `system.methodHelp` returns: the summary, then each parameter with its type,
    /// whether it is optional, and its constraints, then what the method returns.
    public var helpText: String {
        var lines = [summary, ""]
        if parameters.isEmpty {
            lines.append("Takes no parameters.")
        } else {
            lines.append("Parameters:")
            for parameter in parameters {
                lines.append("  " + parameter.helpLine)
            }
        }
        lines.append("")
        lines.append("Returns: " + returns)
        return lines.joined(separator: "\n")
    }
}

extension Parameter {
    /// "name (String) - Name of the service. Service names are ... at most 64 characters."
    var helpLine: String {
        var line = "\(name) (\(type.name)\(isOptional ? ", Optional" : "")) - \(summary)"
        if let format {
            line += " " + format.rule
        }
        if let allowedValues {
            let listed = allowedValues.map(\.helpDescription).joined(separator: ", ")
            line += " Acceptable values: \(listed)."
        }
        if let range {
            line += " Range: \(range.lowerBound) to \(range.upperBound)."
        }
        if let maxLength {
            line += " At most \(maxLength) characters."
        }
        return line
    }
}

extension Value {
    var helpDescription: String {
        switch self {
        case .string(let string): return "'\(string)'"
        case .integer(let integer): return String(integer)
        default: return typeName
        }
    }
}
