import API
import Store
import Wire

/// `memstore.usage`: storage and traffic figures of a Memstore service.
public enum MemstoreMethods {
    public static var declarations: [MethodDeclaration] {
        [usage]
    }

    /// The service type of Memstore services.
    static let serviceType = "memstore"

    static let usage = MethodDeclaration(
        "memstore.usage",
        summary: "Retrieves information about usage of a Memstore instance.",
        parameters: [.serviceName()],
        "a dictionary with the keys bytes (Float), containers (Integer), objs (Integer), "
            + "bandwidth (bytes_in, bytes_out and requests over the last 24 hours, as Floats) "
            + "and cdn_bandwidth (bytes_in, bytes_out and requests over the last 24 hours, "
            + "as Floats).",
        access: .read
    ) { context in
        let service = try ServiceMethods.service(
            named: try context.arguments.string("name"), ofType: serviceType, in: context)
        // A Memstore service without recorded usage is an empty one.
        let usage = try context.transaction.memstoreUsage(ofService: service.id)
            ?? MemstoreUsageRecord(bytes: 0, containers: 0, objects: 0, bytesIn: 0,
                                   bytesOut: 0, requests: 0, cdnBytesIn: 0, cdnBytesOut: 0)
        return [
            "bytes": .float(usage.bytes),
            "containers": .integer(usage.containers),
            "objs": .integer(usage.objects),
            "bandwidth": [
                "bytes_in": .float(usage.bytesIn),
                "bytes_out": .float(usage.bytesOut),
                "requests": .float(usage.requests),
            ],
            "cdn_bandwidth": [
                "bytes_in": .float(usage.cdnBytesIn),
                "bytes_out": .float(usage.cdnBytesOut),
                "requests": .float(usage.cdnRequests),
            ],
        ]
    }
}
