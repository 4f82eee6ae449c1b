import API
import Simulation
import Store
import Wire

/// `service.*`: list, describe, nickname and cancel the account's services.
public enum ServiceMethods {
    public static func declarations(_ environment: MethodEnvironment) -> [MethodDeclaration] {
        [list, info, setNickname, cancel(environment)]
    }

    /// The maximum nickname length, in characters: `service.set_nickname` truncates longer
    /// nicknames.
    static let maximumNicknameLength = 255

    static let statusParameter = Parameter(
        "status", .string, optional: true,
        summary: "Status of the service to look for, default 'LIVE'.",
        allowedValues: ["LIVE", "CANCELLED"])

    static let list = MethodDeclaration(
        "service.list",
        summary: "List all the services for an account.",
        parameters: [
            Parameter("type", .stringOrList, optional: true,
                      summary: "Search only for this type of service, by default all "
                          + "services are returned."),
            statusParameter,
        ],
        returns: .list,
        "a list of dictionaries where each dictionary is as described in service.info().",
        access: .read
    ) { context in
        // An empty list of types filters nothing, like an absent one.
        let types = context.arguments.stringsIfPresent("type").flatMap { $0.isEmpty ? nil : Set($0) }
        let status = context.arguments.stringIfPresent("status") ?? ServiceStatus.live.rawValue
        let services = try context.transaction.services(account: context.accountID)
            .filter { $0.status.rawValue == status }
            .filter { types?.contains($0.type) ?? true }
        return .list(services.map { .dictionary(values($0)) })
    }

    static let info = MethodDeclaration(
        "service.info",
        summary: "Describes the service returning a dictionary.",
        parameters: [.serviceName()],
        "a dictionary with the keys name, status, nickname, start_date, expiry_date, "
            + "renewal_price_amount, renewal_price_currency, renewal_price_vat, type, "
            + "network_zones and data_zone.",
        access: .read
    ) { context in
        let service = try service(named: try context.arguments.string("name"), in: context)
        return .dictionary(values(service))
    }

    static let setNickname = MethodDeclaration(
        "service.set_nickname",
        summary: "Updates the service nickname. The nickname must be made up of the "
            + "characters A-Z, a-z, 0-9, space, _, ., - and ': any other characters are "
            + "deleted. Leading and trailing whitespace is removed, and anything beyond "
            + "255 characters is truncated. It must be unique for the services in the "
            + "account, or ApiErrorNotUnique is raised.",
        parameters: [
            .serviceName(),
            Parameter("nickname", .string, summary: "New nickname for the service."),
        ],
        "a dictionary with the key nickname: the nickname set.",
        access: .write
    ) { context in
        let service = try service(named: try context.arguments.string("name"), in: context)
        let nickname = cleanedNickname(try context.arguments.string("nickname"))

        if !nickname.isEmpty {
            let others = try context.transaction.services(account: context.accountID)
                .filter { $0.id != service.id }
            if let holder = others.first(where: { $0.nickname == nickname }) {
                throw MemsetFault(.notUnique,
                                  "The nickname '\(nickname)' is already used by service "
                                      + "'\(holder.name)'")
            }
        }

        try context.transaction.setNickname(nickname, ofService: service.id)
        return ["nickname": .string(nickname)]
    }

    static func cancel(_ environment: MethodEnvironment) -> MethodDeclaration {
        MethodDeclaration(
            "service.cancel",
            summary: "Cancels a service. The service stays LIVE until the cancellation job "
                + "finishes, then becomes CANCELLED. SSL certificates can't be cancelled "
                + "with this method.",
            parameters: [.serviceName()],
            "a dictionary as described in job.status().",
            access: .write
        ) { context in
            let name = try context.arguments.string("name")
            let service = try service(named: name, in: context)
            try checkCancellable(service)

            let transaction = try context.transaction
            if try environment.jobs.unfinishedJob(.serviceCancel, service: name,
                                                  account: context.accountID,
                                                  in: transaction) != nil {
                throw MemsetFault(.alreadyInProgress,
                                  "Service '\(name)' is already pending cancellation")
            }
            let job = try environment.jobs.start(.serviceCancel, service: name,
                                                 account: context.accountID,
                                                 in: transaction, now: context.time)
            return JobValues.status(job)
        }
    }

    private static func checkCancellable(_ service: ServiceRecord) throws {
        if service.status == .cancelled {
            throw MemsetFault(.preconditionFailed,
                              "Service '\(service.name)' is already cancelled")
        }
        // NOTE: SSL certificate service types are assumed to start with "ssl", because the
        // API reference names no type for them.
        if service.type.lowercased().hasPrefix("ssl") {
            throw MemsetFault.badParameters(
                "Service '\(service.name)' is an SSL certificate (\(service.type)), which "
                    + "service.cancel can't cancel")
        }
    }

    /// Applies the documented nickname rules: characters outside A-Z, a-z, 0-9, space,
    /// `_`, `.`, `-` and `'` are deleted, surrounding whitespace is removed, and the
    /// result is truncated to 255 characters.
    static func cleanedNickname(_ text: String) -> String {
        let allowedScalars = text.unicodeScalars.filter { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", " ", "_", ".", "-", "'": return true
            default: return false
            }
        }
        let nickname = trimmingSpaces(String(String.UnicodeScalarView(allowedScalars)))
        guard nickname.count > maximumNicknameLength else { return nickname }
        return trimmingSpaces(String(nickname.prefix(maximumNicknameLength)))
    }

    private static func trimmingSpaces(_ text: String) -> String {
        guard let start = text.firstIndex(where: { $0 != " " }),
              let end = text.lastIndex(where: { $0 != " " })
        else { return "" }
        return String(text[start...end])
    }
}
