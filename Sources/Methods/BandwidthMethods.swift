import API
import Store
import Wire

/// `bandwidth.info`: a service's traffic this month.
public enum BandwidthMethods {
    public static var declarations: [MethodDeclaration] {
        [info]
    }

    // The reference lists `connection_type`, `max_burst`, `remaining`, `inclusive_transfer`,
    // `bandwidth_bank`, `contention` and `ips` after the per-service-type dictionaries and
    // at their level, as it does for top-level keys elsewhere, so they sit beside them.
    static let info = MethodDeclaration(
        "bandwidth.info",
        summary: "Return bandwidth information. Some services return several service types: "
            + "Memstore returns cloud storage and CDN bandwidth information.",
        parameters: [.serviceName()],
        "a dictionary keyed by service type, each value a dictionary of bytes_in, bytes_out, "
            + "daily_rate and predicted (Floats). Servers also return connection_type, "
            + "max_burst and ips, metered servers remaining, inclusive_transfer and "
            + "bandwidth_bank, and unmetered servers contention.",
        access: .read
    ) { context in
        let name = try context.arguments.string("name")
        let service = try ServiceMethods.service(named: name, in: context)
        let transaction = try context.transaction

        var result: [String: Value] = [:]
        for record in try transaction.bandwidth(ofService: service.id) {
            result[record.serviceType] = values(record)
        }
        if result.isEmpty {
            // A service without recorded traffic reports zeros under its own type.
            result[service.type] = values(BandwidthRecord(
                serviceType: service.type, bytesIn: 0, bytesOut: 0, dailyRate: 0,
                predicted: 0))
        }
        if let server = try transaction.server(account: context.accountID, name: name) {
            result.merge(connectionValues(server)) { _, connection in connection }
        }
        return .dictionary(result)
    }

    private static func values(_ record: BandwidthRecord) -> Value {
        [
            "bytes_in": .float(record.bytesIn),
            "bytes_out": .float(record.bytesOut),
            "daily_rate": .float(record.dailyRate),
            "predicted": .float(record.predicted),
        ]
    }

    /// Returns the connection figures of a server, leaving out those that do not apply to
    /// its connection type, and today's traffic of each of its addresses.
    private static func connectionValues(_ server: ServerRecord) -> [String: Value] {
        let connection = server.connection
        var result: [String: Value] = [:]
        if let connectionType = connection.connectionType {
            result["connection_type"] = .string(connectionType)
        }
        if let maxBurst = connection.maxBurst {
            result["max_burst"] = .float(maxBurst)
        }
        if connection.connectionType == "metered" {
            if let remaining = connection.remaining {
                result["remaining"] = .float(remaining)
            }
            if let inclusiveTransfer = connection.inclusiveTransfer {
                result["inclusive_transfer"] = .float(inclusiveTransfer)
            }
            if let bandwidthBank = connection.bandwidthBank {
                result["bandwidth_bank"] = .float(bandwidthBank)
            }
        }
        if connection.connectionType == "unmetered", let contention = connection.contention {
            result["contention"] = .float(contention)
        }
        result["ips"] = .list(server.ips.map { ip in
            [
                ip.address: [
                    "bytes_in": .float(Double(ip.bytesInToday)),
                    "bytes_out": .float(Double(ip.bytesOutToday)),
                ],
            ]
        })
        return result
    }
}
