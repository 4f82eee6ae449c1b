@testable import API
import Synchronization
import Testing
import Wire

@Suite struct AuthenticationTests {
    let harness: APITestHarness

    init() throws {
        harness = try APITestHarness()
    }

    func call(_ method: String, _ arguments: [String: Value] = [:], key: String?)
        -> Result<Value, MemsetFault>
    {
        harness.dispatcher.call(method, arguments.mapValues { RawArgument($0, source: .typed) },
                                key: key)
    }

    @Test func missingKeyIsNotAuthorized() {
        #expect(call("test.anonymous", key: nil).failure?.type == .notAuthorized)
        #expect(call("test.anonymous", key: "").failure?.type == .notAuthorized)
    }

    @Test func unknownKeyIsForbidden() {
        let result = call("test.anonymous", key: "ffffffffffffffffffffffffffffffff")
        #expect(result.failure?.type == .forbidden)
    }

    @Test func malformedKeyIsForbidden() {
        #expect(call("test.anonymous", key: "not-a-key").failure?.type == .forbidden)
    }

    @Test func disabledKeyIsForbidden() {
        let result = call("test.anonymous", key: APITestHarness.disabledKey)
        #expect(result.failure?.type == .forbidden)
        #expect(result.failure?.message.contains("disabled") == true)
    }

    @Test func keysSharingPrefixStayApart() {
        let key = APITestHarness.samePrefixKey
        #expect(call("test.anonymous", key: key).failure == nil)
        #expect(call("test.limits", key: key).failure?.type == .forbidden)
        #expect(call("test.limits", key: APITestHarness.fullKey).failure == nil)
    }

    @Test func uppercaseKeyIsAccepted() {
        let result = call("test.anonymous", key: APITestHarness.fullKey.uppercased())
        #expect(result.failure == nil)
    }

    @Test func unknownMethodIsNotFound() {
        let result = call("server.fly", key: APITestHarness.fullKey)
        #expect(result.failure?.type == .methodNotFound)
        #expect(result.failure?.message.contains("server.fly") == true)
    }

    @Test func unsimulatedReferenceMethodSaysSo() {
        let result = call("server.move_ips", key: APITestHarness.fullKey)
        #expect(result.failure?.type == .methodNotFound)
        #expect(result.failure?.message.contains("does not simulate") == true)
    }

    // MARK: - Scopes

    @Test func methodScopeAllowsListedMethod() {
        let result = call("test.named", ["name": "anything"], key: APITestHarness.methodScopedKey)
        #expect(result.failure == nil)
    }

    @Test func methodScopeRejectsOtherMethods() {
        let result = call("test.anonymous", key: APITestHarness.methodScopedKey)
        #expect(result.failure?.type == .forbidden)
    }

    @Test func nameScopeAllowsListedName() {
        let result = call("test.named", ["name": "server1"], key: APITestHarness.nameScopedKey)
        #expect(result.failure == nil)
    }

    @Test func nameScopeRejectsOtherNames() {
        let result = call("test.named", ["name": "server9"], key: APITestHarness.nameScopedKey)
        #expect(result.failure?.type == .forbidden)
    }

    @Test func nameScopeRejectsMethodsWithoutName() {
        let result = call("test.anonymous", key: APITestHarness.nameScopedKey)
        #expect(result.failure?.type == .forbidden)
    }

    @Test func bothScopesMustHold() {
        let key = APITestHarness.bothScopedKey
        #expect(call("test.named", ["name": "server2"], key: key).failure == nil)
        #expect(call("test.named", ["name": "other"], key: key).failure?.type == .forbidden)
        #expect(call("test.limits", key: key).failure?.type == .forbidden)
    }

    @Test func scopeIsCheckedBeforeParameters() {
        let result = call("test.limits", ["colour": "red"], key: APITestHarness.methodScopedKey)
        #expect(result.failure?.type == .forbidden)
    }

    @Test func basicAuthorizationUserIsTheKey() {
        let header = APITestHarness.basicAuthorization(APITestHarness.fullKey)
        #expect(KeyExtraction.key(fromAuthorization: header) == APITestHarness.fullKey)
        let emptyPassword = "Basic " + Base64.encode(Array("\(APITestHarness.fullKey):".utf8))
        #expect(KeyExtraction.key(fromAuthorization: emptyPassword) == APITestHarness.fullKey)
        #expect(KeyExtraction.key(fromAuthorization: "Bearer abc") == nil)
        #expect(KeyExtraction.key(fromAuthorization: "Basic !!!") == nil)
    }

    @Test func constantTimeComparisonMatchesEquality() {
        #expect(KeyExtraction.constantTimeEquals("abc", "abc"))
        #expect(!KeyExtraction.constantTimeEquals("abc", "abd"))
        #expect(!KeyExtraction.constantTimeEquals("abc", "abcd"))
    }
}

@Suite struct InternalErrorTests {
    struct DiskOnFire: Error {}

    @Test func unexpectedErrorIsReportedAndHidden() throws {
        let failing = MethodDeclaration(
            "test.failing", summary: "Always fails.", "nothing.", access: .none
        ) { _ in throw DiskOnFire() }
        let reported = Mutex<[String]>([])
        let harness = try APITestHarness()
        let dispatcher = Dispatcher(
            registry: MethodRegistry([failing]), store: harness.store, now: { 0 },
            reportInternalError: { method, _ in reported.withLock { $0.append(method) } })

        let result = dispatcher.call("test.failing", [:], key: APITestHarness.fullKey)

        #expect(result.failure?.type == .internalError)
        #expect(result.failure?.message.contains("DiskOnFire") == false)
        #expect(reported.withLock { $0 } == ["test.failing"])
    }
}
