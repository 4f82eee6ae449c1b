/// A server: its service row and the server's own settings, addresses and vLANs.
public struct ServerRecord: Sendable, Equatable {
    public var service: ServiceRecord
    public var hostName: String
    public var primaryIP: String
    /// In the order `server.info` lists them.
    public var ips: [ServerIPRecord]
    public var taggedVLANs: [String]
    public var untaggedVLANs: [String]
    /// Such as "debian_bookworm_64".
    public var os: String
    public var backups: Bool
    public var controlPanel: String
    /// "none", "basic", "self_managed" or "managed".
    public var firewallType: String
    /// nil when no rule group is applied.
    public var firewallRuleGroup: FirewallRuleGroupRecord?
    /// "basic", "advanced" or "managed".
    public var monitoringLevel: String
    public var monitor: Bool
    public var ignoreMonitoringOff: Bool
    public var noNRPE: Bool
    public var noAutoReboot: Bool
    /// "infrastructure_only", "basic" or "managed".
    public var supportLevel: String
    /// "none", "basic" or "managed".
    public var vulnscan: String
    /// "none", "basic", "monitored" or "protected".
    public var intrusionDetection: String
    /// 1 to 15, or 0 when `intrusionDetection` is "none".
    public var intrusionDetectionAlertLevel: Int
    public var connection: ServerConnection

    public var name: String { service.name }

    public init(service: ServiceRecord, hostName: String, primaryIP: String,
                ips: [ServerIPRecord] = [], taggedVLANs: [String] = [],
                untaggedVLANs: [String] = [], os: String, backups: Bool = false,
                controlPanel: String = "none", firewallType: String = "none",
                firewallRuleGroup: FirewallRuleGroupRecord? = nil,
                monitoringLevel: String = "basic", monitor: Bool = true,
                ignoreMonitoringOff: Bool = false, noNRPE: Bool = false,
                noAutoReboot: Bool = false, supportLevel: String = "infrastructure_only",
                vulnscan: String = "none", intrusionDetection: String = "none",
                intrusionDetectionAlertLevel: Int = 0,
                connection: ServerConnection = ServerConnection()) {
        self.service = service
        self.hostName = hostName
        self.primaryIP = primaryIP
        self.ips = ips
        self.taggedVLANs = taggedVLANs
        self.untaggedVLANs = untaggedVLANs
        self.os = os
        self.backups = backups
        self.controlPanel = controlPanel
        self.firewallType = firewallType
        self.firewallRuleGroup = firewallRuleGroup
        self.monitoringLevel = monitoringLevel
        self.monitor = monitor
        self.ignoreMonitoringOff = ignoreMonitoringOff
        self.noNRPE = noNRPE
        self.noAutoReboot = noAutoReboot
        self.supportLevel = supportLevel
        self.vulnscan = vulnscan
        self.intrusionDetection = intrusionDetection
        self.intrusionDetectionAlertLevel = intrusionDetectionAlertLevel
        self.connection = connection
    }
}

/// An IP address of a server with its reverse map and traffic counters.
public struct ServerIPRecord: Sendable, Equatable {
    public var address: String
    public var reverseMap: String
    public var bytesInYesterday: Int64
    public var bytesOutYesterday: Int64
    public var bytesInToday: Int64
    public var bytesOutToday: Int64

    public init(address: String, reverseMap: String = "", bytesInYesterday: Int64 = 0,
                bytesOutYesterday: Int64 = 0, bytesInToday: Int64 = 0,
                bytesOutToday: Int64 = 0) {
        self.address = address
        self.reverseMap = reverseMap
        self.bytesInYesterday = bytesInYesterday
        self.bytesOutYesterday = bytesOutYesterday
        self.bytesInToday = bytesInToday
        self.bytesOutToday = bytesOutToday
    }
}

/// The firewall rule group applied to a server.
///
/// NOTE: only the group's own fields are stored; its rules are not modelled.
public struct FirewallRuleGroupRecord: Sendable, Equatable {
    public var name: String
    public var nickname: String
    public var notes: String
    public var defaultOutboundPolicy: String

    public init(name: String, nickname: String = "", notes: String = "",
                defaultOutboundPolicy: String = "ACCEPT") {
        self.name = name
        self.nickname = nickname
        self.notes = notes
        self.defaultOutboundPolicy = defaultOutboundPolicy
    }
}

/// The server's network connection as `bandwidth.info` reports it; nil fields are left out.
public struct ServerConnection: Sendable, Equatable {
    /// "metered", "unmetered" or "inarrears".
    public var connectionType: String?
    /// Mbps.
    public var maxBurst: Double?
    /// GB a month, for metered connections.
    public var inclusiveTransfer: Double?
    /// GB a month, for metered connections.
    public var bandwidthBank: Double?
    /// Remaining transfer this month, for metered connections.
    public var remaining: Double?
    /// Contention ratio, for unmetered connections.
    public var contention: Double?

    public init(connectionType: String? = nil, maxBurst: Double? = nil,
                inclusiveTransfer: Double? = nil, bandwidthBank: Double? = nil,
                remaining: Double? = nil, contention: Double? = nil) {
        self.connectionType = connectionType
        self.maxBurst = maxBurst
        self.inclusiveTransfer = inclusiveTransfer
        self.bandwidthBank = bandwidthBank
        self.remaining = remaining
        self.contention = contention
    }
}

/// An address and its reverse map, as `dns.reverse_map_list` returns them.
public struct ReverseMapRecord: Sendable, Equatable {
    public var serverName: String
    public var address: String
    public var reverseMap: String

    public init(serverName: String, address: String, reverseMap: String) {
        self.serverName = serverName
        self.address = address
        self.reverseMap = reverseMap
    }
}
