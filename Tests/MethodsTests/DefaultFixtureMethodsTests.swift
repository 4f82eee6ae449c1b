import API
import Methods
import Simulation
import Store
import TestSupport
import Testing
import Wire

/// The service, server, job and key methods over the data the server starts with, from
/// `fixtures/default.json`.
@Suite struct DefaultFixtureMethodsTests {
    static let developmentKey = "0123456789abcdef0123456789abcdef"
    static let monitoringKey = "abcdef0123456789abcdef0123456789"
    static let otherAccountKey = "0fedcba9876543210fedcba987654321"

    let dispatcher: Dispatcher

    init() throws {
        dispatcher = try makeDefaultFixtureDispatcher()
    }

    private func result(_ method: String, _ parameters: [String: Value] = [:],
                        key: String = developmentKey) throws -> Value {
        let raw = parameters.mapValues { RawArgument($0, source: .typed) }
        return try dispatcher.call(method, raw, key: key).get()
    }

    private func fault(_ method: String, _ parameters: [String: Value] = [:],
                       key: String = developmentKey) -> MemsetFault? {
        let raw = parameters.mapValues { RawArgument($0, source: .typed) }
        if case .failure(let fault) = dispatcher.call(method, raw, key: key) {
            return fault
        }
        return nil
    }

    @Test func serviceInfoMatchesReferenceExample() throws {
        let info = try result("service.info", ["name": "myserver1"])
        let example: [String: Value] = [
            "status": "LIVE", "renewal_price_currency": "GBP", "type": "miniserver",
            "name": "myserver1", "expiry_date": .date(DateTime(year: 2011, month: 9, day: 17)
                .dateOnly),
            "renewal_price_amount": .float(21.6), "nickname": "www",
            "start_date": .date(DateTime(year: 2011, month: 6, day: 17).dateOnly),
            "renewal_price_vat": .float(4.34),
        ]
        for (key, value) in example {
            #expect(info[key] == value, "service.info key \(key)")
        }
        #expect(info["network_zones"] == ["reading"])
        #expect(info["data_zone"] == "dz-reading")
    }

    @Test func serviceInfoOverJSONPrintsPricesAsFloats() throws {
        let response = dispatcher.respond(to: APIRequest(
            httpMethod: "GET", path: "/v1/json/service.info/myserver1/",
            query: "api_key=\(DefaultFixtureMethodsTests.developmentKey)"))
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200)
        #expect(body.contains("\"renewal_price_amount\":21.6"), "\(body)")
        #expect(body.contains("\"start_date\":\"2011-06-17\""), "\(body)")
    }

    @Test func fixtureJobIsVisibleToItsAccount() throws {
        let status = try result("job.status", ["id": "6a6f622d7265626f6f742d6d79736531"])
        #expect(status == [
            "id": "6a6f622d7265626f6f742d6d79736531", "type": "REBOOT-SERVER",
            "status": "DONE", "service": "myserver1", "finished": true, "error": false,
        ])
        let fault = fault("job.status", ["id": "6a6f622d7265626f6f742d6d79736531"],
                          key: DefaultFixtureMethodsTests.otherAccountKey)
        #expect(fault?.type == .doesNotExist)
    }

    @Test func fixtureKeyScopesLimitCalls() throws {
        let key = DefaultFixtureMethodsTests.monitoringKey
        let info = try result("server.info", ["name": "myserver1"], key: key)
        #expect(info["firewall_rule_group"]?["name"] == "fw-web")
        #expect(fault("server.info", ["name": "myserver2"], key: key)?.type == .forbidden)
        #expect(fault("server.reboot", ["name": "myserver1"], key: key)?.type == .forbidden)
    }

    @Test func apikeyListDescribesFixtureKeys() throws {
        let keys = try result("apikey.list").listValue ?? []
        #expect(keys.count == 4)
        let monitoringKey = Value.string(DefaultFixtureMethodsTests.monitoringKey)
        let monitoring = keys.first { $0["key"] == monitoringKey }
        #expect(monitoring?["scopes"] == [
            "method": ["server.info", "server.list", "internal.noop"], "name": ["myserver1"],
        ])
        #expect(monitoring?["created"]
            == .date(DateTime(year: 2025, month: 1, day: 2, hour: 9)))
    }

    @Test func memstoreOfFixtureReportsUsageAndBandwidth() throws {
        let usage = try result("memstore.usage", ["name": "mstestyaa1"])
        #expect(usage["objs"] == .integer(18_342))
        #expect(usage["bytes"] == .float(53_687_091_200))
        let bandwidth = try result("bandwidth.info", ["name": "mstestyaa1"])
        #expect(bandwidth.dictionaryKeys == ["memstore", "cdn"])
    }
}
