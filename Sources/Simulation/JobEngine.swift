import Store

/// Starts jobs and moves them through their steps as time passes.
///
/// Step deadlines are stored in wall-clock seconds, so a job started before a restart
/// carries on where it was. Call `advance(in:now:)` at the start of every API call, and
/// `advanceIfDue(store:now:)` from a timer so that effects land even when no client polls.
public final class JobEngine: Sendable {
    public let speed: JobSpeed
    private let kinds: [String: JobKind]
    private let ids: IDGenerator

    public init(ids: IDGenerator, speed: JobSpeed = .realTime,
                kinds: [JobKind] = JobKind.builtIn) {
        self.ids = ids
        self.speed = speed
        self.kinds = Dictionary(kinds.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
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
        guard let deadline = try store.read({ try $0.nextJobDeadline() }), deadline <= now
        else { return 0 }
        return try store.write { transaction in try advance(in: transaction, now: now) }
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
