import Store
import Wire

// The `server.info` dictionary, which `server.list` returns for each server.
extension ServerMethods {
    /// Returns every key `server.info` documents, plus the keys of `service.info`.
    static func values(_ server: ServerRecord) -> [String: Value] {
        var result = ServiceMethods.values(server.service)
        let own: [String: Value] = [
            "name": .string(server.name),
            "host_name": .string(server.hostName),
            "primary_ip": .string(server.primaryIP),
            "ips": .list(server.ips.map(values)),
            "vlans": [
                "tagged": .list(server.taggedVLANs.map(Value.string)),
                "untagged": .list(server.untaggedVLANs.map(Value.string)),
            ],
            "os": .string(server.os),
            "backups": .boolean(server.backups),
            "control_panel": .string(server.controlPanel),
            "firewall_type": .string(server.firewallType),
            "firewall_rule_group": firewallRuleGroup(of: server),
            "monitoring_level": .string(server.monitoringLevel),
            "monitor": .boolean(server.monitor),
            "ignore_monitoring_off": .boolean(server.ignoreMonitoringOff),
            "no_nrpe": .boolean(server.noNRPE),
            "no_auto_reboot": .boolean(server.noAutoReboot),
            "support_level": .string(server.supportLevel),
            "vulnscan": .string(server.vulnscan),
            "intrusion_detection": .string(server.intrusionDetection),
            "intrusion_detection_alert_level": .integer(server.intrusionDetectionAlertLevel),
        ]
        result.merge(own) { _, serverValue in serverValue }
        return result
    }

    private static func values(_ ip: ServerIPRecord) -> Value {
        [
            "address": .string(ip.address),
            "reverse_map": .string(ip.reverseMap),
            "bytes_in_yesterday": .integer(Int(ip.bytesInYesterday)),
            "bytes_out_yesterday": .integer(Int(ip.bytesOutYesterday)),
            "bytes_in_today": .integer(Int(ip.bytesInToday)),
            "bytes_out_today": .integer(Int(ip.bytesOutToday)),
        ]
    }

    /// Returns the applied rule group as `firewalling.rule_group_info` describes it, or an
    /// empty dictionary when the firewall type is "none" or no group is applied.
    private static func firewallRuleGroup(of server: ServerRecord) -> Value {
        guard server.firewallType != "none", let group = server.firewallRuleGroup else {
            return .dictionary([:])
        }
        // NOTE: the store keeps no firewall rules, so `rules` is always empty, and only
        // account rule groups are applied, so `public` is always false.
        return [
            "name": .string(group.name),
            "nickname": .string(group.nickname),
            "public": false,
            "notes": .string(group.notes),
            "default_outbound_policy": .string(group.defaultOutboundPolicy),
            "rules": .dictionary([:]),
        ]
    }
}
