#if canImport(Glibc)
import Glibc
#endif

/// Writes responses as HTTP/1.1 bytes, adding the fields the server owns.
struct HTTPResponseEncoder {
    /// Fields that the server sets itself, so a responder's copies are dropped.
    private static let serverOwnedFields = [
        "content-length", "transfer-encoding", "connection", "date",
    ]

    private var dateSecond = -1
    private var dateBytes: [UInt8] = []

    /// Appends the response to `output`.
    /// - Parameters:
    ///   - isHead: The request was HEAD, so the body is left out but its length is sent.
    ///   - keepAlive: False adds `Connection: close`; true adds `Connection: keep-alive`
    ///     for an HTTP/1.0 client, which does not assume it.
    mutating func encode(_ response: HTTPResponse, isHead: Bool, keepAlive: Bool,
                         minorVersion: Int, into output: inout [UInt8]) {
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status, to: &output)
        output.append(ascii.space)
        output.append(contentsOf: reasonPhrase(for: response.status).utf8)
        output.append(contentsOf: "\r\nDate: ".utf8)
        output.append(contentsOf: currentDate())
        var hasServerField = false
        for (name, value) in response.headers {
            if Self.serverOwnedFields.contains(where: { equalsIgnoringASCIICase(name, $0) }) {
                continue
            }
            // A line break in a field would let the responder forge further fields.
            if containsLineBreak(name) || containsLineBreak(value) { continue }
            if equalsIgnoringASCIICase(name, "server") { hasServerField = true }
            output.append(contentsOf: "\r\n".utf8)
            output.append(contentsOf: name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: value.utf8)
        }
        if !hasServerField {
            output.append(contentsOf: "\r\nServer: memset-mock".utf8)
        }
        // RFC 9110 sections 8.6 and 15.3.5: no Content-Length in a 204 or 1xx response.
        let allowsBody = response.status >= 200 && response.status != 204
            && response.status != 304
        if allowsBody {
            output.append(contentsOf: "\r\nContent-Length: ".utf8)
            appendDecimal(response.body.count, to: &output)
        }
        if !keepAlive {
            output.append(contentsOf: "\r\nConnection: close".utf8)
        } else if minorVersion == 0 {
            output.append(contentsOf: "\r\nConnection: keep-alive".utf8)
        }
        output.append(contentsOf: "\r\n\r\n".utf8)
        if allowsBody && !isHead {
            output.append(contentsOf: response.body)
        }
    }

    /// Appends the interim response that lets a client send its body.
    static func encodeContinue(into output: inout [UInt8]) {
        output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
    }

    /// The IMF-fixdate of the current second (RFC 9110 section 5.6.7), formatted once a
    /// second.
    private mutating func currentDate() -> [UInt8] {
        var now = time(nil)
        guard now != dateSecond else { return dateBytes }
        var parts = tm()
        gmtime_r(&now, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func twoDigits(_ value: Int32) -> String {
            value < 10 ? "0\(value)" : "\(value)"
        }
        let text = "\(days[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) "
            + "\(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):"
            + "\(twoDigits(parts.tm_sec)) GMT"
        dateSecond = now
        dateBytes = Array(text.utf8)
        return dateBytes
    }
}

private func containsLineBreak(_ text: String) -> Bool {
    text.utf8.contains { $0 == ascii.cr || $0 == ascii.lf || $0 == 0 }
}

private func appendDecimal(_ value: Int, to output: inout [UInt8]) {
    precondition(value >= 0, "a status or length is never negative")
    if value >= 10 { appendDecimal(value / 10, to: &output) }
    output.append(UInt8(0x30 + value % 10))
}

/// The reason phrase registered for a status code, or "Unknown" for an unregistered one.
func reasonPhrase(for status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 308: "Permanent Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 406: "Not Acceptable"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 410: "Gone"
    case 411: "Length Required"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 415: "Unsupported Media Type"
    case 417: "Expectation Failed"
    case 422: "Unprocessable Content"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: "Unknown"
    }
}
