extension FixtureLoad {
    mutating func loadZone(_ node: FixtureNode, account: Int64) throws {
        let id = try node.string("id")
        try node.require(FixtureRules.isHexID(id), "id",
                         "'\(id)' is not 32 lowercase hexadecimal digits")
        try node.require(zoneIDs.insert(id).inserted, "id", "the zone id '\(id)' is used twice")
        let nickname = try node.string("nickname")
        try node.require(nickname.count <= 250, "nickname", "must be at most 250 characters")
        let ttl = try readTTL(node)
        try transaction.insertZone(DNSZone(id: id, accountID: account, nickname: nickname,
                                           ttl: ttl))

        let zoneDomains = try node.strings("domains")
        for (index, domain) in zoneDomains.enumerated() {
            try insertDomain(domain, zoneID: id, account: account, node: node,
                             key: "domains[\(index)]")
        }
        for record in try node.objects("records") {
            try loadRecord(record, zoneID: id, account: account)
        }
        try node.finish()
    }

    /// Inserts a domain; `key` is the field of `node` that lists it, for error messages.
    mutating func insertDomain(_ domain: String, zoneID: String?, account: Int64,
                               node: FixtureNode, key: String) throws {
        try node.require(FixtureRules.isHostName(domain), key,
                         "'\(domain)' is not a valid domain name")
        try node.require(domains.insert(domain.lowercased()).inserted, key,
                         "the domain '\(domain)' is used twice")
        try transaction.insertZoneDomain(DNSZoneDomain(domain: domain, accountID: account,
                                                       zoneID: zoneID))
    }

    private mutating func loadRecord(_ node: FixtureNode, zoneID: String,
                                     account: Int64) throws {
        let id = try node.string("id")
        try node.require(FixtureRules.isHexID(id), "id",
                         "'\(id)' is not 32 lowercase hexadecimal digits")
        try node.require(recordIDs.insert(id).inserted, "id",
                         "the record id '\(id)' is used twice")
        let type = try node.string("type", oneOf: FixtureRules.recordTypes)
        let name = try node.string("record", default: "")
        try node.require(name.count <= 250 && FixtureRules.isPrintableASCII(name), "record",
                         "'\(name)' must be at most 250 printable ASCII characters")
        let address = try node.string("address")
        try node.require(!address.isEmpty && address.count <= 250
                             && FixtureRules.isPrintableASCII(address),
                         "address", "'\(address)' must be 1 to 250 printable ASCII characters")
        if type == "A" {
            try node.require(FixtureRules.isIPv4(address), "address",
                             "'\(address)' is not an IPv4 address, as an A record needs")
        } else if type == "AAAA" {
            try node.require(FixtureRules.isIPv6(address), "address",
                             "'\(address)' is not an IPv6 address, as an AAAA record needs")
        }
        let priority = try node.int("priority", default: 0)
        try node.require((0...999).contains(priority), "priority",
                         "\(priority) is not between 0 and 999")
        try transaction.insertZoneRecord(DNSZoneRecord(
            id: id, accountID: account, zoneID: zoneID, type: type, record: name,
            address: address, ttl: try readTTL(node), priority: priority,
            relative: try node.bool("relative", default: false)))
        try node.finish()
    }

    private func readTTL(_ node: FixtureNode) throws -> Int {
        let ttl = try node.int("ttl", default: 0)
        let allowed = FixtureRules.ttls.map(String.init).joined(separator: ", ")
        try node.require(FixtureRules.ttls.contains(ttl), "ttl",
                         "\(ttl) is not one of \(allowed)")
        return ttl
    }

    // MARK: Jobs

    /// Inserts a finished job; a fixture cannot hold a job that is still running.
    mutating func loadJob(_ node: FixtureNode, account: Int64,
                          serviceNames: Set<String>) throws {
        let id = try node.string("id")
        try node.require(FixtureRules.isHexID(id), "id",
                         "'\(id)' is not 32 lowercase hexadecimal digits")
        try node.require(jobIDs.insert(id).inserted, "id", "the job id '\(id)' is used twice")
        let kind = try node.string("kind")
        try node.require(!kind.isEmpty, "kind", "must not be empty")
        let type = try node.string("type")
        try node.require(!type.isEmpty, "type", "must not be empty")
        let service = try node.optionalString("service")
        if let service {
            try node.require(serviceNames.contains(service), "service",
                             "'\(service)' is not a service of this account")
        }
        let created = try node.date("created")
        let finished = try node.date("finished", default: created)
        try node.require(finished >= created, "finished",
                         "\(finished.apiString) is before created \(created.apiString)")
        let createdAt = Double(created.secondsSince1970)
        let finishedAt = Double(finished.secondsSince1970)
        try transaction.insertJob(JobRecord(
            id: id, accountID: account, kind: kind, type: type, serviceName: service,
            createdAt: createdAt, step: 0, status: try node.string("status", default: "DONE"),
            stepStartedAt: finishedAt, stepDeadline: nil, finished: true,
            finishedAt: finishedAt, error: try node.bool("error", default: false)))
        try node.finish()
    }
}
