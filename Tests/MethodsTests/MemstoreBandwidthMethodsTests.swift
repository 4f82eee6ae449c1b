import API
import Testing
import Wire

@Suite struct MemstoreBandwidthMethodsTests {
    // MARK: - memstore.usage

    @Test func usageReturnsDocumentedKeysAndTypes() throws {
        let harness = try MethodsTestHarness.withServices()
        let usage = try harness.result("memstore.usage", ["name": "alicestore"])
        #expect(usage == [
            "bytes": .float(53_687_091_200), "containers": .integer(4),
            "objs": .integer(18_342),
            "bandwidth": [
                "bytes_in": .float(1_024), "bytes_out": .float(2_048), "requests": .float(48),
            ],
            "cdn_bandwidth": [
                "bytes_in": .float(10), "bytes_out": .float(20), "requests": .float(5),
            ],
        ])
    }

    @Test func usageOfServerDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("memstore.usage", ["name": "alice1"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains("alice1") == true)
    }

    @Test func usageOfOtherAccountsServiceDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("memstore.usage", ["name": "alicestore"],
                                  key: MethodsTestHarness.bobKey)
        #expect(fault?.type == .doesNotExist)
    }

    // MARK: - bandwidth.info

    @Test func infoOfUnmeteredServer() throws {
        let harness = try MethodsTestHarness.withServices()
        let info = try harness.result("bandwidth.info", ["name": "alice1"])
        #expect(info.dictionaryKeys
            == ["miniserver", "connection_type", "max_burst", "contention", "ips"])
        #expect(info["miniserver"] == [
            "bytes_in": .float(5_000), "bytes_out": .float(20_000),
            "daily_rate": .float(800.5), "predicted": .float(25_000),
        ])
        #expect(info["connection_type"] == "unmetered")
        #expect(info["max_burst"] == .float(100))
        #expect(info["contention"] == .float(20))
        #expect(info["ips"] == [
            ["192.0.2.10": ["bytes_in": .float(300), "bytes_out": .float(400)]],
            ["2001:db8::10": ["bytes_in": .float(0), "bytes_out": .float(0)]],
        ])
    }

    @Test func infoOfMeteredServerWithoutTraffic() throws {
        let harness = try MethodsTestHarness.withServices()
        let info = try harness.result("bandwidth.info", ["name": "alice2"])
        #expect(info.dictionaryKeys == [
            "fullserver", "connection_type", "max_burst", "remaining", "inclusive_transfer",
            "bandwidth_bank", "ips",
        ])
        #expect(info["fullserver"] == [
            "bytes_in": .float(0), "bytes_out": .float(0), "daily_rate": .float(0),
            "predicted": .float(0),
        ])
        #expect(info["remaining"] == .float(640.5))
        #expect(info["inclusive_transfer"] == .float(1_000))
        #expect(info["bandwidth_bank"] == .float(100))
    }

    @Test func infoOfMemstoreHasStorageAndCDN() throws {
        let harness = try MethodsTestHarness.withServices()
        let info = try harness.result("bandwidth.info", ["name": "alicestore"])
        #expect(info == [
            "memstore": [
                "bytes_in": .float(1), "bytes_out": .float(2), "daily_rate": .float(3),
                "predicted": .float(4),
            ],
            "cdn": [
                "bytes_in": .float(5), "bytes_out": .float(6), "daily_rate": .float(7),
                "predicted": .float(8),
            ],
        ])
    }

    @Test func infoOfUnknownServiceDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("bandwidth.info", ["name": "bob1"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message == "Couldn't find service with name 'bob1'")
    }
}
