/// Makes client-supplied text safe to put in a log line.
enum LogText {
    /// Returns `text` made safe to log, cut to `maxLength` characters.
    ///
    /// Control characters are escaped, so a client cannot start a forged log line. Every
    /// run of 32 or more hex digits is shortened to its last four, so an API key in a path
    /// or method name is never logged whole.
    static func sanitized(_ text: Substring, maxLength: Int = 200) -> String {
        var output = ""
        var hexRun = ""

        func flushHexRun() {
            output += hexRun.count >= 32 ? "..." + hexRun.suffix(4) : hexRun
            hexRun = ""
        }

        for scalar in text.unicodeScalars {
            if scalar.properties.isASCIIHexDigit {
                hexRun.unicodeScalars.append(scalar)
                continue
            }
            flushHexRun()
            switch scalar {
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    output += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        flushHexRun()

        guard output.count > maxLength else { return output }
        return String(output.prefix(maxLength)) + "..."
    }

    static func sanitized(_ text: String, maxLength: Int = 200) -> String {
        sanitized(text[...], maxLength: maxLength)
    }
}
