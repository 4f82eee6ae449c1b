import API
import Store
import Wire

extension DNSMethods {
    /// The parameters of a new record apart from its zone, shared by
    /// `dns.zone_record_create` and each entry of `dns.zone_create`'s `records`.
    static let newRecordParameters: [Parameter] = [
        typeParameter(optional: false),
        recordNameParameter(),
        addressParameter(optional: false),
        recordTTLParameter,
        priorityParameter,
        relativeParameter,
    ]

    static let recordReturns =
        "a dictionary with the keys id, zone_id, type, record, address, ttl (Integer), "
        + "priority (Integer) and relative (Boolean)."

    /// Builds a record of the account from validated `newRecordParameters`, with the
    /// documented defaults: record '', ttl 0, priority 0, relative false.
    /// - Parameter prefix: put before an error message, to say which list entry failed.
    static func newRecord(_ arguments: Arguments, id: String, account: Int64, zoneID: String,
                          prefix: String = "") throws -> DNSZoneRecord {
        let record = DNSZoneRecord(
            id: id, accountID: account, zoneID: zoneID, type: try arguments.string("type"),
            record: arguments.stringIfPresent("record") ?? "",
            address: try arguments.string("address"),
            ttl: arguments.integerIfPresent("ttl") ?? 0,
            priority: arguments.integerIfPresent("priority") ?? 0,
            relative: arguments.booleanIfPresent("relative") ?? false)
        try checkAddress(of: record, prefix: prefix)
        return record
    }

    /// Raises `ApiErrorBadParameters` when the record's address does not suit its type.
    ///
    /// NOTE: records are not checked against each other, so a CNAME may share its name with
    /// other records of the zone, which a real name server would not load.
    static func checkAddress(of record: DNSZoneRecord, prefix: String = "") throws {
        if let problem = ZoneRecordAddress.problem(type: record.type, address: record.address) {
            throw MemsetFault.badParameters(
                "\(prefix)Parameter 'address' is invalid for a record of type \(record.type): "
                    + problem)
        }
    }

    // MARK: - Methods

    static func zoneRecordCreate(_ environment: MethodEnvironment) -> MethodDeclaration {
        MethodDeclaration(
            "dns.zone_record_create",
            summary: "Create a zone record in the zone supplied. Left out, record is '', ttl "
                + "0, priority 0 and relative false.",
            parameters: [zoneIDParameter("zone_id")] + newRecordParameters,
            returns: .dictionary, "the new zone record: " + recordReturns,
            access: .write
        ) { context in
            let zoneID = try context.arguments.string("zone_id")
            let zone = try requireZone(zoneID, parameter: "zone_id", in: context)
            let record = try newRecord(context.arguments, id: environment.ids.next(),
                                       account: context.accountID, zoneID: zone.id)
            try context.transaction.insertZoneRecord(record)
            return value(record)
        }
    }

    static let zoneRecordDelete = MethodDeclaration(
        "dns.zone_record_delete",
        summary: "Delete a zone record.",
        parameters: [recordIDParameter],
        returns: .dictionary, "the zone record as it was before it was deleted: " + recordReturns,
        access: .write
    ) { context in
        let record = try requireRecord(try context.arguments.string("id"), in: context)
        try context.transaction.deleteZoneRecord(account: context.accountID, id: record.id)
        return value(record)
    }

    static let zoneRecordInfo = MethodDeclaration(
        "dns.zone_record_info",
        summary: "Info about a zone record.",
        parameters: [recordIDParameter],
        returns: .dictionary, recordReturns,
        access: .read
    ) { context in
        value(try requireRecord(try context.arguments.string("id"), in: context))
    }

    static let zoneRecordList = MethodDeclaration(
        "dns.zone_record_list",
        summary: "Returns all the zone records for this account.",
        returns: .list, "a list of zone record dictionaries as dns.zone_record_info returns "
            + "them, in the order they were created.",
        access: .read
    ) { context in
        .list(try context.transaction.zoneRecords(account: context.accountID).map(value))
    }

    static let zoneRecordUpdate = MethodDeclaration(
        "dns.zone_record_update",
        summary: "Update a zone record. Supply any parameters you want updated; the others "
            + "keep their values. The address must suit the record's type after the update.",
        parameters: [recordIDParameter, zoneIDParameter("zone_id", optional: true),
                     typeParameter(optional: true), recordNameParameter(),
                     addressParameter(optional: true), recordTTLParameter,
                     priorityParameter, relativeParameter],
        returns: .dictionary, "the zone record after the update: " + recordReturns,
        access: .write
    ) { context in
        let arguments = context.arguments
        var record = try requireRecord(try arguments.string("id"), in: context)
        if let zoneID = arguments.stringIfPresent("zone_id") {
            record.zoneID = try requireZone(zoneID, parameter: "zone_id", in: context).id
        }
        if let type = arguments.stringIfPresent("type") { record.type = type }
        if let name = arguments.stringIfPresent("record") { record.record = name }
        if let address = arguments.stringIfPresent("address") { record.address = address }
        if let ttl = arguments.integerIfPresent("ttl") { record.ttl = ttl }
        if let priority = arguments.integerIfPresent("priority") { record.priority = priority }
        if let relative = arguments.booleanIfPresent("relative") { record.relative = relative }

        try checkAddress(of: record)
        try context.transaction.updateZoneRecord(record)
        return value(record)
    }
}
