import API

/// The rules on zone domain names beyond the declared host-name format.
enum ZoneDomainName {
    /// Returns the domain in the form it is stored in: as the client wrote it, without a
    /// final dot. Its case is kept because clients such as Ansible's memset modules compare
    /// the domain they sent with the one listed. The store compares domains without regard
    /// to case, so "Example.COM." and "example.com" still name the same domain.
    static func normalized(_ domain: String) -> String {
        var name = Substring(domain)
        if name.hasSuffix(".") { name = name.dropLast() }
        return String(name)
    }

    /// Returns the normalized domain, or raises `ApiErrorBadParameters` naming `parameter`
    /// when no zone can serve it. That is a single label such as "localhost", or a name
    /// whose last label is all digits, because that is an IP address.
    static func checked(_ domain: String, parameter: String) throws -> String {
        let name = normalized(domain)
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            throw MemsetFault.badParameters(
                "Parameter '\(parameter)' is invalid: '\(domain)' has a single label, but a "
                    + "zone domain needs at least two, such as 'example.com'")
        }
        if let last = labels.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw MemsetFault.badParameters(
                "Parameter '\(parameter)' is invalid: '\(domain)' ends in the numeric label "
                    + "'\(last)', so it is an IP address. Give a domain name such as "
                    + "'example.com'")
        }
        return name
    }
}

/// The checks on a zone record's address that depend on the record type.
enum ZoneRecordAddress {
    /// Returns why `address` cannot be the address of a record of `type`, or nil when it
    /// can. The declaration has already checked that it is printable ASCII.
    static func problem(type: String, address: String) -> String? {
        switch type {
        case "A":
            return IPAddressText.isIPv4(address.utf8) ? nil
                : "'\(address)' is not an IPv4 address such as '192.0.2.1'"
        case "AAAA":
            return IPAddressText.isIPv6(address.utf8) ? nil
                : "'\(address)' is not an IPv6 address such as '2001:db8::1'"
        case "CNAME":
            // Alias targets may contain "_" labels, as in "_acme-challenge.example.net".
            return DNSName.isValid(address, allowingUnderscores: true) ? nil
                : "'\(address)' is not a valid host name such as 'www.example.com'"
        case "NS":
            return DNSName.isValid(address, allowingUnderscores: false) ? nil
                : "'\(address)' is not a valid host name such as 'ns1.example.com'"
        case "MX":
            // "." alone is the null MX of RFC 7505: the domain accepts no mail.
            return address == "." || DNSName.isValid(address, allowingUnderscores: false) ? nil
                : "'\(address)' is not a valid mail server host name such as "
                    + "'mail.example.com', or '.' for none"
        case "SRV":
            return srvProblem(address)
        default:
            // TXT: any printable ASCII text of up to 250 characters.
            return nil
        }
    }

    /// Returns why `address` is not "weight port target", such as "5 5060 sip.example.com".
    /// An SRV record keeps its priority in the record's own `priority` field.
    private static func srvProblem(_ address: String) -> String? {
        let usage = "An SRV address is 'weight port target', such as '5 5060 sip.example.com'."
        let fields = address.split(separator: " ")
        guard fields.count == 3 else {
            let plural = fields.count == 1 ? "" : "s"
            return "'\(address)' has \(fields.count) field\(plural) instead of 3. " + usage
        }
        for (name, field) in [("weight", fields[0]), ("port", fields[1])] {
            guard field.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let number = Int(field), (0...65535).contains(number)
            else {
                return "the \(name) '\(field)' in '\(address)' is not a number from 0 to "
                    + "65535. " + usage
            }
        }
        let target = String(fields[2])
        guard target == "." || DNSName.isValid(target, allowingUnderscores: false) else {
            return "the target '\(target)' in '\(address)' is not a valid host name. " + usage
        }
        return nil
    }
}

/// Textual checks on DNS names.
enum DNSName {
    /// True for dot-separated labels of 1 to 63 letters, digits and hyphens, and
    /// underscores when allowed. A label neither starts nor ends with a hyphen. The name
    /// has at most 253 characters, not counting one final dot, which is allowed.
    static func isValid(_ name: String, allowingUnderscores: Bool) -> Bool {
        var text = Substring(name)
        if text.hasSuffix(".") { text = text.dropLast() }
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        let hyphen = UInt8(ascii: "-")
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = label.utf8
            guard (1...63).contains(bytes.count), bytes.first != hyphen, bytes.last != hyphen
            else { return false }
            return bytes.allSatisfy { byte in
                isLetterOrDigit(byte) || byte == hyphen
                    || (allowingUnderscores && byte == UInt8(ascii: "_"))
            }
        }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
            || (byte >= 0x61 && byte <= 0x7A)
    }
}
