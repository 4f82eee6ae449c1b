import API
import Store
import Wire

extension DNSMethods {
    static let domainReturns =
        "a dictionary with the keys domain and, when the domain is part of a zone, zone_id."

    /// Returns the domain in its stored form, or raises `ApiErrorNotUnique` when any
    /// account has it already, because only one zone can serve a domain.
    /// - Parameter prefix: put before an error message, to say which list entry failed.
    static func unusedDomain(_ domain: String, parameter: String = "domain", prefix: String = "",
                             in transaction: Transaction) throws -> String {
        let name: String
        do {
            name = try ZoneDomainName.checked(domain, parameter: parameter)
        } catch let fault as MemsetFault {
            throw MemsetFault(fault.type, prefix + fault.message)
        }
        if try transaction.zoneDomain(name) != nil {
            throw MemsetFault(.notUnique, "\(prefix)Zone domain '\(name)' already exists")
        }
        return name
    }

    // MARK: - Methods

    static let zoneDomainCreate = MethodDeclaration(
        "dns.zone_domain_create",
        summary: "Create a zone domain, optionally in a zone. Domains are stored in lowercase "
            + "without a final dot, and a domain can be in only one account.",
        parameters: [domainParameter, zoneIDParameter("zone_id", optional: true)],
        returns: .dictionary, "the zone domain after it was added: " + domainReturns,
        access: .write
    ) { context in
        let transaction = try context.transaction
        let zoneID = try context.arguments.stringIfPresent("zone_id").map {
            try requireZone($0, parameter: "zone_id", in: context).id
        }
        let name = try unusedDomain(try context.arguments.string("domain"), in: transaction)

        let domain = DNSZoneDomain(domain: name, accountID: context.accountID, zoneID: zoneID)
        try transaction.insertZoneDomain(domain)
        return value(domain)
    }

    static let zoneDomainDelete = MethodDeclaration(
        "dns.zone_domain_delete",
        summary: "Deletes the zone domain.",
        parameters: [domainParameter],
        returns: .dictionary, "the zone domain as it was before it was deleted: "
            + domainReturns,
        access: .write
    ) { context in
        let domain = try requireDomain(try context.arguments.string("domain"), in: context)
        try context.transaction.deleteZoneDomain(domain.domain, account: context.accountID)
        return value(domain)
    }

    static let zoneDomainInfo = MethodDeclaration(
        "dns.zone_domain_info",
        summary: "Info about a zone domain.",
        parameters: [domainParameter],
        returns: .dictionary, domainReturns,
        access: .read
    ) { context in
        value(try requireDomain(try context.arguments.string("domain"), in: context))
    }

    static let zoneDomainList = MethodDeclaration(
        "dns.zone_domain_list",
        summary: "Returns all the zone domains for this account.",
        returns: .list, "a list of zone domain dictionaries as dns.zone_domain_info returns "
            + "them, in the order they were created.",
        access: .read
    ) { context in
        .list(try context.transaction.zoneDomains(account: context.accountID).map(value))
    }

    static let zoneDomainUpdate = MethodDeclaration(
        "dns.zone_domain_update",
        summary: "Updates the zone domain: moves it to the zone zone_id, or out of any zone "
            + "when zone_id is left out.",
        parameters: [domainParameter, zoneIDParameter("zone_id", optional: true)],
        returns: .dictionary, "the zone domain after the update: " + domainReturns,
        access: .write
    ) { context in
        var domain = try requireDomain(try context.arguments.string("domain"), in: context)
        domain.zoneID = try context.arguments.stringIfPresent("zone_id").map {
            try requireZone($0, parameter: "zone_id", in: context).id
        }
        try context.transaction.setZone(domain.zoneID, ofDomain: domain.domain,
                                         account: context.accountID)
        return value(domain)
    }
}
