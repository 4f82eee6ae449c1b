import API
import Store
import Wire

// Look-ups and API dictionaries shared by the service, server, bandwidth and Memstore
// methods.
extension ServiceMethods {
    /// The keys `service.info` returns, which `server.info` returns too.
    static func values(_ service: ServiceRecord) -> [String: Value] {
        [
            "name": .string(service.name),
            "status": .string(service.status.rawValue),
            "nickname": .string(service.nickname),
            "start_date": .date(service.startDate.dateOnly),
            "expiry_date": .date(service.expiryDate.dateOnly),
            "renewal_price_amount": .float(service.renewalPriceAmount),
            "renewal_price_currency": .string(service.renewalPriceCurrency),
            "renewal_price_vat": .float(service.renewalPriceVAT),
            "type": .string(service.type),
            "network_zones": .list(service.networkZones.map(Value.string)),
            "data_zone": .string(service.dataZone),
        ]
    }

    /// Returns the caller's service called `name`.
    /// - Throws: `ApiErrorDoesNotExist` when the account has no such service, with the
    ///   message the API reference shows for `service.info`.
    static func service(named name: String, in context: CallContext) throws -> ServiceRecord {
        guard let service = try context.transaction.service(account: context.accountID,
                                                            name: name)
        else {
            throw MemsetFault.doesNotExist("Couldn't find service with name '\(name)'")
        }
        return service
    }

    /// Returns the caller's service called `name` when it is of `type`.
    /// - Throws: `ApiErrorDoesNotExist` when the account has no service of that name or it
    ///   is of another type.
    static func service(named name: String, ofType type: String,
                        in context: CallContext) throws -> ServiceRecord {
        let service = try service(named: name, in: context)
        guard service.type == type else {
            throw MemsetFault.doesNotExist(
                "Couldn't find \(type) service with name '\(name)': it is a \(service.type)")
        }
        return service
    }
}
