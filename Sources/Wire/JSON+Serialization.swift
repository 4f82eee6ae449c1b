extension JSON {
    /// Serializes a value as compact JSON in UTF-8.
    ///
    /// Object keys are sorted by Unicode code point so equal values give equal bytes.
    /// `.date` becomes its `DateTime.apiString`, `.binary` a base64 string, and `.null`
    /// `null`. Floats use the shortest text that parses back to the same `Double`, and a
    /// whole float keeps a fraction ("1.0") so it reads back as a float. Strings escape `"`,
    /// `\` and control characters and keep other text as UTF-8.
    ///
    /// NOTE: JSON has no infinity or NaN, so a non-finite float is written as `null`.
    public static func serialize(_ value: Value) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        append(value, to: &output)
        return output
    }

    /// Serializes a value as compact JSON text.
    public static func serializeToString(_ value: Value) -> String {
        String(decoding: serialize(value), as: UTF8.self)
    }

    /// Appends the JSON text of a value to `output`.
    public static func append(_ value: Value, to output: inout [UInt8]) {
        switch value {
        case .string(let string):
            appendString(string, to: &output)
        case .integer(let integer):
            appendInteger(integer, to: &output)
        case .float(let double):
            if double.isFinite {
                output.append(contentsOf: double.description.utf8)
            } else {
                appendLiteral("null", to: &output)
            }
        case .boolean(let boolean):
            appendLiteral(boolean ? "true" : "false", to: &output)
        case .date(let date):
            output.append(UInt8(ascii: "\""))
            date.appendAPIString(to: &output)
            output.append(UInt8(ascii: "\""))
        case .binary(let bytes):
            output.append(UInt8(ascii: "\""))
            Base64.append(bytes, to: &output)
            output.append(UInt8(ascii: "\""))
        case .list(let list):
            output.append(UInt8(ascii: "["))
            for (index, element) in list.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            output.append(UInt8(ascii: "{"))
            // String order is Unicode scalar order of the canonical form, which Dictionary
            // also uses to tell keys apart.
            let keys = dictionary.keys.sorted()
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                append(dictionary[key] ?? .null, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .null:
            appendLiteral("null", to: &output)
        }
    }

    /// Appends a string as a quoted JSON string.
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            // Copies runs of bytes that need no escape in one step.
            var runStart = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscaped(byte, to: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): appendLiteral("\\\"", to: &output)
        case UInt8(ascii: "\\"): appendLiteral("\\\\", to: &output)
        case 0x0A: appendLiteral("\\n", to: &output)
        case 0x0D: appendLiteral("\\r", to: &output)
        case 0x09: appendLiteral("\\t", to: &output)
        case 0x08: appendLiteral("\\b", to: &output)
        case 0x0C: appendLiteral("\\f", to: &output)
        default:
            appendLiteral("\\u00", to: &output)
            output.append(contentsOf: hex(byte).utf8)
        }
    }

    private static func appendLiteral(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start,
                                                      count: literal.utf8CodeUnitCount))
    }
}

/// Appends the decimal digits of an integer.
func appendInteger(_ integer: Int, to output: inout [UInt8]) {
    if integer < 0 { output.append(UInt8(ascii: "-")) }
    // The magnitude as UInt, so Int.min does not overflow.
    var magnitude = integer.magnitude
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
        repeat {
            buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            count += 1
        } while magnitude > 0
        output.append(contentsOf: buffer[(20 - count)...])
    }
}
