/// The reason a request could not be read. Each case maps to the status the server sends
/// before it closes the connection.
public enum HTTPParserError: Error, Equatable, Sendable {
    /// The request line is not `method SP request-target SP HTTP-version CRLF`.
    case invalidRequestLine
    /// A request target in absolute form with a scheme other than http or https, no
    /// host, or user information.
    case invalidTarget
    /// An HTTP version other than 1.0 and 1.1, such as "HTTP/2.0".
    case unsupportedVersion
    /// A field line that is not `field-name ":" OWS field-value OWS`, or contains a control
    /// character.
    case invalidHeaderField
    /// A field line that starts with whitespace (obs-fold), which RFC 9112 forbids.
    case obsoleteLineFolding
    /// A line ends in a bare LF, or a CR appears anywhere but before LF.
    case invalidLineEnding
    /// An HTTP/1.1 request without a Host field, or a request with several.
    case invalidHost
    /// A Content-Length that is not a single decimal number.
    case invalidContentLength
    /// Content-Length and Transfer-Encoding together, chunked twice or not last, or
    /// Transfer-Encoding in an HTTP/1.0 request.
    case invalidTransferEncoding
    /// A transfer coding other than chunked, such as gzip.
    case unsupportedTransferCoding(String)
    /// A chunk-size line or chunk end that breaks the chunked syntax.
    case invalidChunk
    /// An Expect value other than 100-continue.
    case unsupportedExpectation(String)
    /// The request line and header fields, or the trailer fields, exceed the limit.
    case headersTooLarge(limit: Int)
    /// The body exceeds the limit, read from Content-Length or counted while de-chunking.
    case bodyTooLarge(limit: Int)

    /// The response status for this error.
    public var status: Int {
        switch self {
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        case .unsupportedExpectation: 417
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        default: 400
        }
    }

    /// A short plain-text explanation for the response body and the error log.
    public var message: String {
        switch self {
        case .invalidRequestLine: "invalid request line"
        case .invalidTarget:
            "invalid request target: use a path, or an http or https URI with a host"
        case .unsupportedVersion: "HTTP version not supported; use HTTP/1.1"
        case .invalidHeaderField: "invalid header field"
        case .obsoleteLineFolding: "obsolete line folding is not allowed in header fields"
        case .invalidLineEnding: "lines must end with CRLF"
        case .invalidHost: "the request must have exactly one Host header field"
        case .invalidContentLength: "invalid Content-Length"
        case .invalidTransferEncoding: "invalid Transfer-Encoding"
        case .unsupportedTransferCoding(let coding):
            "transfer coding \"\(coding)\" is not supported; use chunked"
        case .invalidChunk: "invalid chunked body"
        case .unsupportedExpectation(let value): "expectation \"\(value)\" is not supported"
        case .headersTooLarge(let limit):
            "request line and header fields exceed \(limit) bytes"
        case .bodyTooLarge(let limit): "request body exceeds \(limit) bytes"
        }
    }
}
