/// Decoding of `application/x-www-form-urlencoded` bodies, URL query strings and
/// percent-encoded path segments.
public enum FormDecoding {
    /// Decodes `name=value` pairs separated by `&`, in their original order.
    ///
    /// `+` decodes as a space and `%XX` as the byte XX. A pair without `=` has an empty
    /// value, and empty pairs (`a=1&&b=2`) are skipped. Repeated names are all kept.
    /// - Throws: `WireError` naming the field whose name or value has an invalid percent
    ///   escape or is not valid UTF-8 once decoded.
    public static func decode<Bytes: Collection<UInt8>>(_ body: Bytes) throws
        -> [(name: String, value: String)] where Bytes.Index == Int
    {
        var fields: [(name: String, value: String)] = []
        var pairStart = body.startIndex
        while pairStart <= body.endIndex {
            let pairEnd = body[pairStart...].firstIndex(of: UInt8(ascii: "&")) ?? body.endIndex
            if pairEnd > pairStart {
                let pair = body[pairStart..<pairEnd]
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                let rawName = pair[..<(equals ?? pairEnd)]
                let rawValue = equals.map { pair[($0 + 1)...] } ?? pair[pairEnd...]
                let name = try decodeComponent(rawName, plusIsSpace: true, offset: pairStart) {
                    "invalid field name \"\(String(decoding: rawName, as: UTF8.self))\": \($0)"
                }
                let value = try decodeComponent(rawValue, plusIsSpace: true,
                                                offset: rawValue.startIndex) {
                    "invalid value of field \"\(name)\": \($0)"
                }
                fields.append((name, value))
            }
            pairStart = pairEnd + 1
        }
        return fields
    }

    /// Decodes a query string or form body given as text.
    public static func decode(_ text: String) throws -> [(name: String, value: String)] {
        try decode(Array(text.utf8))
    }

    /// Percent-decodes one path segment. `+` stays a plus sign, as in any URL path.
    /// - Throws: `WireError` when an escape is invalid or the result is not UTF-8.
    public static func decodePathSegment(_ segment: String) throws -> String {
        let bytes = Array(segment.utf8)
        return try decodeComponent(bytes[...], plusIsSpace: false, offset: 0) {
            "invalid path segment \"\(segment)\": \($0)"
        }
    }

    private static func decodeComponent<Bytes: Collection<UInt8>>(
        _ component: Bytes, plusIsSpace: Bool, offset: Int, message: (String) -> String
    ) throws(WireError) -> String where Bytes.Index == Int {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(component.count)
        var index = component.startIndex
        while index < component.endIndex {
            let byte = component[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < component.endIndex,
                      let high = hexValue(component[index + 1]),
                      let low = hexValue(component[index + 2])
                else {
                    throw WireError(.form, message("'%' must be followed by two hexadecimal "
                        + "digits"), offset: index)
                }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(plusIsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw WireError(.form, message("not valid UTF-8 once percent-decoded"),
                            offset: offset)
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
