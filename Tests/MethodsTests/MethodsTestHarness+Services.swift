import Simulation
import Store
import Wire

/// Services for the service, server, job, bandwidth and Memstore tests.
///
/// Alice has two live servers (`alice1` unmetered with a firewall rule group, `alice2`
/// metered without a firewall), a cancelled server `alice3`, a Memstore service
/// `alicestore` and a DNS service `alicedns`. Bob has one live server, `bob1`.
extension MethodsTestHarness {
    /// Creates a harness whose accounts have the services described above.
    static func withServices(jobSpeed: JobSpeed = .realTime) throws -> MethodsTestHarness {
        let harness = try MethodsTestHarness(jobSpeed: jobSpeed)
        try harness.insertServices()
        return harness
    }

    private func insertServices() throws {
        let alice = alice.id
        let bob = bob.id
        try store.write { transaction in
            try transaction.insertServer(ServerRecord(
                service: MethodsTestHarness.service("alice1", type: "miniserver",
                                                    account: alice, nickname: "www"),
                hostName: "alice1.miniserver.com", primaryIP: "192.0.2.10",
                ips: [
                    ServerIPRecord(address: "192.0.2.10", reverseMap: "alice1.example.com",
                                   bytesInYesterday: 1_000, bytesOutYesterday: 2_000,
                                   bytesInToday: 300, bytesOutToday: 400),
                    ServerIPRecord(address: "2001:db8::10"),
                ],
                taggedVLANs: ["backend"], untaggedVLANs: ["public"],
                os: "debian_bookworm_64", backups: true, firewallType: "basic",
                firewallRuleGroup: FirewallRuleGroupRecord(
                    name: "fw-web", nickname: "Web servers", notes: "HTTP in",
                    defaultOutboundPolicy: "ACCEPT"),
                supportLevel: "basic", intrusionDetection: "basic",
                intrusionDetectionAlertLevel: 7,
                connection: ServerConnection(connectionType: "unmetered", maxBurst: 100,
                                             contention: 20)))
            let alice1 = try transaction.service(account: alice, name: "alice1")
            try transaction.setBandwidth(
                BandwidthRecord(serviceType: "miniserver", bytesIn: 5_000, bytesOut: 20_000,
                                dailyRate: 800.5, predicted: 25_000),
                ofService: alice1?.id ?? 0)

            try transaction.insertServer(ServerRecord(
                service: MethodsTestHarness.service("alice2", type: "fullserver",
                                                    account: alice, nickname: "db"),
                hostName: "alice2.memset.net", primaryIP: "198.51.100.20",
                ips: [ServerIPRecord(address: "198.51.100.20")], os: "ubuntu_noble_64",
                firewallType: "none",
                firewallRuleGroup: FirewallRuleGroupRecord(name: "fw-unused"),
                noAutoReboot: true,
                connection: ServerConnection(connectionType: "metered", maxBurst: 1_000,
                                             inclusiveTransfer: 1_000, bandwidthBank: 100,
                                             remaining: 640.5, contention: 5)))

            try transaction.insertServer(ServerRecord(
                service: MethodsTestHarness.service("alice3", type: "miniserver",
                                                    account: alice, status: .cancelled),
                hostName: "alice3.miniserver.com", primaryIP: "192.0.2.30",
                os: "debian_bullseye_64"))

            let memstore = try transaction.insertService(
                MethodsTestHarness.service("alicestore", type: "memstore", account: alice,
                                           nickname: "backups"))
            try transaction.setMemstoreUsage(
                MemstoreUsageRecord(bytes: 53_687_091_200, containers: 4, objects: 18_342,
                                    bytesIn: 1_024, bytesOut: 2_048, requests: 48,
                                    cdnBytesIn: 10, cdnBytesOut: 20, cdnRequests: 5),
                ofService: memstore.id)
            try transaction.setBandwidth(
                BandwidthRecord(serviceType: "memstore", bytesIn: 1, bytesOut: 2,
                                dailyRate: 3, predicted: 4), ofService: memstore.id)
            try transaction.setBandwidth(
                BandwidthRecord(serviceType: "cdn", bytesIn: 5, bytesOut: 6, dailyRate: 7,
                                predicted: 8), ofService: memstore.id)

            try transaction.insertService(
                MethodsTestHarness.service("alicedns", type: "dns", account: alice))

            try transaction.insertServer(ServerRecord(
                service: MethodsTestHarness.service("bob1", type: "miniserver", account: bob,
                                                    nickname: "www"),
                hostName: "bob1.miniserver.com", primaryIP: "203.0.113.40",
                os: "debian_bookworm_64"))
        }
    }

    static func service(_ name: String, type: String, account: Int64,
                        status: ServiceStatus = .live, nickname: String = "") -> ServiceRecord {
        ServiceRecord(
            accountID: account, name: name, type: type, status: status, nickname: nickname,
            startDate: DateTime(year: 2024, month: 3, day: 1),
            expiryDate: DateTime(year: 2027, month: 3, day: 1), renewalPriceAmount: 21.6,
            renewalPriceVAT: 3.6, dataZone: "dz-reading", networkZones: ["reading"])
    }
}

extension Value {
    /// The keys of a dictionary value, or an empty set for any other value.
    var dictionaryKeys: Set<String> {
        Set(dictionaryValue?.keys.map { $0 } ?? [])
    }
}
