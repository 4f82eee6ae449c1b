/// The checks behind each `StringFormat`, on the string's UTF-8 bytes.
enum StringFormatCheck {
    static func matches(_ string: String, _ format: StringFormat) -> Bool {
        let bytes = Array(string.utf8)
        switch format {
        case .serviceName: return isServiceName(bytes)
        case .hexID: return bytes.count == 32 && bytes.allSatisfy(isHexDigit)
        case .emailAddress: return isEmailAddress(bytes)
        case .hostName: return isHostName(bytes)
        case .printableASCII: return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        case .zoneRecordName: return isZoneRecordName(bytes)
        case .ipAddress: return IPAddressText.isIPv4(bytes) || IPAddressText.isIPv6(bytes)
        }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
            || (byte >= 0x41 && byte <= 0x46)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
            || (byte >= 0x41 && byte <= 0x5A)
    }

    private static func isServiceName(_ bytes: [UInt8]) -> Bool {
        (1...64).contains(bytes.count) && bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
                || $0 == UInt8(ascii: "_")
        }
    }

    /// Labels of 1-63 letters, digits and hyphens, not starting or ending with a hyphen,
    /// 253 characters at most; one trailing dot is allowed.
    private static func isHostName(_ bytes: [UInt8]) -> Bool {
        var name = bytes[...]
        if name.last == UInt8(ascii: ".") { name = name.dropLast() }
        guard !name.isEmpty, name.count <= 253 else { return false }
        return name.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .allSatisfy { label in
                (1...63).contains(label.count) && label.first != UInt8(ascii: "-")
                    && label.last != UInt8(ascii: "-")
                    && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            }
    }

    /// Empty (the domain itself), or labels of letters, digits, `-` and `_`, where a whole
    /// label may be `*` for a wildcard; an absolute name may end with a dot.
    private static func isZoneRecordName(_ bytes: [UInt8]) -> Bool {
        var name = bytes[...]
        if name.isEmpty { return true }
        if name.last == UInt8(ascii: "."), name.count > 1 { name = name.dropLast() }
        return name.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .allSatisfy { label in
                if label.elementsEqual([UInt8(ascii: "*")]) { return true }
                return (1...63).contains(label.count) && label.allSatisfy {
                    isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                }
            }
    }

    private static func isEmailAddress(_ bytes: [UInt8]) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].count) else { return false }
        let allowedInLocalPart = Array("!#$%&'*+-/=?^_`{|}~.".utf8)
        let localIsValid = parts[0].allSatisfy { isAlphanumeric($0) || allowedInLocalPart.contains($0) }
        let domain = Array(parts[1])
        return localIsValid && isHostName(domain) && domain.contains(UInt8(ascii: "."))
    }
}

/// Textual IPv4 and IPv6 address checks, without the C library's parsers.
public enum IPAddressText {
    /// Four decimal octets 0-255 without leading zeros, such as "192.0.2.1".
    public static func isIPv4(_ bytes: some Collection<UInt8>) -> Bool {
        let octets = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        return octets.allSatisfy { octet in
            guard (1...3).contains(octet.count),
                  octet.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  octet.count == 1 || octet.first != UInt8(ascii: "0")
            else { return false }
            return Int(String(decoding: octet, as: UTF8.self)).map { $0 <= 255 } ?? false
        }
    }

    /// Eight groups of 1-4 hex digits, with at most one "::" and an optional IPv4 tail.
    public static func isIPv6(_ bytes: some Collection<UInt8>) -> Bool {
        let text = Array(bytes)
        guard text.count >= 2, text.count <= 45 else { return false }
        let doubleColons = zip(text, text.dropFirst()).filter {
            $0 == UInt8(ascii: ":") && $1 == UInt8(ascii: ":")
        }.count
        guard doubleColons <= 1 else { return false }

        var groups = text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var groupCount = 0
        if let last = groups.last, last.contains(UInt8(ascii: ".")) {
            guard isIPv4(last) else { return false }
            groups.removeLast()
            groupCount += 2
        }
        var emptyRun = 0
        for group in groups {
            if group.isEmpty {
                emptyRun += 1
                continue
            }
            guard group.count <= 4, group.allSatisfy(StringFormatCheck.isHexDigit) else {
                return false
            }
            groupCount += 1
        }
        if doubleColons == 1 {
            return groupCount < 8 && emptyRun <= 3
        }
        return groupCount == 8 && emptyRun == 0
    }
}
