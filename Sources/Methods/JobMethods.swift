import API
import Store
import Wire

/// `job.status`: the progress of jobs that other methods start.
public enum JobMethods {
    public static var declarations: [MethodDeclaration] {
        [status]
    }

    static let status = MethodDeclaration(
        "job.status",
        summary: "Reads the status of the job passed in.",
        parameters: [
            .serviceName(optional: true,
                         summary: "Name of the service - only show jobs that are attached to "
                             + "this service."),
            .hexID("id", summary: "The Job ID."),
        ],
        "a dictionary with the keys id, type, status, service (only when the job is "
            + "attached to a service), finished and error.",
        access: .read
    ) { context in
        let id = try context.arguments.string("id").lowercased()
        guard let job = try context.transaction.job(account: context.accountID, id: id) else {
            throw MemsetFault.doesNotExist("Couldn't find job with id '\(id)'")
        }
        if let name = context.arguments.stringIfPresent("name"), job.serviceName != name {
            throw MemsetFault.doesNotExist(
                "Couldn't find job with id '\(id)' attached to service '\(name)'")
        }
        return JobValues.status(job)
    }
}
