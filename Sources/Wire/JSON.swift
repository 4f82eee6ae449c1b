/// JSON (RFC 8259) between bytes and `Value`.
///
/// Parsing is strict: one value with optional whitespace around it, no trailing bytes, no
/// comments, no control characters inside strings, and UTF-8 only. A `\u` escape naming a
/// lone UTF-16 surrogate decodes as U+FFFD REPLACEMENT CHARACTER, because the API stores
/// only valid Unicode text. When an object repeats a key, the last value wins.
public enum JSON {
    /// Arrays and objects nested deeper than this fail to parse.
    public static let maximumDepth = 128

    /// A document with more values than this fails to parse. Each value costs about a
    /// hundred bytes once decoded, so without a cap a 4 MiB body of `[]` pairs would take
    /// over 100 MB; this keeps one request to a few tens of megabytes.
    public static let maximumValueCount = 250_000

    /// Parses one JSON document.
    ///
    /// A number without a fraction or exponent that fits in `Int` becomes `.integer`, and
    /// any other number `.float`. Dates stay strings, because JSON has no date type.
    /// - Throws: `WireError` with the byte offset of the first problem.
    public static func parse(_ bytes: [UInt8]) throws -> Value {
        try parseDocument(bytes)
    }

    /// Parses one JSON document given as text.
    public static func parse(_ text: String) throws -> Value {
        try parseDocument(Array(text.utf8))
    }

    /// `parse(_:)` with a typed error, for the other decoders in this module.
    static func parseDocument(_ bytes: [UInt8]) throws(WireError) -> Value {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(WireError) in
                var parser = JSONParser(buffer)
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }
}

