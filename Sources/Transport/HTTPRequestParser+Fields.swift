// MARK: - Interpreting fields

extension HeadReader {
    /// Records what the server itself needs from a field: framing, Host, Connection and
    /// Expect.
    mutating func interpret(name: Range<Int>, value: Range<Int>) throws(HTTPParserError) {
        if nameEquals(name, "content-length") {
            for element in listElements(value) {
                guard let length = parseContentLength(element) else {
                    throw .invalidContentLength
                }
                contentLengths.append(length)
            }
            if value.isEmpty { throw .invalidContentLength }
        } else if nameEquals(name, "transfer-encoding") {
            hasTransferEncoding = true
            for element in listElements(value) {
                let coding = firstIndex(of: ascii.semicolon, in: element)
                    .map { element.lowerBound..<$0 } ?? element
                transferCodings.append(string(trimmingWhitespace(coding)).lowercased())
            }
        } else if nameEquals(name, "host") {
            hostCount += 1
        } else if nameEquals(name, "connection") {
            for element in listElements(value) {
                if valueEquals(element, "close") { connectionClose = true }
                if valueEquals(element, "keep-alive") { connectionKeepAlive = true }
            }
        } else if nameEquals(name, "expect") {
            if valueEquals(value, "100-continue") {
                expectsContinue = true
            } else {
                unsupportedExpectation = String(string(value).prefix(64))
            }
        }
    }

    /// Applies the framing rules of RFC 9112 section 6 once every field is read.
    func finish(_ request: HTTPRequest) throws(HTTPParserError) -> HTTPRequestParser.ParsedHead {
        var request = request
        let isHTTP11 = request.minorVersion == 1
        if hostCount > 1 || (isHTTP11 && hostCount == 0) { throw .invalidHost }
        // RFC 9112 section 3.2.2: the authority of an absolute-form target replaces Host.
        if let authority {
            request.headers.setValue(authority, forName: "Host")
        }

        let framing: HTTPRequestParser.Framing
        if hasTransferEncoding {
            guard isHTTP11, contentLengths.isEmpty, transferCodings.last == "chunked" else {
                throw .invalidTransferEncoding
            }
            if let unknown = transferCodings.first(where: { $0 != "chunked" }) {
                throw .unsupportedTransferCoding(String(unknown.prefix(64)))
            }
            guard transferCodings.count == 1 else { throw .invalidTransferEncoding }
            framing = .chunked
        } else if let length = contentLengths.first {
            guard contentLengths.count == 1 else { throw .invalidContentLength }
            guard length <= maxBodySize else { throw .bodyTooLarge(limit: maxBodySize) }
            framing = .length(length)
        } else {
            framing = .length(0)
        }

        // RFC 9110 section 10.1.1: ignore 100-continue in an HTTP/1.0 request.
        if isHTTP11, let value = unsupportedExpectation {
            throw .unsupportedExpectation(value)
        }
        let hasBody = if case .length(0) = framing { false } else { true }
        let keepAlive = !connectionClose && (isHTTP11 || connectionKeepAlive)
        return HTTPRequestParser.ParsedHead(
            request: request, keepAlive: keepAlive,
            expectsContinue: isHTTP11 && expectsContinue && hasBody, framing: framing)
    }

    /// A Content-Length value; one too large for `Int` reads as `Int.max`.
    private func parseContentLength(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var length = 0
        for index in range {
            guard isDigit(bytes[index]) else { return nil }
            let (times10, overflow) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times10.addingReportingOverflow(Int(bytes[index] - 0x30))
            if overflow || overflowSum { return contentLengthTooLarge(range) }
            length = sum
        }
        return length
    }

    private func contentLengthTooLarge(_ range: Range<Int>) -> Int? {
        range.allSatisfy { isDigit(bytes[$0]) } ? Int.max : nil
    }
}

// MARK: - Byte helpers

extension HeadReader {
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        range.first { bytes[$0] == byte }
    }

    func trimmingWhitespace(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower && isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The non-empty, trimmed elements of a comma-separated list (RFC 9110 section 5.6.1).
    func listElements(_ range: Range<Int>) -> [Range<Int>] {
        var elements: [Range<Int>] = []
        var elementStart = range.lowerBound
        for index in range.lowerBound...range.upperBound
        where index == range.upperBound || bytes[index] == ascii.comma {
            let element = trimmingWhitespace(elementStart..<index)
            if !element.isEmpty { elements.append(element) }
            elementStart = index + 1
        }
        return elements
    }

    /// Compares ASCII case-insensitively with a lowercase name.
    func nameEquals(_ range: Range<Int>, _ lowercaseName: StaticString) -> Bool {
        guard range.count == lowercaseName.utf8CodeUnitCount else { return false }
        let expected = lowercaseName.utf8Start
        for offset in 0..<range.count where lowercased(bytes[range.lowerBound + offset])
            != expected[offset] {
            return false
        }
        return true
    }

    func valueEquals(_ range: Range<Int>, _ lowercaseValue: StaticString) -> Bool {
        nameEquals(range, lowercaseValue)
    }
}

func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}

func isDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
}

func isWhitespace(_ byte: UInt8) -> Bool {
    byte == ascii.space || byte == ascii.tab
}

/// tchar from RFC 9110 section 5.6.2.
func isTokenCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
         UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
         UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
         UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
    default: false
    }
}
