import Wire

extension FixtureLoad {
    mutating func loadServer(_ node: FixtureNode, account: Int64,
                             names: inout Set<String>) throws {
        let service = try readService(node, account: account, defaultType: "miniserver",
                                      names: &names)

        var ips: [ServerIPRecord] = []
        for ip in try node.objects("ips") {
            ips.append(try readIP(ip))
        }
        let primaryIP = try node.string("primary_ip")
        try node.require(ips.contains { $0.address == primaryIP }, "primary_ip",
                         "'\(primaryIP)' is not one of the server's ips")

        let hostName = try node.string("host_name")
        try node.require(FixtureRules.isHostName(hostName), "host_name",
                         "'\(hostName)' is not a valid host name")

        var tagged: [String] = []
        var untagged: [String] = []
        if let vlans = try node.object("vlans") {
            tagged = try vlans.strings("tagged")
            untagged = try vlans.strings("untagged")
            try vlans.finish()
        }

        let firewallType = try node.string(
            "firewall_type", oneOf: ["none", "basic", "self_managed", "managed"], default: "none")
        var ruleGroup: FirewallRuleGroupRecord?
        if let group = try node.object("firewall_rule_group") {
            try node.require(firewallType != "none", "firewall_rule_group",
                             "a rule group needs a firewall_type other than 'none'")
            ruleGroup = FirewallRuleGroupRecord(
                name: try group.string("name"), nickname: try group.string("nickname", default: ""),
                notes: try group.string("notes", default: ""),
                defaultOutboundPolicy: try group.string(
                    "default_outbound_policy", oneOf: ["ACCEPT", "DROP", "REJECT"],
                    default: "ACCEPT"))
            try group.finish()
        }

        let intrusionDetection = try node.string(
            "intrusion_detection", oneOf: ["none", "basic", "monitored", "protected"],
            default: "none")
        let alertLevel = try node.int("intrusion_detection_alert_level",
                                      default: intrusionDetection == "none" ? 0 : 5)
        if intrusionDetection == "none" {
            try node.require(alertLevel == 0, "intrusion_detection_alert_level",
                             "must be 0 when intrusion_detection is 'none'")
        } else {
            try node.require((1...15).contains(alertLevel), "intrusion_detection_alert_level",
                             "\(alertLevel) is not between 1 and 15")
        }

        let os = try node.string("os")
        try node.require(!os.isEmpty, "os", "must not be empty")
        let record = ServerRecord(
            service: service, hostName: hostName, primaryIP: primaryIP, ips: ips,
            taggedVLANs: tagged, untaggedVLANs: untagged, os: os,
            backups: try node.bool("backups", default: false),
            controlPanel: try node.string("control_panel", default: "none"),
            firewallType: firewallType, firewallRuleGroup: ruleGroup,
            monitoringLevel: try node.string(
                "monitoring_level", oneOf: ["basic", "advanced", "managed"], default: "basic"),
            monitor: try node.bool("monitor", default: true),
            ignoreMonitoringOff: try node.bool("ignore_monitoring_off", default: false),
            noNRPE: try node.bool("no_nrpe", default: false),
            noAutoReboot: try node.bool("no_auto_reboot", default: false),
            supportLevel: try node.string(
                "support_level", oneOf: ["infrastructure_only", "basic", "managed"],
                default: "infrastructure_only"),
            vulnscan: try node.string("vulnscan", oneOf: ["none", "basic", "managed"],
                                      default: "none"),
            intrusionDetection: intrusionDetection,
            intrusionDetectionAlertLevel: alertLevel,
            connection: try readConnection(node))
        let inserted = try transaction.insertServer(record)
        try loadBandwidth(node, serviceID: inserted.service.id)
        try node.finish()
    }

    mutating func loadService(_ node: FixtureNode, account: Int64,
                              names: inout Set<String>) throws {
        let service = try transaction.insertService(
            try readService(node, account: account, defaultType: nil, names: &names))
        try loadBandwidth(node, serviceID: service.id)
        if let usage = try node.object("memstore_usage") {
            try node.require(service.type == "memstore", "memstore_usage",
                             "only a service of type 'memstore' has usage figures")
            let record = MemstoreUsageRecord(
                bytes: try nonNegative(usage, "bytes"),
                containers: try usage.int("containers", default: 0),
                objects: try usage.int("objects", default: 0),
                bytesIn: try nonNegative(usage, "bytes_in"),
                bytesOut: try nonNegative(usage, "bytes_out"),
                requests: try nonNegative(usage, "requests"),
                cdnBytesIn: try nonNegative(usage, "cdn_bytes_in"),
                cdnBytesOut: try nonNegative(usage, "cdn_bytes_out"),
                cdnRequests: try nonNegative(usage, "cdn_requests"))
            try usage.require(record.containers >= 0, "containers", "must not be negative")
            try usage.require(record.objects >= 0, "objects", "must not be negative")
            try usage.finish()
            try transaction.setMemstoreUsage(record, ofService: service.id)
        }
        try node.finish()
    }

    // MARK: Parts

