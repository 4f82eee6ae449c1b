import Wire

/// A method's parameters after validation: every required one is present and every value
/// has its declared type, so the accessors for required parameters fail only on a mistake
/// in a method's own declaration.
public struct Arguments: Sendable {
    public let values: [String: Value]

    public init(_ values: [String: Value]) {
        self.values = values
    }

    public func contains(_ name: String) -> Bool {
        values[name] != nil
    }

    public subscript(name: String) -> Value? {
        values[name]
    }

    public func string(_ name: String) throws -> String {
        try required(name, stringIfPresent(name))
    }

    public func stringIfPresent(_ name: String) -> String? {
        values[name]?.stringValue
    }

    public func integer(_ name: String) throws -> Int {
        try required(name, integerIfPresent(name))
    }

    public func integerIfPresent(_ name: String) -> Int? {
        values[name]?.integerValue
    }

    public func floatIfPresent(_ name: String) -> Double? {
        values[name]?.floatValue
    }

    public func booleanIfPresent(_ name: String) -> Bool? {
        values[name]?.booleanValue
    }

    public func dateIfPresent(_ name: String) -> DateTime? {
        values[name]?.dateValue
    }

    public func listIfPresent(_ name: String) -> [Value]? {
        values[name]?.listValue
    }

    public func dictionaryIfPresent(_ name: String) -> [String: Value]? {
        values[name]?.dictionaryValue
    }

    /// Returns the strings of a "String or List" parameter. One string becomes a list of one.
    public func stringsIfPresent(_ name: String) -> [String]? {
        switch values[name] {
        case .string(let string): return [string]
        case .list(let list): return list.compactMap(\.stringValue)
        default: return nil
        }
    }

    private func required<T>(_ name: String, _ value: T?) throws -> T {
        guard let value else {
            throw MemsetFault(.internalError, "Parameter '\(name)' was not validated")
        }
        return value
    }
}
