/// A malformed message: invalid JSON, form data, base64, a JSON-RPC envelope or XML-RPC.
///
/// `offset` is the byte offset in the input where the problem was found, when one is known.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The encoding that failed to decode.
    public enum Format: String, Sendable {
        case json = "JSON"
        case form = "form data"
        case base64 = "base64"
        case xml = "XML"
        case xmlRPC = "XML-RPC"
    }

    public var format: Format
    public var message: String
    public var offset: Int?

    public init(_ format: Format, _ message: String, offset: Int? = nil) {
        self.format = format
        self.message = message
        self.offset = offset
    }

    /// "invalid JSON at byte 12: expected ':' after an object key".
    public var description: String {
        if let offset {
            return "invalid \(format.rawValue) at byte \(offset): \(message)"
        }
        return "invalid \(format.rawValue): \(message)"
    }
}
