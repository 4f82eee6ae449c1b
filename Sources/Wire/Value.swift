/// A value as the Memset API passes it: the API's seven types (String, Integer, Float,
/// Boolean, Date, List, Dictionary), plus the XML-RPC `base64` and `nil` values that a
/// client may send. Every codec decodes into and encodes from this one type.
public enum Value: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case date(DateTime)
    case binary([UInt8])
    case list([Value])
    case dictionary([String: Value])
    case null

    /// The API type name used in messages and method signatures ("String", "Integer", ...).
    public var typeName: String {
        switch self {
        case .string: return "String"
        case .integer: return "Integer"
        case .float: return "Float"
        case .boolean: return "Boolean"
        case .date: return "Date"
        case .binary: return "Binary"
        case .list: return "List"
        case .dictionary: return "Dictionary"
        case .null: return "Nil"
        }
    }
}

// MARK: - Accessors

extension Value {
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    public var integerValue: Int? {
        if case .integer(let integer) = self { return integer }
        return nil
    }

    public var floatValue: Double? {
        switch self {
        case .float(let float): return float
        case .integer(let integer): return Double(integer)
        default: return nil
        }
    }

    public var booleanValue: Bool? {
        if case .boolean(let boolean) = self { return boolean }
        return nil
    }

    public var dateValue: DateTime? {
        if case .date(let date) = self { return date }
        return nil
    }

    public var listValue: [Value]? {
        if case .list(let list) = self { return list }
        return nil
    }

    public var dictionaryValue: [String: Value]? {
        if case .dictionary(let dictionary) = self { return dictionary }
        return nil
    }

    public subscript(key: String) -> Value? {
        dictionaryValue?[key]
    }
}

// MARK: - Literals

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .null }

    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .dictionary(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
