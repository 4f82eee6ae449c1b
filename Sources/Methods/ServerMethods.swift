import API
import Simulation
import Store
import Wire

/// `server.info`, `server.list` and `server.reboot`.
public enum ServerMethods {
    public static func declarations(_ environment: MethodEnvironment) -> [MethodDeclaration] {
        [info, list, reboot(environment)]
    }

    static let info = MethodDeclaration(
        "server.info",
        summary: "Describes the server returning a dictionary.",
        parameters: [.serviceName()],
        "a dictionary with the keys name, host_name, primary_ip, ips, vlans, os, backups, "
            + "control_panel, firewall_type, firewall_rule_group, monitoring_level, monitor, "
            + "ignore_monitoring_off, no_nrpe, no_auto_reboot, support_level, vulnscan, "
            + "intrusion_detection and intrusion_detection_alert_level, plus the keys of "
            + "service.info().",
        access: .read
    ) { context in
        .dictionary(values(try server(named: try context.arguments.string("name"), in: context)))
    }

    static let list = MethodDeclaration(
        "server.list",
        summary: "List all the servers for an account. If the status isn't passed in then it "
            + "will find all the servers with status=LIVE.",
        parameters: [
            Parameter("status", .string, optional: true,
                      summary: "Status of the server to look for.",
                      allowedValues: ["LIVE", "CANCELLED"]),
        ],
        returns: .list,
        "a list of dictionaries where each dictionary is as described in server.info().",
        access: .read
    ) { context in
        let status = context.arguments.stringIfPresent("status") ?? ServiceStatus.live.rawValue
        let servers = try context.transaction.servers(account: context.accountID)
            .filter { $0.service.status.rawValue == status }
        return .list(servers.map { .dictionary(values($0)) })
    }

    static func reboot(_ environment: MethodEnvironment) -> MethodDeclaration {
        MethodDeclaration(
            "server.reboot",
            summary: "Schedules a reboot for name. Raises ApiErrorAlreadyInProgress if a "
                + "reboot is pending already.",
            parameters: [
                .serviceName(),
                Parameter("email_address", .string, optional: true,
                          summary: "Email address for response to reboot, uses admin "
                              + "contact email if not passed in.",
                          format: .emailAddress),
            ],
            "a dictionary as described in job.status().",
            access: .write
        ) { context in
            let name = try context.arguments.string("name")
            let server = try server(named: name, in: context)
            if server.service.status == .cancelled {
                throw MemsetFault(.preconditionFailed,
                                  "Server '\(name)' is cancelled and can't be rebooted")
            }

            let transaction = try context.transaction
            if let cancellation = try environment.jobs.unfinishedJob(
                .serviceCancel, service: name, account: context.accountID, in: transaction) {
                throw MemsetFault(.preconditionFailed,
                                  "Server '\(name)' is being cancelled (job \(cancellation.id)) "
                                      + "and can't be rebooted")
            }
            if let pending = try environment.jobs.unfinishedJob(
                .serverReboot, service: name, account: context.accountID, in: transaction) {
                throw MemsetFault(.alreadyInProgress,
                                  "A reboot of server '\(name)' is pending already "
                                      + "(job \(pending.id))")
            }
            // The job keeps the address the reboot report would go to; the mock sends none.
            let job = try environment.jobs.start(
                .serverReboot, service: name, account: context.accountID,
                payload: context.arguments.stringIfPresent("email_address") ?? "",
                in: transaction, now: context.time)
            return JobValues.status(job)
        }
    }

    /// Returns the caller's server called `name`.
    /// - Throws: `ApiErrorDoesNotExist` when the account has no service of that name or the
    ///   service is not a server.
    static func server(named name: String, in context: CallContext) throws -> ServerRecord {
        let service = try ServiceMethods.service(named: name, in: context)
        guard let server = try context.transaction.server(account: context.accountID,
                                                          name: service.name)
        else {
            throw MemsetFault.doesNotExist(
                "Couldn't find server with name '\(name)': it is a \(service.type) service")
        }
        return server
    }
}
