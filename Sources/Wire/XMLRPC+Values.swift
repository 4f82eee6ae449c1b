extension XMLRPC {
    /// Decodes a `<value>` element.
    static func decodeValue(_ element: XMLElement, depth: Int) throws(WireError) -> Value {
        guard element.name == "value" else {
            throw unexpected(element, expected: "<value>")
        }
        guard depth <= maximumValueDepth else {
            throw error("values are nested more than \(maximumValueDepth) deep", at: element)
        }
        if element.children.isEmpty {
            return .string(try text(of: element))
        }
        try requireOnlyWhitespace(in: element)
        guard element.children.count == 1, let typed = element.children.first else {
            throw error("<value> must contain one type element", at: element)
        }

        let localName = typed.name.split(separator: ":").last.map(String.init) ?? typed.name
        if typed.name.contains(":") && localName != "nil" && localName != "i8" {
            throw unexpected(typed, expected: "an XML-RPC type")
        }
        if localName == "struct" {
            return try decodeStruct(typed, depth: depth)
        }
        if localName == "array" {
            return try decodeArray(typed, depth: depth)
        }

        try requireNoChildren(typed)
        switch localName {
        case "string":
            return .string(try text(of: typed))
        case "int", "i4", "i8":
            return .integer(try decodeInteger(typed, localName: localName))
        case "boolean":
            switch trimmedText(typed) {
            case "0": return .boolean(false)
            case "1": return .boolean(true)
            case let other:
                throw error("<boolean> must be 0 or 1, not \"\(other)\"", at: typed)
            }
        case "double":
            return .float(try decodeDouble(typed))
        case "dateTime.iso8601":
            let text = trimmedText(typed)
            guard let date = DateTime(parsing: text) else {
                throw error("<dateTime.iso8601> \"\(text)\" is not a date such as "
                    + "\"19980717T14:08:55\"", at: typed)
            }
            return .date(date)
        case "base64":
            do {
                return .binary(try Base64.decodeBytes(typed.text))
            } catch let base64Error {
                throw error("<base64> is invalid: \(base64Error.message)", at: typed)
            }
        case "nil":
            guard trimmedText(typed).isEmpty else {
                throw error("<nil/> must be empty", at: typed)
            }
            return .null
        default:
            throw unexpected(typed, expected: "an XML-RPC type")
        }
    }

    private static func decodeStruct(_ element: XMLElement, depth: Int) throws(WireError) -> Value {
        try requireOnlyWhitespace(in: element)
        var members: [String: Value] = [:]
        for member in element.children {
            guard member.name == "member" else {
                throw unexpected(member, expected: "<member>")
            }
            try requireOnlyWhitespace(in: member)
            var name: String?
            var value: Value?
            for part in member.children {
                switch part.name {
                case "name" where name == nil:
                    try requireNoChildren(part)
                    name = try text(of: part)
                case "value" where value == nil:
                    value = try decodeValue(part, depth: depth + 1)
                default:
                    throw unexpected(part, expected: "one <name> and one <value>")
                }
            }
            guard let name else { throw error("<member> has no <name>", at: member) }
            guard let value else {
                throw error("<member> \"\(name)\" has no <value>", at: member)
            }
            members[name] = value
        }
        return .dictionary(members)
    }

    private static func decodeArray(_ element: XMLElement, depth: Int) throws(WireError) -> Value {
        try requireOnlyWhitespace(in: element)
        guard element.children.count == 1, let data = element.children.first,
              data.name == "data"
        else {
            throw error("<array> must contain one <data>", at: element)
        }
        try requireOnlyWhitespace(in: data)
        return .list(try data.children.map { (child) throws(WireError) -> Value in
            try decodeValue(child, depth: depth + 1)
        })
    }

    private static func decodeInteger(_ element: XMLElement, localName: String)
        throws(WireError) -> Int
    {
        let text = trimmedText(element)
        var unsignedDigits = text.utf8[...]
        if unsignedDigits.first == UInt8(ascii: "+") || unsignedDigits.first == UInt8(ascii: "-") {
            unsignedDigits = unsignedDigits.dropFirst()
        }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard !unsignedDigits.isEmpty, unsignedDigits.allSatisfy(isDigit) else {
            throw error("<\(localName)> \"\(text)\" is not an integer", at: element)
        }
        guard let integer = Int(text) else {
            throw error("<\(localName)> \(text) is out of range; integers must lie within "
                + "\(Int.min)...\(Int.max)", at: element)
        }
        return integer
    }

    private static func decodeDouble(_ element: XMLElement) throws(WireError) -> Double {
        let text = trimmedText(element)
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard isDecimalNumber(text), let double = Double(text), double.isFinite else {
            throw error("<double> \"\(text)\" is not a decimal number", at: element)
        }
        return double
    }

    /// Returns whether text is `[+-][digits][.digits][e[+-]digits]` with at least one digit
    /// before the exponent, which covers Python's `repr` of a finite float. Hexadecimal and
    /// other forms that Swift's `Double(_:)` accepts return false.
    private static func isDecimalNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func skipDigits() -> Int {
            let before = bytes.count
            while let byte = bytes.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                bytes = bytes.dropFirst()
            }
            return before - bytes.count
        }
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        var digitCount = skipDigits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            digitCount += skipDigits()
        }
        guard digitCount > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            guard skipDigits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    // MARK: Helpers

    static func text(of element: XMLElement) throws(WireError) -> String {
        guard let string = String(validating: element.text, as: UTF8.self) else {
            throw error("the text of <\(element.name)> is not valid UTF-8", at: element)
        }
        return string
    }

    private static func trimmedText(_ element: XMLElement) -> String {
        let bytes = element.text.drop(while: isWhitespace).reversed().drop(while: isWhitespace)
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }

    static func requireNoChildren(_ element: XMLElement) throws(WireError) {
        if let child = element.children.first {
            throw error("<\(element.name)> must not contain <\(child.name)>", at: child)
        }
    }

    static func requireOnlyWhitespace(in element: XMLElement) throws(WireError) {
        guard element.text.allSatisfy(isWhitespace) else {
            throw error("<\(element.name)> must not contain text", at: element)
        }
    }

    static func unexpected(_ element: XMLElement, expected: String) -> WireError {
        error("unexpected <\(element.name)>; expected \(expected)", at: element)
    }

    static func error(_ message: String, at element: XMLElement) -> WireError {
        WireError(.xmlRPC, message, offset: element.offset)
    }
}

private func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}
