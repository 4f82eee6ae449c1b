/// Base64 with the standard alphabet (RFC 4648 section 4), as XML-RPC `base64` values and
/// JSON binary values carry it.
public enum Base64 {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The 6-bit value of each alphabet byte, or 0xFF for bytes outside the alphabet.
    private static let decodingTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    /// Encodes bytes as padded base64 text on one line.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        append(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the padded base64 text of `bytes` to `output`.
    public static func append(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.reserveCapacity(output.count + (bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
                | UInt32(bytes[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            var chunk = UInt32(bytes[index]) << 16
            if remaining == 2 { chunk |= UInt32(bytes[index + 1]) << 8 }
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(remaining == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
    }

    /// Decodes padded base64 text.
    ///
    /// ASCII whitespace anywhere is skipped, because XML-RPC clients such as Python's
    /// `xmlrpc.client` wrap base64 at 76 columns. Padding is required, so the text without
    /// whitespace must be a multiple of 4 bytes long.
    /// - Throws: `WireError` naming the offset of a byte outside the alphabet, misplaced
    ///   padding, or a truncated final group.
    public static func decode<Bytes: Collection<UInt8>>(_ text: Bytes) throws -> [UInt8] {
        try decodeBytes(text)
    }

    /// Decodes padded base64 text given as a string.
    public static func decode(_ text: String) throws -> [UInt8] {
        try decodeBytes(Array(text.utf8))
    }

    /// `decode(_:)` with a typed error, for the other decoders in this module.
    static func decodeBytes<Bytes: Collection<UInt8>>(_ text: Bytes) throws(WireError)
        -> [UInt8]
    {
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 4 * 3)
        var group: UInt32 = 0
        var groupCount = 0
        var paddingCount = 0
        for (offset, byte) in text.enumerated() {
            if isWhitespace(byte) { continue }
            if byte == UInt8(ascii: "=") {
                guard groupCount >= 2 else {
                    throw WireError(.base64, "misplaced padding '='", offset: offset)
                }
                paddingCount += 1
                groupCount += 1
                group <<= 6
            } else {
                let sextet = decodingTable[Int(byte)]
                guard sextet != 0xFF else {
                    throw WireError(.base64, "byte 0x\(hex(byte)) is not in the base64 alphabet",
                                    offset: offset)
                }
                guard paddingCount == 0 else {
                    throw WireError(.base64, "data after padding '='", offset: offset)
                }
                group = group << 6 | UInt32(sextet)
                groupCount += 1
            }
            if groupCount == 4 {
                output.append(UInt8(group >> 16 & 0xFF))
                if paddingCount < 2 { output.append(UInt8(group >> 8 & 0xFF)) }
                if paddingCount < 1 { output.append(UInt8(group & 0xFF)) }
                group = 0
                groupCount = 0
            }
        }
        guard groupCount == 0 else {
            throw WireError(.base64, "the final group has \(groupCount) of 4 characters; "
                + "padding '=' is missing", offset: text.count)
        }
        return output
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Two uppercase hexadecimal digits.
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
}
