import API
import Simulation
import Wire

extension DNSMethods {
    /// `dns.reload` starts a new job on every call: the reference documents no
    /// ApiErrorAlreadyInProgress for it, and a second reload only repeats the first.
    static func reload(_ environment: MethodEnvironment) -> MethodDeclaration {
        MethodDeclaration(
            "dns.reload",
            summary: "Reloads the name servers with recent changes. Poll the job returned with "
                + "job.status to learn when this has been done.",
            returns: .dictionary,
            "a dictionary as job.status returns it: id, type ('RELOAD-DNS'), status, "
                + "finished and error.",
            access: .write
        ) { context in
            let job = try environment.jobs.start(
                .dnsReload, service: nil, account: context.accountID,
                in: try context.transaction, now: context.time)
            return JobValues.status(job)
        }
    }
}
