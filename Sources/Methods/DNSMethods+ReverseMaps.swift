import API
import Glibc
import Store
import Wire

extension DNSMethods {
    static let reverseMapReturns =
        "a list of dictionaries with the keys name (the server the address is attached to), "
        + "address and reverse_map."

    static let reverseMapNameParameter = Parameter.serviceName(
        optional: true, summary: "Name of the server.")

    static func reverseMapAddressParameter(optional: Bool, summary: String) -> Parameter {
        Parameter("address", .string, optional: optional, summary: summary, maxLength: 250,
                  format: .ipAddress)
    }

    /// Returns the reverse maps of the account's servers, or of the server `name` when
    /// given, narrowed to `address` when given. Addresses match by value, so
    /// "2001:DB8::1" finds "2001:db8:0:0:0:0:0:1".
    /// - Throws: `ApiErrorDoesNotExist` when the account has no server called `name`.
    static func reverseMaps(name: String?, address: String?,
                            in context: CallContext) throws -> [ReverseMapRecord] {
        let transaction = try context.transaction
        if let name, try transaction.server(account: context.accountID, name: name) == nil {
            throw MemsetFault.doesNotExist("Server '\(name)' not found")
        }
        let maps = try transaction.reverseMaps(account: context.accountID, serverName: name)
        guard let address else { return maps }
        guard let wanted = IPAddressBytes(address) else {
            return maps.filter { $0.address == address }
        }
        return maps.filter { IPAddressBytes($0.address) == wanted }
    }

    static func value(_ map: ReverseMapRecord) -> Value {
        .dictionary([
            "name": .string(map.serverName),
            "address": .string(map.address),
            "reverse_map": .string(map.reverseMap),
        ])
    }

    // MARK: - Methods

    static let reverseMapList = MethodDeclaration(
        "dns.reverse_map_list",
        summary: "Query the reverse maps for all servers, or a single server if name is "
            + "supplied, or a single address if address is supplied. If name and address are "
            + "supplied then it will only show address if it is attached to that server.",
        parameters: [
            reverseMapNameParameter,
            reverseMapAddressParameter(optional: true,
                                       summary: "The IPv4 or IPv6 address to list."),
        ],
        returns: .list, reverseMapReturns,
        access: .read
    ) { context in
        let maps = try reverseMaps(name: context.arguments.stringIfPresent("name"),
                                   address: context.arguments.stringIfPresent("address"),
                                   in: context)
        return .list(maps.map(value))
    }

    static let reverseMapUpdate = MethodDeclaration(
        "dns.reverse_map_update",
        summary: "Updates a reverse map. If name is supplied then it checks that address is "
            + "attached to that server before updating it.",
        parameters: [
            reverseMapNameParameter,
            reverseMapAddressParameter(
                optional: false,
                summary: "The IPv4 or IPv6 address to change the reverse map for."),
            Parameter("reverse_map", .string,
                      summary: "The name this IP address reverse maps to.", maxLength: 250,
                      format: .hostName),
        ],
        returns: .list, "the reverse map of the address after the update: " + reverseMapReturns,
        access: .write
    ) { context in
        let arguments = context.arguments
        let name = arguments.stringIfPresent("name")
        let address = try arguments.string("address")
        guard let map = try reverseMaps(name: name, address: address, in: context).first else {
            let owner = name.map { "server '\($0)'" } ?? "any server of this account"
            throw MemsetFault.doesNotExist("Address '\(address)' is not attached to \(owner)")
        }

        let transaction = try context.transaction
        try transaction.setReverseMap(try arguments.string("reverse_map"), address: map.address,
                                      account: context.accountID)
        let updated = try transaction.reverseMaps(account: context.accountID,
                                                  serverName: map.serverName,
                                                  address: map.address)
        return .list(updated.map(value))
    }
}

/// The binary form of an IPv4 or IPv6 address, so that two spellings of one address, such
/// as "2001:DB8::1" and "2001:db8:0:0:0:0:0:1", compare equal.
struct IPAddressBytes: Equatable {
    let bytes: [UInt8]

    /// Parses `text` with `inet_pton`; returns nil when it is not an address.
    init?(_ text: String) {
        var address6 = in6_addr()
        if inet_pton(AF_INET6, text, &address6) == 1 {
            bytes = withUnsafeBytes(of: &address6) { Array($0) }
            return
        }
        var address4 = in_addr()
        if inet_pton(AF_INET, text, &address4) == 1 {
            bytes = withUnsafeBytes(of: &address4) { Array($0) }
            return
        }
        return nil
    }
}
