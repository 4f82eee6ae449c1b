import API
import Testing
import Wire

@Suite struct APIKeyMethodsTests {
    /// Creates a key for Alice with `scopes` and returns it.
    private func createKey(_ harness: MethodsTestHarness,
                           scopes: [String: Value] = [:]) throws -> String {
        let created = try harness.result("apikey.create", ["scopes": .dictionary(scopes)])
        return try #require(created["key"]?.stringValue)
    }

    // MARK: - apikey.create

    @Test func createReturnsDocumentedKeysAndTypes() throws {
        let harness = try MethodsTestHarness.withServices()
        harness.clock.advance(by: 3_661)
        let created = try harness.result("apikey.create", [
            "scopes": ["method": ["server.info", "server.list"], "name": ["alice1"]],
            "comment": "monitoring",
        ])
        #expect(created.dictionaryKeys == ["key", "scopes", "comment", "created"])
        let key = try #require(created["key"]?.stringValue)
        #expect(key.count == 32)
        #expect(key.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(created["scopes"] == [
            "method": ["server.info", "server.list"], "name": ["alice1"],
        ])
        #expect(created["comment"] == "monitoring")
        #expect(created["created"]
            == .date(DateTime(year: 2026, month: 1, day: 1, hour: 1, minute: 1, second: 1)))
        #expect(created["created"]?.dateValue?.includesTime == true)
    }

    @Test func createWithoutScopesHasEmptyScopes() throws {
        let harness = try MethodsTestHarness.withServices()
        let created = try harness.result("apikey.create")
        #expect(created["scopes"] == .dictionary([:]))
        #expect(created["comment"] == "")
    }

    @Test func createRejectsInvalidScopes() throws {
        let harness = try MethodsTestHarness.withServices()
        let cases: [(Value, String)] = [
            (["owner": ["alice1"]], "'owner'"),
            (["method": "server.info"], "List of Strings"),
            (["method": ["server.info", 5]], "List of Strings"),
            (["method": []], "no values"),
            (["name": [""]], "empty value"),
            (["name": .list([.string(String(repeating: "x", count: 51))])], "50 characters"),
            (["method": ["server.explode"]], "'server.explode'"),
        ]
        for (scopes, expected) in cases {
            let fault = harness.fault("apikey.create", ["scopes": scopes])
            #expect(fault?.type == .badParameters, "scopes \(scopes)")
            #expect(fault?.message.contains(expected) == true,
                    "\(fault?.message ?? "no fault") should mention \(expected)")
        }
        #expect(try harness.result("apikey.list").listValue?.count == 1)
    }

    @Test func createAcceptsScopeValueOf50Characters() throws {
        let harness = try MethodsTestHarness.withServices()
        let name = String(repeating: "x", count: 50)
        let created = try harness.result("apikey.create",
                                         ["scopes": ["name": .list([.string(name)])]])
        #expect(created["scopes"] == ["name": .list([.string(name)])])
    }

    @Test func createRejectsLongComment() throws {
        let harness = try MethodsTestHarness.withServices()
        let comment = String(repeating: "c", count: 256)
        let fault = harness.fault("apikey.create", ["comment": .string(comment)])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("255") == true)
    }

    // MARK: - Scopes of created keys

    @Test func methodScopedKeyCallsOnlyListedMethods() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness, scopes: ["method": ["service.list"]])
        #expect(harness.call("service.list", key: key).isSuccess)
        let fault = harness.fault("server.list", key: key)
        #expect(fault?.type == .forbidden)
    }

    @Test func nameScopedKeyActsOnlyOnListedNames() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness, scopes: ["name": ["alice1"]])
        #expect(harness.call("server.info", ["name": "alice1"], key: key).isSuccess)
        #expect(harness.fault("server.info", ["name": "alice2"], key: key)?.type == .forbidden)
        #expect(harness.fault("service.list", key: key)?.type == .forbidden)
    }

    @Test func methodAndNameScopesApplyTogether() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness, scopes: ["method": ["server.reboot"],
                                                  "name": ["alice1", "alice2"]])
        #expect(harness.call("server.reboot", ["name": "alice2"], key: key).isSuccess)
        #expect(harness.fault("server.info", ["name": "alice2"], key: key)?.type
            == .forbidden)
        #expect(harness.fault("server.reboot", ["name": "alice3"], key: key)?.type
            == .forbidden)
    }

    @Test func addedScopeRestrictsKey() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        #expect(harness.call("server.list", key: key).isSuccess)
        let info = try harness.result("apikey.add_scope", [
            "id": .string(key), "scope_name": "method", "value": "service.list",
        ])
        #expect(info["scopes"] == ["method": ["service.list"]])
        #expect(harness.fault("server.list", key: key)?.type == .forbidden)
        #expect(harness.call("service.list", key: key).isSuccess)
    }

    // MARK: - Keys changed by scoped keys

    @Test func scopedKeyCannotCreateUnrestrictedKey() throws {
        let harness = try MethodsTestHarness.withServices()
        let scoped = try createKey(harness, scopes: ["method": ["apikey.create", "server.list"]])
        let fault = harness.fault("apikey.create", key: scoped)
        #expect(fault?.type == .forbidden)
        #expect(try harness.result("apikey.list").listValue?.count == 2)
    }

    @Test func scopedKeyCreatesNarrowerKey() throws {
        let harness = try MethodsTestHarness.withServices()
        let scoped = try createKey(harness, scopes: ["method": ["apikey.create", "server.list"]])
        let created = harness.call("apikey.create", ["scopes": ["method": ["server.list"]]],
                                   key: scoped)
        #expect(created.isSuccess)
    }

    @Test func scopedKeyCannotGrantOtherMethods() throws {
        let harness = try MethodsTestHarness.withServices()
        let scoped = try createKey(harness, scopes: ["method": ["apikey.create"]])
        let fault = harness.fault("apikey.create", ["scopes": ["method": ["server.reboot"]]],
                                  key: scoped)
        #expect(fault?.type == .forbidden)
        #expect(fault?.message.contains("server.reboot") == true)
    }

    @Test func scopedKeyCannotLiftOwnScope() throws {
        let harness = try MethodsTestHarness.withServices()
        let scoped = try createKey(harness, scopes: ["method": ["apikey.delete_scope"]])
        let fault = harness.fault("apikey.delete_scope", [
            "id": .string(scoped), "scope_name": "method", "value": "apikey.delete_scope",
        ], key: scoped)
        #expect(fault?.type == .forbidden)
        let info = try harness.result("apikey.info", ["id": .string(scoped)])
        #expect(info["scopes"] == ["method": ["apikey.delete_scope"]])
    }

    @Test func scopedKeyCannotAddOutsideValue() throws {
        let harness = try MethodsTestHarness.withServices()
        let scoped = try createKey(harness, scopes: ["method": ["apikey.add_scope"]])
        let fault = harness.fault("apikey.add_scope", [
            "id": .string(scoped), "scope_name": "method", "value": "server.reboot",
        ], key: scoped)
        #expect(fault?.type == .forbidden)
    }

    // MARK: - apikey.delete

    @Test func deletedKeyIsRejected() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        let result = try harness.result("apikey.delete", ["id": .string(key)])
        #expect(result == .dictionary([:]))
        let fault = harness.fault("internal.noop", key: key)
        #expect(fault?.type == .forbidden)
    }

    @Test func keyUsedBeforeDeleteIsRejected() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        #expect(harness.call("internal.noop", key: key).isSuccess)
        _ = try harness.result("apikey.delete", ["id": .string(key)])
        #expect(harness.fault("internal.noop", key: key)?.type == .forbidden)
    }

    @Test func keyMayDeleteItself() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        #expect(try harness.result("apikey.delete", ["id": .string(key)], key: key)
            == .dictionary([:]))
        #expect(harness.fault("service.list", key: key)?.type == .forbidden)
        #expect(harness.call("service.list").isSuccess)
    }

    @Test func deletedKeyNoLongerExists() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        _ = try harness.result("apikey.delete", ["id": .string(key)])
        #expect(harness.fault("apikey.info", ["id": .string(key)])?.type == .doesNotExist)
        #expect(harness.fault("apikey.delete", ["id": .string(key)])?.type == .doesNotExist)
    }

    @Test func deleteOfOtherAccountsKeyDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("apikey.delete", ["id": .string(MethodsTestHarness.bobKey)])
        #expect(fault?.type == .doesNotExist)
        #expect(harness.call("service.list", key: MethodsTestHarness.bobKey).isSuccess)
    }

    // MARK: - apikey.info and apikey.list

    @Test func infoDescribesKey() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness, scopes: ["name": ["alice1"]])
        let info = try harness.result("apikey.info", ["id": .string(key.uppercased())])
        #expect(info["key"] == .string(key))
        #expect(info["scopes"] == ["name": ["alice1"]])
    }

    @Test func infoOfOtherAccountsKeyDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("apikey.info", ["id": .string(MethodsTestHarness.bobKey)])
        #expect(fault?.type == .doesNotExist)
        #expect(fault?.message.contains(MethodsTestHarness.bobKey) == false)
    }

    @Test func listShowsOnlyCallersKeys() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        let aliceKeys = try harness.result("apikey.list").listValue?.compactMap {
            $0["key"]?.stringValue
        }
        #expect(aliceKeys == [MethodsTestHarness.aliceKey, key])
        let bobKeys = try harness.result("apikey.list", key: MethodsTestHarness.bobKey)
            .listValue?.compactMap { $0["key"]?.stringValue }
        #expect(bobKeys == [MethodsTestHarness.bobKey])
    }

    // MARK: - apikey.add_scope and apikey.delete_scope

    @Test func addScopeRejectsUnknownMethod() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        let fault = harness.fault("apikey.add_scope", [
            "id": .string(key), "scope_name": "method", "value": "server.explode",
        ])
        #expect(fault?.type == .badParameters)
        #expect(try harness.result("apikey.info", ["id": .string(key)])["scopes"]
            == .dictionary([:]))
    }

    @Test func addScopeRejectsUnknownScopeName() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        let fault = harness.fault("apikey.add_scope", [
            "id": .string(key), "scope_name": "owner", "value": "alice1",
        ])
        #expect(fault?.type == .badParameters)
        #expect(fault?.message.contains("'owner'") == true)
    }

    @Test func addScopeRejectsLongValue() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness)
        let fault = harness.fault("apikey.add_scope", [
            "id": .string(key), "scope_name": "name",
            "value": .string(String(repeating: "x", count: 51)),
        ])
        #expect(fault?.type == .badParameters)
    }

    @Test func addScopeToOtherAccountsKeyDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("apikey.add_scope", [
            "id": .string(MethodsTestHarness.bobKey), "scope_name": "name", "value": "alice1",
        ])
        #expect(fault?.type == .doesNotExist)
        let bobKeys = try harness.result("apikey.list", key: MethodsTestHarness.bobKey)
        #expect(bobKeys.listValue?.first?["scopes"] == .dictionary([:]))
    }

    @Test func addScopeTwiceKeepsOneValue() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness, scopes: ["name": ["alice1"]])
        let parameters: [String: Value] = [
            "id": .string(key), "scope_name": "name", "value": "alice2",
        ]
        _ = try harness.result("apikey.add_scope", parameters)
        let info = try harness.result("apikey.add_scope", parameters)
        #expect(info["scopes"] == ["name": ["alice1", "alice2"]])
    }

    @Test func deleteScopeRemovesValue() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness, scopes: ["name": ["alice1", "alice2"]])
        let info = try harness.result("apikey.delete_scope", [
            "id": .string(key), "scope_name": "name", "value": "alice1",
        ])
        #expect(info["scopes"] == ["name": ["alice2"]])
        #expect(harness.fault("server.info", ["name": "alice1"], key: key)?.type
            == .forbidden)
    }

    @Test func deleteScopeOfMissingValueSucceeds() throws {
        let harness = try MethodsTestHarness.withServices()
        let key = try createKey(harness, scopes: ["name": ["alice1"]])
        let info = try harness.result("apikey.delete_scope", [
            "id": .string(key), "scope_name": "method", "value": "server.info",
        ])
        #expect(info["scopes"] == ["name": ["alice1"]])
    }

    @Test func deleteScopeOfUnknownKeyDoesNotExist() throws {
        let harness = try MethodsTestHarness.withServices()
        let fault = harness.fault("apikey.delete_scope", [
            "id": "0123456789abcdef0123456789abcdef", "scope_name": "name", "value": "x",
        ])
        #expect(fault?.type == .doesNotExist)
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
