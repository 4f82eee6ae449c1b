import API
import Store
import Wire

extension DNSMethods {
    static let zoneReturns =
        "a dictionary with the keys id, nickname, ttl (Integer), records (a list of zone "
        + "record dictionaries as dns.zone_record_info returns them) and domains (a list of "
        + "zone domain dictionaries as dns.zone_domain_info returns them)."

    static func zoneCreate(_ environment: MethodEnvironment) -> MethodDeclaration {
        MethodDeclaration(
            "dns.zone_create",
            summary: "Create a zone, optionally providing records and domains. Each entry of "
                + "records and domains is a dictionary of the parameters of "
                + "dns.zone_record_create or dns.zone_domain_create without zone_id, which is "
                + "filled in. When any entry is invalid, nothing is created.",
            parameters: [
                nicknameParameter(optional: false),
                zoneTTLParameter,
                Parameter("records", .list, optional: true,
                          summary: "A List of Dictionaries describing zone records to create."),
                Parameter("domains", .list, optional: true,
                          summary: "A List of Dictionaries describing zone domains to create."),
            ],
            returns: .dictionary, "the new zone: " + zoneReturns,
            access: .write
        ) { context in
            let arguments = context.arguments
            let transaction = try context.transaction
            let recordEntries = try entries("records", of: arguments,
                                            parameters: newRecordParameters)
            let domainEntries = try entries("domains", of: arguments,
                                            parameters: [domainParameter])
            // Check every domain before taking any ID, so that a rejected call leaves the
            // sequence of seeded IDs as it was.
            var domains: [String] = []
            for (index, entry) in domainEntries.enumerated() {
                let prefix = "domains[\(index)]: "
                let name = try unusedDomain(try entry.string("domain"), prefix: prefix,
                                            in: transaction)
                guard !domains.contains(name) else {
                    throw MemsetFault(.notUnique, "\(prefix)Zone domain '\(name)' is listed "
                                          + "more than once")
                }
                domains.append(name)
            }
            for (index, entry) in recordEntries.enumerated() {
                _ = try newRecord(entry, id: "", account: context.accountID, zoneID: "",
                                  prefix: "records[\(index)]: ")
            }

            let zone = DNSZone(id: environment.ids.next(), accountID: context.accountID,
                               nickname: try arguments.string("nickname"),
                               ttl: arguments.integerIfPresent("ttl") ?? 0)
            try transaction.insertZone(zone)
            for name in domains {
                try transaction.insertZoneDomain(DNSZoneDomain(
                    domain: name, accountID: context.accountID, zoneID: zone.id))
            }
            for entry in recordEntries {
                try transaction.insertZoneRecord(try newRecord(
                    entry, id: environment.ids.next(), account: context.accountID,
                    zoneID: zone.id))
            }
            return try value(zone, in: transaction)
        }
    }

    /// Validates each dictionary of the list parameter `name` against `parameters`, as if it
    /// were the parameters of a call, and returns them in order. A message names the entry,
    /// such as "records[2]: Missing required parameter 'address' (String)".
    private static func entries(_ name: String, of arguments: Arguments,
                                parameters: [Parameter]) throws -> [Arguments] {
        // The validator checks arguments against a declaration, so the entries get one of
        // their own. Its handler never runs.
        let entryDeclaration = MethodDeclaration(
            "dns.zone_create", summary: "One entry of '\(name)'.", parameters: parameters,
            "the entry's validated parameters.", access: .none
        ) { _ in .null }
        return try (arguments.listIfPresent(name) ?? []).enumerated().map { index, item in
            let prefix = "\(name)[\(index)]: "
            guard let fields = item.dictionaryValue else {
                throw MemsetFault.badParameters(
                    "\(prefix)Each entry must be a Dictionary, got a \(item.typeName)")
            }
            if fields["zone_id"] != nil {
                throw MemsetFault.badParameters(
                    "\(prefix)Parameter 'zone_id' must be left out: the new zone's ID is "
                        + "filled in")
            }
            do {
                return try ArgumentValidator.validate(
                    fields.mapValues { RawArgument($0, source: .typed) }, for: entryDeclaration)
            } catch let fault as MemsetFault {
                throw MemsetFault(fault.type, prefix + fault.message)
            }
        }
    }

    static let zoneDelete = MethodDeclaration(
        "dns.zone_delete",
        summary: "Deletes a zone with every zone record and zone domain that is part of it.",
        parameters: [zoneIDParameter("id")],
        returns: .dictionary, "the zone as it was before it was deleted: " + zoneReturns,
        access: .write
    ) { context in
        let transaction = try context.transaction
        let zone = try requireZone(try context.arguments.string("id"), in: context)
        let before = try value(zone, in: transaction)
        try transaction.deleteZone(account: context.accountID, id: zone.id)
        return before
    }

    static let zoneInfo = MethodDeclaration(
        "dns.zone_info",
        summary: "Info about a zone. A ttl of 0 means the Memset default of 1800 seconds.",
        parameters: [zoneIDParameter("id")],
        returns: .dictionary, zoneReturns,
        access: .read
    ) { context in
        let zone = try requireZone(try context.arguments.string("id"), in: context)
        return try value(zone, in: try context.transaction)
    }

    static let zoneList = MethodDeclaration(
        "dns.zone_list",
        summary: "Lists all the zones in this account.",
        returns: .list, "a list of zone dictionaries as dns.zone_info returns them, in the "
            + "order they were created.",
        access: .read
    ) { context in
        let transaction = try context.transaction
        return .list(try transaction.zones(account: context.accountID).map {
            try value($0, in: transaction)
        })
    }

    static let zoneUpdate = MethodDeclaration(
        "dns.zone_update",
        summary: "Modifies a zone: the nickname and ttl given change, and the others keep "
            + "their values. Use the zone_record and zone_domain methods with zone_id to "
            + "change the zone's records and domains.",
        parameters: [zoneIDParameter("id"), nicknameParameter(optional: true),
                     zoneTTLParameter],
        returns: .dictionary, "the zone after the update: " + zoneReturns,
        access: .write
    ) { context in
        let transaction = try context.transaction
        var zone = try requireZone(try context.arguments.string("id"), in: context)
        if let nickname = context.arguments.stringIfPresent("nickname") {
            zone.nickname = nickname
        }
        if let ttl = context.arguments.integerIfPresent("ttl") {
            zone.ttl = ttl
        }
        try transaction.updateZone(zone)
        return try value(zone, in: transaction)
    }
}
