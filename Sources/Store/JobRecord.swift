/// A job as stored: where it is in its sequence of steps and when the current step ends.
/// Times are seconds since 1970-01-01 00:00:00 UTC.
public struct JobRecord: Sendable, Equatable {
    /// 32 lowercase hexadecimal digits.
    public var id: String
    public var accountID: Int64
    /// The simulation's name for the sequence of steps, such as "dns-reload".
    public var kind: String
    /// The `type` that `job.status` reports, such as "RELOAD-DNS".
    public var type: String
    /// The service the job works on, if any.
    public var serviceName: String?
    public var createdAt: Double
    /// Index of the current step in the job kind's sequence.
    public var step: Int
    /// The `status` that `job.status` reports, such as "NEW" or "DONE".
    public var status: String
    public var stepStartedAt: Double
    /// When the current step ends; nil once the job has finished.
    public var stepDeadline: Double?
    public var finished: Bool
    public var finishedAt: Double?
    public var error: Bool
    /// Data the job's effect needs when it completes, in a format of the job kind's choice.
    public var payload: String

    public init(id: String, accountID: Int64, kind: String, type: String,
                serviceName: String? = nil, createdAt: Double, step: Int = 0, status: String,
                stepStartedAt: Double, stepDeadline: Double?, finished: Bool = false,
                finishedAt: Double? = nil, error: Bool = false, payload: String = "") {
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.type = type
        self.serviceName = serviceName
        self.createdAt = createdAt
        self.step = step
        self.status = status
        self.stepStartedAt = stepStartedAt
        self.stepDeadline = stepDeadline
        self.finished = finished
        self.finishedAt = finishedAt
        self.error = error
        self.payload = payload
    }
}