struct JSONParser: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    private var valueCount = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(WireError) -> Value {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else {
            throw error("unexpected \(describeByte(at: position)) after the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(WireError) -> Value {
        guard position < bytes.count else {
            throw error("unexpected end of input; expected a value")
        }
        valueCount += 1
        guard valueCount <= JSON.maximumValueCount else {
            throw error("the document has more than \(JSON.maximumValueCount) values")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .boolean(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .boolean(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error("unexpected \(describeByte(at: position)); expected a value")
        }
    }

    private mutating func parseObject() throws(WireError) -> Value {
        try enterContainer()
        position += 1
        var object: [String: Value] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .dictionary(object)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeByte(at: position)); expected a string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw error("unexpected \(describeByte(at: position)); expected ':' after "
                    + "an object key")
            }
            position += 1
            skipWhitespace()
            object[key] = try parseValue()
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .dictionary(object)
            default:
                throw error("unexpected \(describeByte(at: position)); expected ',' or '}' "
                    + "in an object")
            }
        }
    }

    private mutating func parseArray() throws(WireError) -> Value {
        try enterContainer()
        position += 1
        var array: [Value] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .list(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .list(array)
            default:
                throw error("unexpected \(describeByte(at: position)); expected ',' or ']' "
                    + "in an array")
            }
        }
    }

    private mutating func enterContainer() throws(WireError) {
        depth += 1
        guard depth <= JSON.maximumDepth else {
            throw error("arrays and objects are nested more than \(JSON.maximumDepth) deep")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(WireError) {
        let count = literal.utf8CodeUnitCount
        let matches = position + count <= bytes.count
            && (0..<count).allSatisfy { bytes[position + $0] == literal.utf8Start[$0] }
        guard matches else {
            throw error("invalid literal; expected '\(literal)'")
        }
        position += count
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(WireError) -> Value {
        let start = position
        var isInteger = true
        if peek() == UInt8(ascii: "-") { position += 1 }
        if peek() == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) {
                throw error("a number must not have a leading zero", at: start)
            }
        } else {
            try skipDigits(after: "the sign")
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            try skipDigits(after: "the decimal point")
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            try skipDigits(after: "the exponent")
        }

        let digits = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let integer = parseInteger(digits) {
            return .integer(integer)
        }
        let text = String(decoding: digits, as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw error("number \(text) is out of range", at: start)
        }
        return .float(double)
    }

    private mutating func skipDigits(after part: String) throws(WireError) {
        let start = position
        while let byte = peek(), isDigit(byte) { position += 1 }
        guard position > start else {
            throw error("unexpected \(describeByte(at: position)); expected a digit after "
                + part)
        }
    }

    /// Returns nil when the value does not fit in `Int`.
    private func parseInteger(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        let isNegative = digits.first == UInt8(ascii: "-")
        var result = 0
        for byte in digits.dropFirst(isNegative ? 1 : 0) {
            let digit = Int(byte &- UInt8(ascii: "0"))
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = isNegative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            result = next
        }
        return result
    }

    // MARK: Strings

    private mutating func parseString() throws(WireError) -> String {
        let start = position
        position += 1
        let contentStart = position
        // Fast path: no escapes, so the bytes between the quotes are the string.
        var isASCII = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                position += 1
                // ASCII is valid UTF-8, so only other text needs validating.
                if isASCII { return String(decoding: content, as: UTF8.self) }
                return try makeString(content, start: start)
            }
            isASCII = isASCII && byte < 0x80
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 {
                throw error("control character 0x\(hex(byte)) in a string must be escaped")
            }
            position += 1
        }
        guard position < bytes.count else {
            throw error("unterminated string", at: start)
        }

        var content = Array(UnsafeBufferPointer(rebasing: bytes[contentStart..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let string = String(validating: content, as: UTF8.self) else {
                    throw error("string is not valid UTF-8", at: start)
                }
                return string
            case UInt8(ascii: "\\"):
                try appendEscape(to: &content)
            case 0..<0x20:
                throw error("control character 0x\(hex(byte)) in a string must be escaped")
            default:
                content.append(byte)
                position += 1
            }
        }
        throw error("unterminated string", at: start)
    }

    private func makeString(_ content: UnsafeBufferPointer<UInt8>, start: Int)
        throws(WireError) -> String
    {
        guard let string = String(validating: content, as: UTF8.self) else {
            throw error("string is not valid UTF-8", at: start)
        }
        return string
    }

    private mutating func appendEscape(to content: inout [UInt8]) throws(WireError) {
        let escapeStart = position
        position += 1
        guard let byte = peek() else {
            throw error("unterminated string")
        }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): content.append(byte)
        case UInt8(ascii: "b"): content.append(0x08)
        case UInt8(ascii: "f"): content.append(0x0C)
        case UInt8(ascii: "n"): content.append(0x0A)
        case UInt8(ascii: "r"): content.append(0x0D)
        case UInt8(ascii: "t"): content.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHexQuad(escapeStart: escapeStart)
            if (0xD800..<0xDC00).contains(scalar), bytes.count - position >= 6,
               bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            {
                let savedPosition = position
                position += 2
                let low = try parseHexQuad(escapeStart: savedPosition)
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    position = savedPosition
                }
            }
            let unicodeScalar = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            appendUTF8(unicodeScalar, to: &content)
        default:
            throw error("invalid escape: \(describeByte(at: position - 1)) after a backslash",
                        at: escapeStart)
        }
    }

    private mutating func parseHexQuad(escapeStart: Int) throws(WireError) -> UInt32 {
        guard bytes.count - position >= 4 else {
            throw error("a \\u escape needs four hexadecimal digits", at: escapeStart)
        }
        var result: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw error("a \\u escape needs four hexadecimal digits", at: escapeStart)
            }
            result = result << 4 | UInt32(digit)
            position += 1
        }
        return result
    }

    // MARK: Helpers

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(UnicodeScalar(byte)))'"
        }
        return "byte 0x\(hex(byte))"
    }

    private func error(_ message: String, at offset: Int? = nil) -> WireError {
        WireError(.json, message, offset: offset ?? position)
    }
}

/// Appends the UTF-8 encoding of a scalar.
func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
    let value = scalar.value
    switch value {
    case 0..<0x80:
        bytes.append(UInt8(value))
    case 0x80..<0x800:
        bytes.append(UInt8(0xC0 | value >> 6))
        bytes.append(UInt8(0x80 | value & 0x3F))
    case 0x800..<0x10000:
        bytes.append(UInt8(0xE0 | value >> 12))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
    default:
        bytes.append(UInt8(0xF0 | value >> 18))
        bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
    }
}
