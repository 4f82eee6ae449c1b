import Glibc
import Wire

/// The source of the current time for jobs and for the dates the API reports.
public protocol Clock: Sendable {
    /// Seconds since 1970-01-01 00:00:00 UTC, with a fractional part.
    func now() -> Double
}

extension Clock {
    /// Returns the current time as a `DateTime`, to the second.
    public func dateTime() -> DateTime {
        DateTime(secondsSince1970: Int(now().rounded(.down)))
    }
}

/// The system's real-time clock.
public struct SystemClock: Clock {
    public init() {}

    public func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
