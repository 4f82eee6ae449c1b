import Glibc
import Synchronization

/// A line logger writing `time level message key=value...` to standard error, and the
/// start-up banner to standard output, one `write` per line so lines from several threads
/// never interleave.
final class Log: Sendable {
    enum Level: Int, Comparable {
        case debug, info, warning, error

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        var name: String {
            switch self {
            case .debug: return "debug"
            case .info: return "info"
            case .warning: return "warning"
            case .error: return "error"
            }
        }
    }

    private let minimumLevel: Level
    private let lock = Mutex(())

    init(minimumLevel: Level = .info) {
        self.minimumLevel = minimumLevel
    }

    func log(_ level: Level, _ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        guard level >= minimumLevel else { return }
        var line = Log.timestamp() + " " + level.name + " " + message
        for (key, value) in metadata {
            line += " \(key)=\(Log.quoted(value))"
        }
        write(line + "\n", to: STDERR_FILENO)
    }

    func info(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.info, message, metadata)
    }

    func error(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.error, message, metadata)
    }

    /// Prints a line of the start-up banner on standard output, written at once so a
    /// script reading it through a pipe receives it immediately.
    func banner(_ line: String) {
        write(line + "\n", to: STDOUT_FILENO)
    }

    /// Prints a plain line on standard error, for command-line mistakes.
    func plainError(_ line: String) {
        write(line + "\n", to: STDERR_FILENO)
    }

    private func write(_ text: String, to descriptor: Int32) {
        lock.withLock { _ in
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { buffer in
                    Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
            bytes.removeAll()
        }
    }

    /// Formats the current UTC time as "2026-12-04T15:22:08.123Z".
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
            + "T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))"
            + ".\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }

    /// Quotes a value that contains a space or a quote, or is empty, escaping quotes and
    /// backslashes, so every `key=value` pair reads back unambiguously.
    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
        else { return value }
        var escaped = ""
        for character in value {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"" + escaped + "\""
    }
}
