extension XMLRPC {
    /// Encodes a `methodResponse` carrying one value.
    ///
    /// `.integer` becomes `<int>` when it fits in 32 bits and `<i8>` otherwise, `.date`
    /// `<dateTime.iso8601>` in `DateTime.iso8601String` form, `.binary` `<base64>`, and
    /// `.null` `<nil/>`, which Python's `xmlrpc.client` reads only with `allow_none=True`.
    /// Doubles use the shortest text that reads back as the same value. Struct members
    /// are sorted by name so equal values give equal bytes.
    public static func encodeResponse(_ value: Value) -> [UInt8] {
        var output = documentStart("<methodResponse><params><param>")
        appendValue(value, to: &output)
        append("</param></params></methodResponse>\n", to: &output)
        return output
    }

    /// Encodes a `methodResponse` fault with an integer `faultCode` and a string
    /// `faultString`.
    public static func encodeFault(code: Int, message: String) -> [UInt8] {
        var output = documentStart("<methodResponse><fault>")
        appendValue(["faultCode": .integer(code), "faultString": .string(message)], to: &output)
        append("</fault></methodResponse>\n", to: &output)
        return output
    }

    /// Encodes a `methodCall`, as a client sends it.
    public static func encodeCall(methodName: String, params: [Value]) -> [UInt8] {
        var output = documentStart("<methodCall><methodName>")
        appendEscaped(methodName, to: &output)
        append("</methodName><params>", to: &output)
        for param in params {
            append("<param>", to: &output)
            appendValue(param, to: &output)
            append("</param>", to: &output)
        }
        append("</params></methodCall>\n", to: &output)
        return output
    }

    // MARK: Values

    private static func appendValue(_ value: Value, to output: inout [UInt8]) {
        append("<value>", to: &output)
        switch value {
        case .string(let string):
            append("<string>", to: &output)
            appendEscaped(string, to: &output)
            append("</string>", to: &output)
        case .integer(let integer):
            let isInt32 = Int(Int32.min)...Int(Int32.max) ~= integer
            append(isInt32 ? "<int>" : "<i8>", to: &output)
            appendInteger(integer, to: &output)
            append(isInt32 ? "</int>" : "</i8>", to: &output)
        case .float(let double):
            append("<double>", to: &output)
            output.append(contentsOf: double.description.utf8)
            append("</double>", to: &output)
        case .boolean(let boolean):
            append(boolean ? "<boolean>1</boolean>" : "<boolean>0</boolean>", to: &output)
        case .date(let date):
            append("<dateTime.iso8601>", to: &output)
            date.appendISO8601String(to: &output)
            append("</dateTime.iso8601>", to: &output)
        case .binary(let bytes):
            append("<base64>", to: &output)
            Base64.append(bytes, to: &output)
            append("</base64>", to: &output)
        case .list(let list):
            append("<array><data>", to: &output)
            for element in list {
                appendValue(element, to: &output)
            }
            append("</data></array>", to: &output)
        case .dictionary(let dictionary):
            append("<struct>", to: &output)
            let names = dictionary.keys.sorted()
            for name in names {
                append("<member><name>", to: &output)
                appendEscaped(name, to: &output)
                append("</name>", to: &output)
                appendValue(dictionary[name] ?? .null, to: &output)
                append("</member>", to: &output)
            }
            append("</struct>", to: &output)
        case .null:
            append("<nil/>", to: &output)
        }
        append("</value>", to: &output)
    }

    /// Appends text with `&`, `<` and `>` escaped, and a carriage return as `&#13;` so
    /// XML line-end normalisation keeps it.
    ///
    /// NOTE: XML 1.0 cannot carry other control characters, even escaped, so each one
    /// except tab and line feed is written as U+FFFD REPLACEMENT CHARACTER.
    private static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;", to: &output)
            case UInt8(ascii: "<"): append("&lt;", to: &output)
            case UInt8(ascii: ">"): append("&gt;", to: &output)
            case 0x0D: append("&#13;", to: &output)
            case 0x09, 0x0A: output.append(byte)
            case 0..<0x20: output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            default: output.append(byte)
            }
        }
    }

    private static func documentStart(_ opening: StaticString) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        append("<?xml version=\"1.0\"?>\n", to: &output)
        append(opening, to: &output)
        return output
    }

    private static func append(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start,
                                                      count: literal.utf8CodeUnitCount))
    }
}
