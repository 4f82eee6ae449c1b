import Store
import Synchronization

/// Recently used API keys by their first eight digits, so a call need not open a store
/// transaction to authenticate.
///
/// Only API methods change keys, so the dispatcher calls `invalidate()` after every
/// method declared with `.write` access. A look-up that started before an invalidation
/// does not store its result, so a deleted key cannot come back into the cache.
final class KeyCache: Sendable {
    /// Entries kept before the cache starts over, which bounds its memory.
    static let capacity = 10_000

    private struct State {
        var generation = 0
        var entries: [String: [APIKeyRecord]] = [:]
    }

    private let state = Mutex(State())

    /// Returns the keys starting with `prefix`, from the cache or else from `load`.
    func keys(withPrefix prefix: String,
              load: () throws -> [APIKeyRecord]) throws -> [APIKeyRecord] {
        let (cached, generation) = state.withLock { ($0.entries[prefix], $0.generation) }
        if let cached {
            return cached
        }
        let loaded = try load()
        guard !loaded.isEmpty else { return loaded }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= KeyCache.capacity {
                state.entries.removeAll()
            }
            state.entries[prefix] = loaded
        }
        return loaded
    }

    /// Forgets every cached key, because a write may have changed one.
    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.entries.removeAll()
        }
    }
}
