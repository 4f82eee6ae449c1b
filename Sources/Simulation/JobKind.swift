import Store

/// One status a job shows and how long it shows it at real-time speed.
public struct JobStep: Sendable, Equatable {
    public var status: String
    /// Seconds at real-time speed.
    public var duration: Double

    public init(_ status: String, seconds duration: Double) {
        self.status = status
        self.duration = duration
    }
}

/// A kind of job: the steps it goes through before it finishes, and the change it makes
/// to the store when it finishes.
public struct JobKind: Sendable {
    /// Stored with each job to find its kind again after a restart, such as "dns-reload".
    public let name: String
    /// The `type` that `job.status` reports.
    public let type: String
    /// The steps before the job finishes, the first being the status of a new job.
    public let steps: [JobStep]
    /// The status of a finished job.
    public let finalStatus: String
    /// Runs in the same transaction that marks the job finished.
    public let effect: (@Sendable (Transaction, JobRecord) throws -> Void)?

    public init(name: String, type: String, steps: [JobStep], finalStatus: String = "DONE",
                effect: (@Sendable (Transaction, JobRecord) throws -> Void)? = nil) {
        precondition(!steps.isEmpty, "Job kind \(name) needs at least one step")
        self.name = name
        self.type = type
        self.steps = steps
        self.finalStatus = finalStatus
        self.effect = effect
    }
}

extension JobKind {
    /// The built-in job kinds, which `JobEngine` uses by default.
    public static let builtIn: [JobKind] = [.dnsReload, .serverReboot, .serviceCancel]

    /// `dns.reload`: done about a second after it was asked for.
    public static let dnsReload = JobKind(
        name: "dns-reload", type: "RELOAD-DNS", steps: [JobStep("NEW", seconds: 1)])

    /// `server.reboot`: queued, then the server reboots, then done.
    public static let serverReboot = JobKind(
        name: "server-reboot", type: "REBOOT-SERVER",
        steps: [JobStep("NEW", seconds: 2), JobStep("REBOOTING", seconds: 8)])

    /// `service.cancel`: the service becomes CANCELLED when the job finishes, not before.
    public static let serviceCancel = JobKind(
        name: "service-cancel", type: "CANCEL-SERVICE",
        steps: [JobStep("NEW", seconds: 2), JobStep("CANCELLING", seconds: 3)],
        effect: { transaction, job in
            guard let name = job.serviceName,
                  let service = try transaction.service(account: job.accountID, name: name)
            else { return }
            try transaction.setStatus(.cancelled, ofService: service.id)
        })
}

/// The speed at which jobs move through their steps.
public enum JobSpeed: Sendable, Equatable {
    /// Each step takes its stated time.
    case realTime
    /// Each step takes its stated time divided by the factor, which is above 0.
    case factor(Double)
    /// Each step takes no time, so a job finishes at the first advance after it starts.
    case instant

    /// Parses a `--job-speed` argument: "instant", "realtime", or a factor above 0 such
    /// as "10". Returns nil for anything else.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "instant": self = .instant
        case "realtime", "real-time": self = .realTime
        default:
            guard let factor = Double(argument), JobSpeed.factorRange.contains(factor)
            else { return nil }
            self = factor == 1 ? .realTime : .factor(factor)
        }
    }

    /// The factors `--job-speed` accepts: below 0.001 a ten-second step would take
    /// hours, and above a million every step already ends within microseconds.
    public static let factorRange: ClosedRange<Double> = 0.001...1_000_000

    /// Returns the wall-clock seconds a step of `duration` real-time seconds takes at this speed.
    public func scaled(_ duration: Double) -> Double {
        switch self {
        case .realTime: return duration
        case .factor(let factor): return duration / factor
        case .instant: return 0
        }
    }
}
