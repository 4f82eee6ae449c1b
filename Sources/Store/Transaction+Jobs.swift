private let jobColumns = """
    id, account_id, kind, type, service_name, created_at, step, status, step_started_at,
    step_deadline, finished, finished_at, error, payload
    """

extension Transaction {
    /// - Throws: a unique violation when the id is taken.
    public func insertJob(_ job: JobRecord) throws {
        try execute(
            "INSERT INTO jobs (\(jobColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            job.id, job.accountID, job.kind, job.type, job.serviceName, job.createdAt, job.step,
            job.status, job.stepStartedAt, job.stepDeadline, job.finished, job.finishedAt,
            job.error, job.payload)
    }

    /// Stores the job's progress: step, status, step times, finished and error flags.
    public func updateJobProgress(_ job: JobRecord) throws {
        try execute(
            """
            UPDATE jobs SET step = ?, status = ?, step_started_at = ?, step_deadline = ?,
                finished = ?, finished_at = ?, error = ?
            WHERE id = ?
            """,
            job.step, job.status, job.stepStartedAt, job.stepDeadline, job.finished,
            job.finishedAt, job.error, job.id)
    }

    public func job(account: Int64, id: String) throws -> JobRecord? {
        try queryFirst("SELECT \(jobColumns) FROM jobs WHERE account_id = ? AND id = ?",
                       account, id, map: jobRecord)
    }

    /// Returns the account's jobs, oldest first.
    public func jobs(account: Int64) throws -> [JobRecord] {
        try query("SELECT \(jobColumns) FROM jobs WHERE account_id = ? ORDER BY created_at, rowid",
                  account, map: jobRecord)
    }

    /// Returns unfinished jobs whose current step ended at or before `time`, earliest
    /// deadline first, across all accounts.
    public func dueJobs(at time: Double, limit: Int = 100) throws -> [JobRecord] {
        try query(
            """
            SELECT \(jobColumns) FROM jobs
            WHERE finished = 0 AND step_deadline <= ? ORDER BY step_deadline, rowid LIMIT ?
            """, time, limit, map: jobRecord)
    }

    /// Returns the earliest deadline of any unfinished job, or nil when none is unfinished.
    public func nextJobDeadline() throws -> Double? {
        try queryFirst("SELECT min(step_deadline) FROM jobs WHERE finished = 0") { row in
            row.optionalDouble(0)
        } ?? nil
    }

    /// Returns the account's oldest unfinished job of `kind` on the service, or nil.
    public func unfinishedJob(account: Int64, serviceName: String,
                              kind: String) throws -> JobRecord? {
        try queryFirst(
            """
            SELECT \(jobColumns) FROM jobs
            WHERE account_id = ? AND service_name = ? AND kind = ? AND finished = 0
            ORDER BY created_at, rowid
            """, account, serviceName, kind, map: jobRecord)
    }

    private func jobRecord(_ row: Row) -> JobRecord {
        JobRecord(
            id: row.string(0), accountID: row.int64(1), kind: row.string(2),
            type: row.string(3), serviceName: row.optionalString(4), createdAt: row.double(5),
            step: row.int(6), status: row.string(7), stepStartedAt: row.double(8),
            stepDeadline: row.optionalDouble(9), finished: row.bool(10),
            finishedAt: row.optionalDouble(11), error: row.bool(12), payload: row.string(13))
    }
}
