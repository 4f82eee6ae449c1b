import COpenSSL

/// A TLS setup or certificate failure, with OpenSSL's own reasons.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    /// The failed operation, naming the file or value involved.
    public var context: String
    /// The entries of OpenSSL's error queue when the failure happened, oldest first.
    public var openSSLReasons: [String]

    public init(_ context: String, openSSLReasons: [String] = []) {
        self.context = context
        self.openSSLReasons = openSSLReasons
    }

    /// Captures and clears the calling thread's OpenSSL error queue.
    static func fromErrorQueue(_ context: String) -> TLSError {
        TLSError(context, openSSLReasons: drainOpenSSLErrors())
    }

    public var description: String {
        openSSLReasons.isEmpty ? context : "\(context): \(openSSLReasons.joined(separator: "; "))"
    }
}

/// Empties the calling thread's OpenSSL error queue and returns its entries as text.
func drainOpenSSLErrors() -> [String] {
    var reasons: [String] = []
    while true {
        let code = ERR_get_error()
        if code == 0 { break }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        reasons.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                              as: UTF8.self))
    }
    return reasons
}
