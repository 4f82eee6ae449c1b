import Store
import Synchronization

/// Starts jobs and moves them through their steps as time passes.
///
/// Step deadlines are stored in wall-clock seconds, so a job started before a restart
/// carries on where it was. Call `advance(in:now:)` at the start of every API call, and
/// `advanceIfDue(store:now:)` from a timer so that effects land even when no client polls.
public final class JobEngine: Sendable {
    public let speed: JobSpeed
    private let kinds: [String: JobKind]
    private let ids: IDGenerator
    /// The earliest step deadline when known (`.some(nil)` when no job is unfinished, nil
    /// when the store must be asked), and a count of jobs started, so that a deadline read
    /// while a job started is not kept. Used only when `cachesDeadline` is set.
    private let cache = Mutex<(deadline: Double??, starts: Int)>((nil, 0))
    private let cachesDeadline: Bool

    /// - Parameter cachesDeadline: remember the next deadline between calls, so that
    ///   `advanceIfDue` reads the store only when a job may be due. Set it only when every
    ///   unfinished job is started through this engine, as in the server. Tests that insert
    ///   jobs into the store directly leave it off.
    public init(ids: IDGenerator, speed: JobSpeed = .realTime,
                kinds: [JobKind] = JobKind.builtIn, cachesDeadline: Bool = false) {
        self.ids = ids
        self.speed = speed
        self.kinds = Dictionary(kinds.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.cachesDeadline = cachesDeadline
    }

    /// Inserts a new job of `kind` in its first step and returns it.
    ///
    /// - Parameters:
    ///   - service: the name of the service the job works on, if any.
    ///   - payload: data the kind's effect reads when the job finishes.
    public func start(_ kind: JobKind, service: String?, account: Int64, payload: String = "",
                      in transaction: Transaction, now: Double) throws -> JobRecord {
        precondition(kinds[kind.name] != nil, "Job kind \(kind.name) is not known to the engine")
        let first = kind.steps[0]
        let job = JobRecord(
            id: ids.next(), accountID: account, kind: kind.name, type: kind.type,
            serviceName: service, createdAt: now, status: first.status, stepStartedAt: now,
            stepDeadline: now + speed.scaled(first.duration), payload: payload)
        try transaction.insertJob(job)
        if let deadline = job.stepDeadline {
            // An earlier deadline than the real one only costs one extra look-up, so the
            // cache may take it before the transaction commits.
            cache.withLock { cache in
                cache.starts += 1
                if case .some(let known) = cache.deadline {
                    cache.deadline = .some(known.map { min($0, deadline) } ?? deadline)
                }
            }
        }
        return job
    }

    /// Returns the account's unfinished job of `kind` on the service, if any, as
    /// `server.reboot` and `service.cancel` check before starting another.
    public func unfinishedJob(_ kind: JobKind, service: String, account: Int64,
                              in transaction: Transaction) throws -> JobRecord? {
        try transaction.unfinishedJob(account: account, serviceName: service, kind: kind.name)
    }

    /// Moves every job whose step has ended by `now` on to its next step, finishing jobs
    /// and applying their effects in `transaction`.
    ///
    /// Cheap when nothing is due: one indexed query.
    /// - Returns: the number of jobs that changed.
    @discardableResult
    public func advance(in transaction: Transaction, now: Double) throws -> Int {
        var changed = 0
        while true {
            let due = try transaction.dueJobs(at: now)
            if due.isEmpty { return changed }
            for job in due {
                try transaction.updateJobProgress(try advanced(job, in: transaction, now: now))
                changed += 1
            }
        }
    }

    /// Advances due jobs in a write transaction of its own, opened only when a read shows
    /// that a job is due.
    /// - Returns: the number of jobs that changed.
    @discardableResult
    public func advanceIfDue(store: Store, now: Double) throws -> Int {
        let (cached, starts) = cache.withLock { ($0.deadline, $0.starts) }
        if cachesDeadline, case .some(let known) = cached, known.map({ $0 > now }) ?? true {
            return 0
        }
        let deadline = try store.read { try $0.nextJobDeadline() }
        guard let deadline, deadline <= now else {
            remember(deadline, ifNoStartSince: starts)
            return 0
        }
        do {
            return try store.write { transaction in
                let changed = try advance(in: transaction, now: now)
                remember(try transaction.nextJobDeadline(), ifNoStartSince: starts)
                return changed
            }
        } catch {
            // The remembered deadline came from a transaction that did not commit.
            cache.withLock { $0.deadline = nil }
            throw error
        }
    }

    /// Keeps `deadline` unless a job started since `starts` was read, whose earlier
    /// deadline the read may have missed.
    private func remember(_ deadline: Double?, ifNoStartSince starts: Int) {
        guard cachesDeadline else { return }
        cache.withLock { cache in
            if cache.starts == starts { cache.deadline = .some(deadline) }
        }
    }

    /// Sets the deadline of every unfinished job's current step from this engine's speed,
    /// counted from when the step started. A server restarted with another `--job-speed`
    /// calls this once, so jobs started at the old speed do not keep its schedule.
    /// - Returns: the number of jobs whose deadline changed.
    @discardableResult
    public func rescheduleUnfinishedJobs(store: Store) throws -> Int {
        defer { cache.withLock { $0.deadline = nil } }
        return try store.write { transaction in
            var changed = 0
            for var job in try transaction.dueJobs(at: .greatestFiniteMagnitude, limit: .max) {
                guard let kind = kinds[job.kind], job.step < kind.steps.count else { continue }
                let deadline = job.stepStartedAt + speed.scaled(kind.steps[job.step].duration)
                guard deadline != job.stepDeadline else { continue }
                job.stepDeadline = deadline
                try transaction.updateJobProgress(job)
                changed += 1
            }
            return changed
        }
    }

    /// The earliest time at which a job will change, or nil when every job has finished.
    public func nextDeadline(store: Store) throws -> Double? {
        try store.read { try $0.nextJobDeadline() }
    }

    private func advanced(_ job: JobRecord, in transaction: Transaction,
                          now: Double) throws -> JobRecord {
        var job = job
        guard let kind = kinds[job.kind] else {
            // A kind that this build does not know still finishes, marked as failed.
            job.status = "FAILED"
            job.error = true
            job.finished = true
            job.finishedAt = job.stepDeadline ?? now
            job.stepDeadline = nil
            return job
        }
        while !job.finished, let deadline = job.stepDeadline, deadline <= now {
            job.step += 1
            job.stepStartedAt = deadline
            if job.step < kind.steps.count {
                let step = kind.steps[job.step]
                job.status = step.status
                job.stepDeadline = deadline + speed.scaled(step.duration)
            } else {
                job.status = kind.finalStatus
                job.finished = true
                job.finishedAt = deadline
                job.stepDeadline = nil
                try kind.effect?(transaction, job)
            }
        }
        return job
    }
}
