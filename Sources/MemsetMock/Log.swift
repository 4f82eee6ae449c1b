import Dispatch
import Glibc
import Synchronization

/// A line logger writing `time level message key=value...` to standard error, and the
/// start-up banner to standard output, one `write` per line so lines from several threads
/// never interleave.
///
/// Log lines are written by a queue of their own, so a server keeps serving requests when
/// its standard error is a pipe that no process reads. Once `maximumPendingLines` lines
/// wait, further lines are dropped and counted. A line with the count follows when the
/// pipe drains.
final class Log: Sendable {
    static let maximumPendingLines = 10_000

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
    private let writer = DispatchQueue(label: "memset-mock.log")
    /// Lines queued but not yet written, and lines dropped since the last report.
    private let backlog = Mutex((pending: 0, dropped: 0))

    init(minimumLevel: Level = .info) {
        self.minimumLevel = minimumLevel
    }

    func log(_ level: Level, _ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        guard level >= minimumLevel else { return }
        var line = Log.timestamp() + " " + level.name + " " + message
        for (key, value) in metadata {
            line += " \(key)=\(Log.quoted(value))"
        }
        enqueue(line + "\n")
    }

    /// Waits up to `timeout` for queued lines to be written, before the process exits.
    func flush(timeout: DispatchTimeInterval = .seconds(1)) {
        let done = DispatchSemaphore(value: 0)
        writer.async { done.signal() }
        _ = done.wait(timeout: .now() + timeout)
    }

    private func enqueue(_ line: String) {
        let accepted = backlog.withLock { backlog in
            guard backlog.pending < Log.maximumPendingLines else {
                backlog.dropped += 1
                return false
            }
            backlog.pending += 1
            return true
        }
        guard accepted else { return }
        writer.async { [self] in
            write(line, to: STDERR_FILENO)
            let dropped = backlog.withLock { backlog -> Int in
                backlog.pending -= 1
                guard backlog.pending == 0 else { return 0 }
                let dropped = backlog.dropped
                backlog.dropped = 0
                return dropped
            }
            if dropped > 0 {
                write(Log.timestamp() + " warning log lines dropped because standard error "
                    + "was not read count=\(dropped)\n", to: STDERR_FILENO)
            }
        }
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
