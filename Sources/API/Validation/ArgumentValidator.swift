import Wire

/// Where a parameter's value came from, which decides how it is converted.
public enum ArgumentSource: Sendable {
    /// A GET query or form field: always a string, converted to the declared type.
    case text
    /// A JSON, JSON-RPC or XML-RPC value that already carries a type.
    case typed
}

/// A parameter value as received, before validation.
public struct RawArgument: Sendable {
    public var value: Value
    public var source: ArgumentSource

    public init(_ value: Value, source: ArgumentSource) {
        self.value = value
        self.source = source
    }
}

/// Checks a call's parameters against a method's declaration and converts them to the
/// declared types. Every failure is `ApiErrorBadParameters` naming the parameter and rule.
public enum ArgumentValidator {
    public static func validate(_ raw: [String: RawArgument],
                                for method: MethodDeclaration) throws -> Arguments {
        let declared = Dictionary(uniqueKeysWithValues: method.parameters.map { ($0.name, $0) })
        for name in raw.keys.sorted() where declared[name] == nil {
            throw MemsetFault.badParameters(
                "Unknown parameter '\(name)' for \(method.name)")
        }

        var values: [String: Value] = [:]
        for parameter in method.parameters {
            guard let argument = raw[parameter.name], argument.value != .null else {
                if !parameter.isOptional {
                    throw MemsetFault.badParameters(
                        "Missing required parameter '\(parameter.name)' (\(parameter.type.name))")
                }
                continue
            }
            let value = try convert(argument, to: parameter)
            try check(value, against: parameter)
            values[parameter.name] = value
        }
        return Arguments(values)
    }

    // MARK: - Conversion

    static func convert(_ argument: RawArgument, to parameter: Parameter) throws -> Value {
        let value = argument.value
        let converted: Value?
        switch parameter.type {
        case .string:
            converted = value.stringValue.map(Value.string)
        case .integer:
            converted = integer(from: value)
        case .float:
            converted = float(from: value)
        case .boolean:
            converted = boolean(from: value)
        case .date:
            converted = date(from: value)
        case .list:
            converted = value.listValue.map(Value.list)
        case .dictionary:
            converted = value.dictionaryValue.map(Value.dictionary)
        case .stringOrList:
            converted = stringOrList(from: value)
        }
        if let converted {
            return converted
        }
        throw MemsetFault.badParameters(typeMismatch(argument, parameter))
    }

    private static func typeMismatch(_ argument: RawArgument, _ parameter: Parameter) -> String {
        let name = parameter.name
        switch (parameter.type, argument.source) {
        case (.list, .text), (.dictionary, .text):
            return "Parameter '\(name)' must be a \(parameter.type.name), which can only be "
                + "passed inside the JSON-encoded 'parameters' parameter"
        case (.date, _):
            return "Parameter '\(name)' must be a Date as 'YYYY-MM-DD HH:MM:SS' or "
                + "'YYYY-MM-DD', got \(describe(argument.value))"
        case (.boolean, _):
            return "Parameter '\(name)' must be a Boolean (0, 1, true or false), got "
                + describe(argument.value)
        default:
            return "Parameter '\(name)' must be \(article(parameter.type.name)) "
                + "\(parameter.type.name), got \(describe(argument.value))"
        }
    }

    private static func integer(from value: Value) -> Value? {
        switch value {
        case .integer:
            return value
        case .float(let float) where float.rounded() == float && abs(float) < 9.0e15:
            return .integer(Int(float))
        case .string(let text):
            return Int(text.trimmingSpaces).map(Value.integer)
        default:
            return nil
        }
    }

    private static func float(from value: Value) -> Value? {
        switch value {
        case .float: return value
        case .integer(let integer): return .float(Double(integer))
        case .string(let text):
            guard let float = Double(text.trimmingSpaces), float.isFinite else { return nil }
            return .float(float)
        default: return nil
        }
    }

    private static func boolean(from value: Value) -> Value? {
        switch value {
        case .boolean: return value
        case .integer(0): return false
        case .integer(1): return true
        case .string(let text):
            switch text.trimmingSpaces.lowercased() {
            case "1", "true": return true
            case "0", "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Converts a Date parameter to a date and time. A bare "2026-12-04" means midnight and
    /// comes back as "2026-12-04 00:00:00", like every other Date the API returns.
    private static func date(from value: Value) -> Value? {
        let parsed: DateTime?
        switch value {
        case .date(let date): parsed = date
        case .string(let text): parsed = DateTime(parsing: text.trimmingSpaces)
        default: parsed = nil
        }
        guard var date = parsed else { return nil }
        date.includesTime = true
        return .date(date)
    }

    private static func stringOrList(from value: Value) -> Value? {
        switch value {
        case .string: return value
        case .list(let items) where items.allSatisfy({ $0.stringValue != nil }): return value
        default: return nil
        }
    }

    // MARK: - Constraints

    static func check(_ value: Value, against parameter: Parameter) throws {
        let name = parameter.name
        let strings: [String]
        switch value {
        case .string(let string): strings = [string]
        case .list(let items) where parameter.type == .stringOrList:
            strings = items.compactMap(\.stringValue)
        default: strings = []
        }

        for string in strings {
            // Characters are Unicode code points, as the reference server counts them,
            // so "e" with a combining accent is two.
            let length = string.unicodeScalars.count
            if let maxLength = parameter.maxLength, length > maxLength {
                throw MemsetFault.badParameters(
                    "Parameter '\(name)' must have at most \(maxLength) characters "
                        + "(it has \(length))")
            }
            if let format = parameter.format, !StringFormatCheck.matches(string, format) {
                throw MemsetFault.badParameters(
                    "Parameter '\(name)' is invalid: \(describe(.string(string))). "
                        + format.rule)
            }
        }

        if let allowed = parameter.allowedValues {
            let candidates: [Value] = strings.isEmpty ? [value] : strings.map(Value.string)
            for candidate in candidates where !allowed.contains(candidate) {
                let listed = allowed.map(\.helpDescription).joined(separator: ", ")
                throw MemsetFault.badParameters(
                    "Parameter '\(name)' has an unacceptable value \(describe(candidate)); "
                        + "acceptable values: \(listed)")
            }
        }

        if let range = parameter.range, let number = value.floatValue,
           number < Double(range.lowerBound) || number > Double(range.upperBound) {
            throw MemsetFault.badParameters(
                "Parameter '\(name)' must be between \(range.lowerBound) and "
                    + "\(range.upperBound), got \(describe(value))")
        }
    }

    // MARK: - Messages

    static func describe(_ value: Value) -> String {
        switch value {
        case .string(let string):
            let shown = string.count > 60 ? String(string.prefix(60)) + "..." : string
            return "'\(shown)'"
        case .integer(let integer): return String(integer)
        case .float(let float): return String(float)
        case .boolean(let boolean): return boolean ? "true" : "false"
        case .date(let date): return "'\(date.apiString)'"
        default: return "a \(value.typeName)"
        }
    }

    private static func article(_ word: String) -> String {
        "AEIOU".contains(word.prefix(1)) ? "an" : "a"
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}
