import Wire

/// The declared API type of a parameter, as the spec's method reference names it.
public enum ParameterType: Sendable, Equatable {
    case string
    case integer
    case float
    case boolean
    case date
    case list
    case dictionary
    /// "String or List" in the spec (`service.list`'s `type`): one string or a list of strings.
    case stringOrList

    /// The name used in help text and error messages.
    public var name: String {
        switch self {
        case .string: return "String"
        case .integer: return "Integer"
        case .float: return "Float"
        case .boolean: return "Boolean"
        case .date: return "Date"
        case .list: return "List"
        case .dictionary: return "Dictionary"
        case .stringOrList: return "String or List"
        }
    }

    /// The XML-RPC type name used by `system.methodSignature`.
    public var xmlRPCName: String {
        switch self {
        case .string, .stringOrList: return "string"
        case .integer: return "int"
        case .float: return "double"
        case .boolean: return "boolean"
        case .date: return "dateTime.iso8601"
        case .list: return "array"
        case .dictionary: return "struct"
        }
    }
}

/// A documented rule on the text of a string parameter.
public enum StringFormat: Sendable, Equatable {
    /// 1-64 characters of A-Z, a-z, 0-9, `-`, `.` and `_`.
    case serviceName
    /// 32 hexadecimal digits: API keys, zone, record and job IDs.
    case hexID
    case emailAddress
    /// A host name of dot-separated labels of letters, digits and hyphens.
    case hostName
    /// Printable ASCII only, space included.
    case printableASCII
    /// A zone record name: empty for the domain itself, or dot-separated labels of letters,
    /// digits, `-` and `_`, where a label may be `*`.
    case zoneRecordName
    case ipAddress

    /// The rule as the spec words it, for help text and error messages.
    public var rule: String {
        switch self {
        case .serviceName:
            return "Service names are 1-64 characters A-Z, a-z, 0-9, -, . and _."
        case .hexID: return "IDs are 32 hex digits."
        case .emailAddress: return "Must be a valid email address."
        case .hostName: return "Must be a valid hostname."
        case .printableASCII: return "Only printable ASCII characters are allowed."
        case .zoneRecordName: return "Must be a valid zone record name."
        case .ipAddress: return "Must be a valid IPv4 or IPv6 address."
        }
    }
}

/// One declared parameter of a method: its name, type, whether it may be left out, and the
/// documented constraints that validation enforces.
public struct Parameter: Sendable {
    public var name: String
    public var type: ParameterType
    public var isOptional: Bool
    public var summary: String
    /// Maximum length in characters, for strings.
    public var maxLength: Int?
    /// The acceptable values, when the spec lists them (strings or integers).
    public var allowedValues: [Value]?
    /// The inclusive numeric range, for integers and floats.
    public var range: ClosedRange<Int>?
    public var format: StringFormat?

    public init(_ name: String, _ type: ParameterType, optional isOptional: Bool = false,
                summary: String, maxLength: Int? = nil, allowedValues: [Value]? = nil,
                range: ClosedRange<Int>? = nil, format: StringFormat? = nil) {
        self.name = name
        self.type = type
        self.isOptional = isOptional
        self.summary = summary
        self.maxLength = maxLength
        self.allowedValues = allowedValues
        self.range = range
        self.format = format
    }
}

// MARK: - Parameters shared by many methods

extension Parameter {
    /// The `name` parameter of a method acting on one service.
    public static func serviceName(optional: Bool = false,
                                   summary: String = "Name of the service.") -> Parameter {
        Parameter("name", .string, optional: optional, summary: summary, maxLength: 64,
                  format: .serviceName)
    }

    /// Declares a 32-hex-digit ID parameter such as a zone, record, job or API key ID.
    public static func hexID(_ name: String, optional: Bool = false,
                             summary: String) -> Parameter {
        Parameter(name, .string, optional: optional, summary: summary, format: .hexID)
    }
}
