import Wire

// Plain values read from and written to the store. The methods layer turns them into the
// API's dictionaries. An `id` of 0 on a record to insert means "assign one".

// MARK: - Accounts and keys

public struct AccountRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64 = 0, name: String) {
        self.id = id
        self.name = name
    }
}

/// The two kinds of API key scope: a list of allowed methods, and a list of allowed
/// values of the `name` parameter.
public enum ScopeName: String, Sendable, CaseIterable {
    case method
    case name
}

public struct APIKeyRecord: Sendable, Equatable {
    /// 32 lowercase hexadecimal digits.
    public var key: String
    public var accountID: Int64
    public var comment: String
    public var created: DateTime
    public var enabled: Bool
    /// Allowed values keyed by scope name ("method" or "name"), each list in the order the
    /// values were added. A scope name without values is absent.
    public var scopes: [String: [String]]

    public init(key: String, accountID: Int64, comment: String = "", created: DateTime,
                enabled: Bool = true, scopes: [String: [String]] = [:]) {
        self.key = key
        self.accountID = accountID
        self.comment = comment
        self.created = created
        self.enabled = enabled
        self.scopes = scopes
    }
}

// MARK: - Services

public enum ServiceStatus: String, Sendable, CaseIterable {
    case live = "LIVE"
    case cancelled = "CANCELLED"
    case onHold = "ONHOLD"
}

public struct ServiceRecord: Sendable, Equatable {
    public var id: Int64
    public var accountID: Int64
    /// Unique within the account; for a server also its server name.
    public var name: String
    /// Such as "miniserver", "fullserver", "memstore" or "dns".
    public var type: String
    public var status: ServiceStatus
    public var nickname: String
    /// A date without a time of day.
    public var startDate: DateTime
    /// A date without a time of day.
    public var expiryDate: DateTime
    /// Monthly renewal price including VAT.
    public var renewalPriceAmount: Double
    public var renewalPriceCurrency: String
    public var renewalPriceVAT: Double
    /// "" for a service that keeps no data at rest.
    public var dataZone: String
    public var networkZones: [String]

    public init(id: Int64 = 0, accountID: Int64, name: String, type: String,
                status: ServiceStatus = .live, nickname: String = "", startDate: DateTime,
                expiryDate: DateTime, renewalPriceAmount: Double,
                renewalPriceCurrency: String = "GBP", renewalPriceVAT: Double,
                dataZone: String = "", networkZones: [String] = []) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.type = type
        self.status = status
        self.nickname = nickname
        self.startDate = startDate
        self.expiryDate = expiryDate
        self.renewalPriceAmount = renewalPriceAmount
        self.renewalPriceCurrency = renewalPriceCurrency
        self.renewalPriceVAT = renewalPriceVAT
        self.dataZone = dataZone
        self.networkZones = networkZones
    }
}

/// Traffic of one service type over the current month, as `bandwidth.info` reports it.
/// A Memstore service has one for the storage and one for its CDN.
public struct BandwidthRecord: Sendable, Equatable {
    public var serviceType: String
    public var bytesIn: Double
    public var bytesOut: Double
    /// Average total bytes a day.
    public var dailyRate: Double
    /// Predicted total bytes by the end of the month.
    public var predicted: Double

    public init(serviceType: String, bytesIn: Double, bytesOut: Double, dailyRate: Double,
                predicted: Double) {
        self.serviceType = serviceType
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.dailyRate = dailyRate
        self.predicted = predicted
    }
}

/// Storage figures and the last 24 hours of traffic of a Memstore service.
public struct MemstoreUsageRecord: Sendable, Equatable {
    public var bytes: Double
    public var containers: Int
    public var objects: Int
    public var bytesIn: Double
    public var bytesOut: Double
    public var requests: Double
    public var cdnBytesIn: Double
    public var cdnBytesOut: Double
    public var cdnRequests: Double

    public init(bytes: Double, containers: Int, objects: Int, bytesIn: Double,
                bytesOut: Double, requests: Double, cdnBytesIn: Double, cdnBytesOut: Double,
                cdnRequests: Double = 0) {
        self.bytes = bytes
        self.containers = containers
        self.objects = objects
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.requests = requests
        self.cdnBytesIn = cdnBytesIn
        self.cdnBytesOut = cdnBytesOut
        self.cdnRequests = cdnRequests
    }
}

// MARK: - DNS

public struct DNSZone: Sendable, Equatable {
    /// 32 lowercase hexadecimal digits.
    public var id: String
    public var accountID: Int64
    public var nickname: String
    /// Default TTL of the zone's records in seconds; 0 means the Memset default of 1800.
    public var ttl: Int

    public init(id: String, accountID: Int64, nickname: String, ttl: Int = 0) {
        self.id = id
        self.accountID = accountID
        self.nickname = nickname
        self.ttl = ttl
    }
}

/// A domain served from a zone. A domain name is unique across all accounts, because only
/// one zone can serve it.
public struct DNSZoneDomain: Sendable, Equatable {
    public var domain: String
    public var accountID: Int64
    /// nil when the domain is not part of a zone.
    public var zoneID: String?

    public init(domain: String, accountID: Int64, zoneID: String?) {
        self.domain = domain
        self.accountID = accountID
        self.zoneID = zoneID
    }
}

public struct DNSZoneRecord: Sendable, Equatable {
    /// 32 lowercase hexadecimal digits.
    public var id: String
    public var accountID: Int64
    public var zoneID: String
    /// One of A, AAAA, CNAME, MX, NS, SRV and TXT.
    public var type: String
    /// The record name such as "www"; "" for the domain itself.
    public var record: String
    public var address: String
    /// Seconds; 0 means the zone's default.
    public var ttl: Int
    /// Used by MX and SRV records.
    public var priority: Int
    public var relative: Bool

    public init(id: String, accountID: Int64, zoneID: String, type: String, record: String = "",
                address: String, ttl: Int = 0, priority: Int = 0, relative: Bool = false) {
        self.id = id
        self.accountID = accountID
        self.zoneID = zoneID
        self.type = type
        self.record = record
        self.address = address
        self.ttl = ttl
        self.priority = priority
        self.relative = relative
    }
}
