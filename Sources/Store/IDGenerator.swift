import Synchronization

/// Produces ids of 32 lowercase hexadecimal digits for API keys, zones, records and jobs.
///
/// By default the digits come from the system's random source. With a seed they come from
/// SplitMix64, so two runs with the same seed that make the same calls get the same ids.
public final class IDGenerator: Sendable {
    private enum Source {
        case system
        case seeded(state: UInt64)
    }

    private let source: Mutex<Source>

    /// A generator that draws from the system's random source.
    public init() {
        source = Mutex(.system)
    }

    /// A generator whose ids depend only on `seed`, `run` and the number of earlier calls.
    ///
    /// - Parameter run: how many times a server has started on this store before, so a
    ///   restarted server with the same seed does not hand out the ids of its last run.
    public init(seed: UInt64, run: UInt64 = 0) {
        guard run > 0 else {
            source = Mutex(.seeded(state: seed))
            return
        }
        var mixer = seed ^ (run &* 0xD1B5_4A32_D192_ED03)
        source = Mutex(.seeded(state: IDGenerator.splitMix64(&mixer)))
    }

    /// Returns a new id of 32 lowercase hexadecimal digits.
    public func next() -> String {
        let (high, low) = source.withLock { source -> (UInt64, UInt64) in
            switch source {
            case .system:
                var generator = SystemRandomNumberGenerator()
                return (generator.next(), generator.next())
            case .seeded(var state):
                let high = IDGenerator.splitMix64(&state)
                let low = IDGenerator.splitMix64(&state)
                source = .seeded(state: state)
                return (high, low)
            }
        }
        return hex(high) + hex(low)
    }

    // SplitMix64 by Sebastiano Vigna (public domain reference implementation, 2015).
    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