    private func readService(_ node: FixtureNode, account: Int64, defaultType: String?,
                             names: inout Set<String>) throws -> ServiceRecord {
        let name = try node.string("name")
        try node.require(FixtureRules.isServiceName(name), "name",
                         "'\(name)' is not 1 to 64 characters A-Z, a-z, 0-9, '-', '.' and '_'")
        try node.require(names.insert(name).inserted, "name",
                         "the service name '\(name)' is used twice in this account")
        let type = try defaultType.map { try node.string("type", default: $0) }
            ?? node.string("type")
        try node.require(!type.isEmpty, "type", "must not be empty")

        let statuses = ServiceStatus.allCases.map(\.rawValue)
        let status = try node.string("status", oneOf: statuses, default: "LIVE")
        let startDate = try node.date("start_date").dateOnly
        let expiryDate = try node.date("expiry_date").dateOnly
        try node.require(expiryDate >= startDate, "expiry_date",
                         "\(expiryDate.apiString) is before start_date \(startDate.apiString)")

        let amount = try nonNegative(node, "renewal_price_amount", default: nil)
        let vat = try nonNegative(node, "renewal_price_vat")
        try node.require(vat <= amount, "renewal_price_vat",
                         "\(vat) is more than renewal_price_amount \(amount), which includes VAT")
        let currency = try node.string("renewal_price_currency", default: "GBP")
        try node.require(currency.count == 3 && currency.allSatisfy(\.isUppercase),
                         "renewal_price_currency", "'\(currency)' is not a currency code like GBP")

        return ServiceRecord(
            accountID: account, name: name, type: type,
            status: ServiceStatus(rawValue: status) ?? .live,
            nickname: try node.string("nickname", default: ""), startDate: startDate,
            expiryDate: expiryDate, renewalPriceAmount: amount, renewalPriceCurrency: currency,
            renewalPriceVAT: vat, dataZone: try node.string("data_zone", default: ""),
            networkZones: try node.strings("network_zones"))
    }

    private mutating func readIP(_ node: FixtureNode) throws -> ServerIPRecord {
        let address = try node.string("address")
        try node.require(FixtureRules.isIPv4(address) || FixtureRules.isIPv6(address),
                         "address", "'\(address)' is not an IPv4 or IPv6 address")
        try node.require(addresses.insert(address.lowercased()).inserted, "address",
                         "the address '\(address)' is used twice")
        let reverseMap = try node.string("reverse_map", default: "")
        try node.require(reverseMap.isEmpty || FixtureRules.isHostName(reverseMap),
                         "reverse_map", "'\(reverseMap)' is not a valid host name")
        func counter(_ key: String) throws -> Int64 {
            let value = try node.int(key, default: 0)
            try node.require(value >= 0, key, "must not be negative")
            return Int64(value)
        }
        let record = ServerIPRecord(
            address: address, reverseMap: reverseMap,
            bytesInYesterday: try counter("bytes_in_yesterday"),
            bytesOutYesterday: try counter("bytes_out_yesterday"),
            bytesInToday: try counter("bytes_in_today"),
            bytesOutToday: try counter("bytes_out_today"))
        try node.finish()
        return record
    }

    private func readConnection(_ node: FixtureNode) throws -> ServerConnection {
        guard let connection = try node.object("connection") else { return ServerConnection() }
        let type = try connection.optionalString("connection_type")
        if let type {
            try connection.require(["metered", "unmetered", "inarrears"].contains(type),
                                   "connection_type",
                                   "'\(type)' is not one of 'metered', 'unmetered', 'inarrears'")
        }
        func optional(_ key: String) throws -> Double? {
            guard let value = try connection.optionalDouble(key) else { return nil }
            try connection.require(value >= 0, key, "must not be negative")
            return value
        }
        let result = ServerConnection(
            connectionType: type, maxBurst: try optional("max_burst"),
            inclusiveTransfer: try optional("inclusive_transfer"),
            bandwidthBank: try optional("bandwidth_bank"), remaining: try optional("remaining"),
            contention: try optional("contention"))
        try connection.finish()
        return result
    }

    private func loadBandwidth(_ node: FixtureNode, serviceID: Int64) throws {
        var types: Set<String> = []
        for entry in try node.objects("bandwidth") {
            let type = try entry.string("service_type")
            try entry.require(types.insert(type).inserted, "service_type",
                              "'\(type)' is listed twice")
            try transaction.setBandwidth(BandwidthRecord(
                serviceType: type, bytesIn: try nonNegative(entry, "bytes_in"),
                bytesOut: try nonNegative(entry, "bytes_out"),
                dailyRate: try nonNegative(entry, "daily_rate"),
                predicted: try nonNegative(entry, "predicted")), ofService: serviceID)
            try entry.finish()
        }
    }

    func nonNegative(_ node: FixtureNode, _ key: String,
                     default defaultValue: Double? = 0) throws -> Double {
        let value = try node.double(key, default: defaultValue)
        try node.require(value >= 0 && value.isFinite, key, "\(value) must not be negative")
        return value
    }
}
