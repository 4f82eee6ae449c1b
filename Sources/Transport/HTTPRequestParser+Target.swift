/// A request target in absolute form, such as `https://127.0.0.1:8443/v1/json/x?a=1`,
/// split into the authority and the origin form the server routes on.
struct AbsoluteTarget: Equatable {
    /// The host and optional port, such as "127.0.0.1:8443".
    var authority: String
    /// The path and query, such as "/v1/json/x?a=1"; "/" when the URI has no path.
    var originForm: String

    /// Parses `target` when it starts with a scheme. Returns nil for any other form, such
    /// as the origin form "/path".
    /// - Throws: `HTTPParserError.invalidTarget` for a scheme other than http or https, a
    ///   missing authority, or an authority with user information.
    static func parse(_ target: String) throws(HTTPParserError) -> AbsoluteTarget? {
        let bytes = Array(target.utf8)
        guard let first = bytes.first, isLetter(first),
              let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              bytes[..<colon].allSatisfy(isSchemeCharacter) else { return nil }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https",
              bytes[colon...].starts(with: "://".utf8) else { throw .invalidTarget }

        let authorityStart = colon + 3
        let authorityEnd = bytes[authorityStart...].firstIndex {
            $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?")
        } ?? bytes.endIndex
        let authority = bytes[authorityStart..<authorityEnd]
        // RFC 9110 section 4.2.4: user information in an http(s) URI is deprecated and
        // would be mistaken for the host by some readers.
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else {
            throw .invalidTarget
        }
        var originForm = String(decoding: bytes[authorityEnd...], as: UTF8.self)
        if !originForm.hasPrefix("/") { originForm = "/" + originForm }
        return AbsoluteTarget(authority: String(decoding: authority, as: UTF8.self),
                              originForm: originForm)
    }
}

private func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

/// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 section 3.1).
private func isSchemeCharacter(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
}
