import Store
import Wire

/// The API dictionary of a job, shared by `job.status` and every method that starts a job
/// and returns "a dictionary as described in job.status()".
public enum JobValues {
    /// Returns `id`, `type`, `status`, `finished` and `error`, plus `service` when the job
    /// works on a named service.
    public static func status(_ job: JobRecord) -> Value {
        var result: [String: Value] = [
            "id": .string(job.id),
            "type": .string(job.type),
            "status": .string(job.status),
            "finished": .boolean(job.finished),
            "error": .boolean(job.error),
        ]
        if let service = job.serviceName {
            result["service"] = .string(service)
        }
        return .dictionary(result)
    }
}
