import Simulation
import Synchronization

/// A clock that moves only when a test moves it, so jobs advance without sleeping.
public final class ManualClock: Clock {
    private let seconds: Mutex<Double>

    /// Starts at `start` seconds since 1970; the default is 2026-01-01 00:00:00 UTC.
    public init(start: Double = 1_767_225_600) {
        seconds = Mutex(start)
    }

    public func now() -> Double {
        seconds.withLock { $0 }
    }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: Double) {
        precondition(interval >= 0, "A clock cannot go back \(-interval) seconds")
        seconds.withLock { $0 += interval }
    }

    /// Sets the clock to `time` seconds since 1970.
    public func set(to time: Double) {
        seconds.withLock { $0 = time }
    }
}
