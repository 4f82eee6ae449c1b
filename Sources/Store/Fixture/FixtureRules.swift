import Glibc

/// Checks on fixture values that follow the API's own limits.
enum FixtureRules {
    /// The TTLs the API accepts for zones and records, in seconds; 0 means the default.
    static let ttls = [0, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
    static let recordTypes = ["A", "AAAA", "CNAME", "MX", "NS", "SRV", "TXT"]

    /// True for 32 lowercase hexadecimal digits, the form of keys and ids.
    static func isHexID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
    }

    /// True for 1 to 64 characters from A-Z, a-z, 0-9, "-", "." and "_".
    static func isServiceName(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy(isNameByte)
    }

    /// True for a host name of dot-separated labels of 1 to 63 letters, digits, "-" or
    /// "_", at most 250 characters in all; a final dot is allowed.
    static func isHostName(_ text: String) -> Bool {
        var name = Substring(text)
        if name.hasSuffix(".") { name = name.dropLast() }
        guard (1...250).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count)
                && label.utf8.allSatisfy { isNameByte($0) && $0 != UInt8(ascii: ".") }
        }
    }

    static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    /// True when every character is printable ASCII, space included.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7e).contains($0) }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
