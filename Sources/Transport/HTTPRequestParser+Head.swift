// MARK: - Finding the head

extension HTTPRequestParser {
    enum HeadScan {
        case needMoreData
        case error(HTTPParserError)
        /// The head ends at this index, just past its final CRLF CRLF.
        case head(end: Int)
    }

    /// Searches for the empty line that ends the head, resuming where the last call
    /// stopped, so bytes that trickle in are each looked at once. It looks no further than
    /// `maxHeaderSize` bytes, so a head is judged the same however its bytes arrive.
    mutating func scanHead() -> HeadScan {
        let count = buffer.count
        var index = scanIndex
        var result = HeadScan.needMoreData
        buffer.withUnsafeBufferPointer { bytes in
            while index < min(count, start + maxHeaderSize) {
                guard bytes[index] == ascii.lf else {
                    index += 1
                    continue
                }
                guard index > lineStart, bytes[index - 1] == ascii.cr else {
                    result = .error(.invalidLineEnding)
                    return
                }
                index += 1
                if index - 2 != lineStart {
                    lineStart = index
                } else if lineStart == start {
                    // RFC 9112 section 2.2: ignore empty lines before the request line.
                    start = index
                    lineStart = index
                } else {
                    lineStart = index
                    result = .head(end: index)
                    return
                }
            }
        }
        scanIndex = index
        if case .needMoreData = result, count - start >= maxHeaderSize {
            return .error(.headersTooLarge(limit: maxHeaderSize))
        }
        return result
    }
}

// MARK: - Parsing the head

extension HTTPRequestParser {
    enum Framing {
        case length(Int)
        case chunked
    }

    struct ParsedHead {
        var request: HTTPRequest
        var keepAlive: Bool
        var expectsContinue: Bool
        var framing: Framing
    }

    enum HeadResult {
        case success(ParsedHead)
        /// The head is invalid; `target` is the request target when the request line was
        /// valid.
        case failure(HTTPParserError, target: String?)
    }

    /// Parses the request line and field lines in `range`, which ends with CRLF CRLF.
    func parseHead(_ range: Range<Int>) -> HeadResult {
        buffer.withUnsafeBufferPointer { bytes -> HeadResult in
            var reader = HeadReader(bytes: bytes, maxBodySize: maxBodySize)
            do throws(HTTPParserError) {
                return .success(try reader.read(range))
            } catch {
                return .failure(error, target: reader.target)
            }
        }
    }
}

/// Reads one request head from a buffer that the caller keeps alive.
struct HeadReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxBodySize: Int

    /// The request target, once the request line is read.
    var target: String?
    /// The authority of a target in absolute form, which takes the place of Host.
    var authority: String?
    var hostCount = 0
    var contentLengths: [Int] = []
    var transferCodings: [String] = []
    var hasTransferEncoding = false
    var connectionClose = false
    var connectionKeepAlive = false
    var expectsContinue = false
    var unsupportedExpectation: String?

    init(bytes: UnsafeBufferPointer<UInt8>, maxBodySize: Int) {
        self.bytes = bytes
        self.maxBodySize = maxBodySize
    }

    mutating func read(_ range: Range<Int>) throws(HTTPParserError)
        -> HTTPRequestParser.ParsedHead {
        var lineStart = range.lowerBound
        var request = HTTPRequest(method: "", target: "")
        var isRequestLine = true
        while lineStart < range.upperBound {
            let lineEnd = try endOfLine(from: lineStart)
            if lineEnd == lineStart { break }
            if isRequestLine {
                try readRequestLine(lineStart..<lineEnd, into: &request)
                isRequestLine = false
            } else {
                let (name, value) = try readField(lineStart..<lineEnd)
                try interpret(name: name, value: value)
                request.headers.add(name: string(name), value: string(value))
            }
            lineStart = lineEnd + 2
        }
        return try finish(request)
    }

    /// Finds the CR that ends the line starting at `start`, and rejects a CR anywhere
    /// else in the line.
    private func endOfLine(from start: Int) throws(HTTPParserError) -> Int {
        var index = start
        while bytes[index] != ascii.lf {
            if bytes[index] == ascii.cr && bytes[index + 1] != ascii.lf {
                throw .invalidLineEnding
            }
            index += 1
        }
        return index - 1
    }

    private mutating func readRequestLine(_ line: Range<Int>,
                                 into request: inout HTTPRequest) throws(HTTPParserError) {
        guard let firstSpace = firstIndex(of: ascii.space, in: line),
              let secondSpace = firstIndex(of: ascii.space, in: firstSpace + 1..<line.upperBound)
        else { throw .invalidRequestLine }
        let method = line.lowerBound..<firstSpace
        let target = firstSpace + 1..<secondSpace
        let version = secondSpace + 1..<line.upperBound
        guard !method.isEmpty, method.allSatisfy({ isTokenCharacter(bytes[$0]) }),
              !target.isEmpty, target.allSatisfy({ bytes[$0] > 0x20 && bytes[$0] < 0x7F })
        else { throw .invalidRequestLine }

        request.method = string(method)
        request.target = string(target)
        self.target = request.target
        request.minorVersion = try readVersion(version)
        // Targets in origin form start with "/", so only others need a closer look.
        if bytes[target.lowerBound] != UInt8(ascii: "/"),
           let absolute = try AbsoluteTarget.parse(request.target) {
            request.target = absolute.originForm
            authority = absolute.authority
        }
    }

    private func readVersion(_ version: Range<Int>) throws(HTTPParserError) -> Int {
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard version.count == 8,
              (0..<5).allSatisfy({ bytes[version.lowerBound + $0] == prefix[$0] }),
              isDigit(bytes[version.lowerBound + 5]),
              bytes[version.lowerBound + 6] == UInt8(ascii: "."),
              isDigit(bytes[version.lowerBound + 7])
        else { throw .invalidRequestLine }
        guard bytes[version.lowerBound + 5] == UInt8(ascii: "1") else {
            throw .unsupportedVersion
        }
        // RFC 9110 section 2.5: a later 1.x minor version is treated as 1.1.
        return bytes[version.lowerBound + 7] == UInt8(ascii: "0") ? 0 : 1
    }

    private func readField(_ line: Range<Int>) throws(HTTPParserError)
        -> (name: Range<Int>, value: Range<Int>) {
        if bytes[line.lowerBound] == ascii.space || bytes[line.lowerBound] == ascii.tab {
            throw .obsoleteLineFolding
        }
        guard let colon = firstIndex(of: ascii.colon, in: line) else {
            throw .invalidHeaderField
        }
        let name = line.lowerBound..<colon
        guard !name.isEmpty, name.allSatisfy({ isTokenCharacter(bytes[$0]) }) else {
            throw .invalidHeaderField
        }
        let value = trimmingWhitespace(colon + 1..<line.upperBound)
        for index in value {
            let byte = bytes[index]
            guard byte == ascii.tab || (byte >= 0x20 && byte != 0x7F) else {
                throw .invalidHeaderField
            }
        }
        return (name, value)
    }
}
