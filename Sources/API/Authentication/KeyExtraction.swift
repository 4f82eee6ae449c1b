import Wire

/// Finds the API key a request carries.
enum KeyExtraction {
    /// Returns the user name of an HTTP basic `Authorization` header, where clients put the key.
    /// The password is ignored. Returns nil when the header is absent, not basic or empty.
    static func key(fromAuthorization header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = try? Base64.decode(String(parts[1]))
        else { return nil }
        let user = decoded.split(separator: UInt8(ascii: ":"), maxSplits: 1,
                                 omittingEmptySubsequences: false).first ?? []
        guard !user.isEmpty else { return nil }
        return String(decoding: user, as: UTF8.self)
    }

    /// Returns whether a key has the documented form, 32 hex digits, before any store look-up.
    static func isWellFormed(_ key: String) -> Bool {
        StringFormatCheck.matches(key, .hexID)
    }

    /// Compares two strings in time that depends only on their lengths, not on where they
    /// differ, so response times don't reveal how much of a guessed key was right.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}
