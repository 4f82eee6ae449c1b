import API
import Testing
import Wire

@Suite struct ServiceMethodsTests {
    static let serviceKeys: Set<String> = [
        "name", "status", "nickname", "start_date", "expiry_date", "renewal_price_amount",
        "renewal_price_currency", "renewal_price_vat", "type", "network_zones", "data_zone",
    ]

    private func names(_ value: Value) -> [String] {
        (value.listValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    // MARK: - service.list

    @Test func listDefaultsToLiveServices() throws {
        let harness = try MethodsTestHarness.withServices()
        let services = try harness.result("service.list")
        #expect(names(services) == ["alice1", "alice2", "alicestore", "alicedns"])
    }

    @Test func listFiltersByStatus() throws {
        let harness = try MethodsTestHarness.withServices()
        let services = try harness.result("service.list", ["status": "CANCELLED"])
        #expect(names(services) == ["alice3"])
    }

    @Test func listFiltersByOneType() throws {
        let harness = try MethodsTestHarness.withServices()
        let services = try harness.result("service.list", ["type": "memstore"])
        #expect(names(services) == ["alicestore"])
    }

    @Test func listFiltersByListOfTypes() throws {
        let harness = try MethodsTestHarness.withServices()
        let services = try harness.result("service.list",
                                          ["type": ["miniserver", "dns"]])
        #expect(names(services) == ["alice1", "alicedns"])
    }

    @Test func listRejectsUndocumentedStatus() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("service.list", ["status": "ONHOLD"])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'ONHOLD'") == true)
    }

    @Test func listShowsOnlyTheCallersServices() throws {
        let harness = try MethodsTestHarness.withServices()
        let services = try harness.result("service.list", key: MethodsTestHarness.bobKey)
        #expect(names(services) == ["bob1"])
    }

    // MARK: - service.info

    @Test func infoReturnsDocumentedKeysAndTypes() throws {
        let harness = try MethodsTestHarness.withServices()
        let info = try harness.result("service.info", ["name": "alice1"])
        #expect(info.dictionaryKeys == ServiceMethodsTests.serviceKeys)
        #expect(info["name"] == "alice1")
        #expect(info["status"] == "LIVE")
        #expect(info["nickname"] == "www")
        #expect(info["type"] == "miniserver")
        #expect(info["start_date"] == .date(DateTime(year: 2024, month: 3, day: 1).dateOnly))
        #expect(info["start_date"]?.dateValue?.includesTime == false)
        #expect(info["expiry_date"]?.dateValue?.includesTime == false)
        #expect(info["renewal_price_amount"] == .float(21.6))
        #expect(info["renewal_price_vat"] == .float(3.6))
        #expect(info["renewal_price_currency"] == "GBP")
        #expect(info["network_zones"] == ["reading"])
        #expect(info["data_zone"] == "dz-reading")
    }

    @Test func infoOfUnknownNameUsesDocumentedMessage() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("service.info", ["name": "BADSERVERNAME"])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.type.httpStatus == 404)
        #expect(fault?.message == "Couldn't find service with name 'BADSERVERNAME'")
    }

    @Test func infoOverJSONReturnsDocumentedError() throws {
        let harness = try MethodsTestHarness.withServices()
        let response = harness.dispatcher.respond(to: APIRequest(
            httpMethod: "GET", path: "/v1/json/service.info/BADSERVERNAME/",
            query: "api_key=\(MethodsTestHarness.aliceKey)"))
        #expect(response.status == 404)
        #expect(response.json == [
            "error_type": "ApiErrorDoesNotExist", "error_code": 3,
            "error": "Couldn't find service with name 'BADSERVERNAME'",
        ])
    }

    @Test func infoHidesOtherAccountsServices() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("service.info", ["name": "bob1"])?.type == .doesNotExist)
    }

    @Test func infoRejectsInvalidServiceName() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("service.info", ["name": "bad name"])?.type == .badParameters)
    }

    // MARK: - service.set_nickname

    @Test func setNicknameDeletesDisallowedCharacters() throws {
        let harness = try MethodsTestHarness.withServices()
        let result = try harness.result("service.set_nickname",
                                        ["name": "alice1", "nickname": "  Bob's web-1.0 #2!\t"])
        #expect(result == ["nickname": "Bob's web-1.0 2"])
        let info = try harness.result("service.info", ["name": "alice1"])
        #expect(info["nickname"] == "Bob's web-1.0 2")
    }

    @Test func setNicknameTruncatesTo255Characters() throws {
        let harness = try MethodsTestHarness.withServices()
        let long = String(repeating: "n", count: 300)
        let result = try harness.result("service.set_nickname",
                                        ["name": "alice1", "nickname": .string(long)])
        #expect(result["nickname"] == .string(String(repeating: "n", count: 255)))
    }

    @Test func setNicknameRejectsNicknameOfAnotherService() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("service.set_nickname", ["name": "alice2", "nickname": "www"])
        #expect(fault?.type == .notUnique)
        #expect(fault?.message.contains("alice1") == true)
        let info = try harness.result("service.info", ["name": "alice2"])
        #expect(info["nickname"] == "db")
    }

    @Test func setNicknameComparesAfterCleaning() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("service.set_nickname",
                                  ["name": "alice2", "nickname": " w#w!w "])
        #expect(fault?.type == .notUnique)
    }

    @Test func setNicknameKeepsServicesOwnNickname() throws {
        let harness = try MethodsTestHarness.withServices()
        let result = try harness.result("service.set_nickname",
                                        ["name": "alice1", "nickname": "www"])
        #expect(result == ["nickname": "www"])
    }

    @Test func setNicknameIsUniqueOnlyWithinAccount() throws {
        let harness = try MethodsTestHarness.withServices()
        let result = try harness.result("service.set_nickname",
                                        ["name": "bob1", "nickname": "db"],
                                        key: MethodsTestHarness.bobKey)
        #expect(result == ["nickname": "db"])
    }

    @Test func setNicknameAllowsSeveralEmptyNicknames() throws {
        let harness = try MethodsTestHarness.withServices()
        _ = try harness.result("service.set_nickname", ["name": "alice1", "nickname": "!!"])
        let result = try harness.result("service.set_nickname",
                                        ["name": "alice2", "nickname": ""])
        #expect(result == ["nickname": ""])
    }

    @Test func setNicknameRequiresNickname() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("service.set_nickname", ["name": "alice1"])
        #expect(fault?.type == .badParameters)
    }

    // MARK: - service.cancel

    @Test func cancelChangesStatusOnlyWhenJobFinishes() throws {
        let harness = try MethodsTestHarness.withServices()
        let job = try harness.result("service.cancel", ["name": "alicedns"])
        #expect(job.dictionaryKeys == ["id", "type", "status", "service", "finished", "error"])
        #expect(job["type"] == "CANCEL-SERVICE")
        #expect(job["service"] == "alicedns")
        #expect(job["finished"] == false)
        #expect(job["error"] == false)
        let id = try #require(job["id"])

        harness.clock.advance(by: 4)
        #expect(try harness.result("service.info", ["name": "alicedns"])["status"] == "LIVE")
        #expect(try harness.result("job.status", ["id": id])["finished"] == false)

        harness.clock.advance(by: 1)
        #expect(try harness.result("service.info", ["name": "alicedns"])["status"]
            == "CANCELLED")
        let finished = try harness.result("job.status", ["id": id])
        #expect(finished["finished"] == true)
        #expect(finished["status"] == "DONE")
    }

    @Test func cancelWhilePendingIsAlreadyInProgress() throws {
        let harness = try MethodsTestHarness.withServices()
        _ = try harness.result("service.cancel", ["name": "alicedns"])
        let fault = harness.fault("service.cancel", ["name": "alicedns"])
        #expect(fault?.type == .alreadyInProgress)
    }

    @Test func cancelOfCancelledServiceFailsPrecondition() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("service.cancel", ["name": "alice3"])
        #expect(fault?.type == .preconditionFailed)
        #expect(fault?.message.contains("already cancelled") == true)
    }

    @Test func cancelAfterFinishedCancellationFailsPrecondition() throws {
        let harness = try MethodsTestHarness.withServices()
        _ = try harness.result("service.cancel", ["name": "alicedns"])
        harness.clock.advance(by: 60)
        #expect(harness.fault("service.cancel", ["name": "alicedns"])?.type
            == .preconditionFailed)
    }

    @Test func cancelOfOtherAccountsServiceDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        #expect(harness.fault("service.cancel", ["name": "bob1"])?.type == .doesNotExist)
        let info = try harness.result("service.info", ["name": "bob1"],
                                      key: MethodsTestHarness.bobKey)
        #expect(info["status"] == "LIVE")
    }
}
