import API
import Store
import Wire

/// `dns.*`: zones, the domains they serve, their records, the reverse maps of the
/// account's server addresses, and reloading the name servers.
///
/// Every zone, domain and record belongs to one account, and a call reads only its own
/// account's. Lists come in the order the items were created.
public enum DNSMethods {
    public static func declarations(_ environment: MethodEnvironment) -> [MethodDeclaration] {
        [
            reload(environment),
            reverseMapList,
            reverseMapUpdate,
            zoneCreate(environment),
            zoneDelete,
            zoneDomainCreate,
            zoneDomainDelete,
            zoneDomainInfo,
            zoneDomainList,
            zoneDomainUpdate,
            zoneInfo,
            zoneList,
            zoneRecordCreate(environment),
            zoneRecordDelete,
            zoneRecordInfo,
            zoneRecordList,
            zoneRecordUpdate,
            zoneUpdate,
        ]
    }

    /// The TTLs in seconds that zones and records accept; 0 means the default.
    static let acceptableTTLs: [Value] = [
        0, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    ]

    static let recordTypes: [Value] = ["A", "AAAA", "CNAME", "MX", "NS", "SRV", "TXT"]
}

// MARK: - Parameters

extension DNSMethods {
    static let zoneTTLParameter = Parameter(
        "ttl", .integer, optional: true,
        summary: "The default TTL of the zone's records in seconds - 0 for the Memset default "
            + "of 1800 seconds.",
        allowedValues: acceptableTTLs)

    static let recordTTLParameter = Parameter(
        "ttl", .integer, optional: true,
        summary: "Time to live in seconds - 0 for use this zone's default TTL.",
        allowedValues: acceptableTTLs)

    static func nicknameParameter(optional: Bool) -> Parameter {
        Parameter("nickname", .string, optional: optional,
                  summary: "A customer specified name for the zone file. Not guaranteed unique.",
                  maxLength: 250)
    }

    static func zoneIDParameter(_ name: String, optional: Bool = false) -> Parameter {
        .hexID(name, optional: optional, summary: "The Zone ID.")
    }

    static let recordIDParameter = Parameter.hexID("id", summary: "The Zone Record ID.")

    static let domainParameter = Parameter(
        "domain", .string, summary: "The zone domain name, such as 'example.com'.",
        maxLength: 250, format: .hostName)

    static func typeParameter(optional: Bool) -> Parameter {
        Parameter("type", .string, optional: optional, summary: "Domain record type, e.g. 'A'.",
                  allowedValues: recordTypes)
    }

    static func recordNameParameter() -> Parameter {
        Parameter("record", .string, optional: true,
                  summary: "Name of record, e.g. 'www'. Use the empty string '' for the domain "
                      + "itself.",
                  maxLength: 250, format: .zoneRecordName)
    }

    static func addressParameter(optional: Bool) -> Parameter {
        Parameter("address", .string, optional: optional,
                  summary: "Address of record, e.g. '1.2.3.4'. A needs an IPv4 address, AAAA "
                      + "an IPv6 address, CNAME, MX and NS a host name, SRV 'weight port "
                      + "target'.",
                  maxLength: 250, format: .printableASCII)
    }

    static let priorityParameter = Parameter(
        "priority", .integer, optional: true,
        summary: "Priority for MX and SRV records, e.g. 10.", range: 0...999)

    static let relativeParameter = Parameter(
        "relative", .boolean, optional: true,
        summary: "If set then we add the current domain onto the address field for CNAME, MX, "
            + "NS and SRV record types.")
}

// MARK: - Look-ups

extension DNSMethods {
    /// Returns the account's zone with the ID in parameter `parameter`, or raises
    /// `ApiErrorDoesNotExist`.
    static func requireZone(_ id: String, parameter: String = "id",
                            in context: CallContext) throws -> DNSZone {
        guard let zone = try context.transaction.zone(account: context.accountID,
                                                      id: id.lowercased())
        else {
            let source = parameter == "id" ? "" : " (parameter '\(parameter)')"
            throw MemsetFault.doesNotExist("Zone '\(id)'\(source) not found")
        }
        return zone
    }

    static func requireRecord(_ id: String, in context: CallContext) throws -> DNSZoneRecord {
        guard let record = try context.transaction.zoneRecord(account: context.accountID,
                                                              id: id.lowercased())
        else {
            throw MemsetFault.doesNotExist("Zone record '\(id)' not found")
        }
        return record
    }

    /// Returns the account's zone domain; a domain of another account is not found either.
    static func requireDomain(_ domain: String, in context: CallContext) throws -> DNSZoneDomain {
        let name = ZoneDomainName.normalized(domain)
        guard let found = try context.transaction.zoneDomain(name),
              found.accountID == context.accountID
        else {
            throw MemsetFault.doesNotExist("Zone domain '\(domain)' not found")
        }
        return found
    }
}

// MARK: - Values

extension DNSMethods {
    /// `id`, `zone_id`, `type`, `record`, `address`, `ttl`, `priority` and `relative`.
    static func value(_ record: DNSZoneRecord) -> Value {
        .dictionary([
            "id": .string(record.id),
            "zone_id": .string(record.zoneID),
            "type": .string(record.type),
            "record": .string(record.record),
            "address": .string(record.address),
            "ttl": .integer(record.ttl),
            "priority": .integer(record.priority),
            "relative": .boolean(record.relative),
        ])
    }

    /// `domain`, and `zone_id` when the domain is part of a zone.
    static func value(_ domain: DNSZoneDomain) -> Value {
        var result: [String: Value] = ["domain": .string(domain.domain)]
        if let zoneID = domain.zoneID {
            result["zone_id"] = .string(zoneID)
        }
        return .dictionary(result)
    }

    /// `id`, `nickname`, `ttl`, and the zone's `records` and `domains` as lists.
    static func value(_ zone: DNSZone, in transaction: Transaction) throws -> Value {
        let records = try transaction.zoneRecords(zoneID: zone.id)
        let domains = try transaction.zoneDomains(zoneID: zone.id)
        return .dictionary([
            "id": .string(zone.id),
            "nickname": .string(zone.nickname),
            "ttl": .integer(zone.ttl),
            "records": .list(records.map(value)),
            "domains": .list(domains.map(value)),
        ])
    }
}
