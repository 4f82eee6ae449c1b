@testable import API
import Testing

@Suite struct ErrorTableTests {
    @Test func everyDocumentedErrorHasItsCodeNameAndStatus() {
        let documented: [(String, Int, Int)] = [
            ("ApiError", 1, 400), ("ApiErrorInternalError", 2, 500),
            ("ApiErrorDoesNotExist", 3, 404), ("ApiErrorForbidden", 4, 403),
            ("ApiErrorMethodNotFound", 5, 400), ("ApiErrorAlreadyInProgress", 6, 400),
            ("ApiErrorBadParameters", 7, 400), ("ApiErrorNotUnique", 8, 400),
            ("ApiErrorPreconditionFailed", 9, 412), ("ApiErrorNotAuthorized", 10, 401),
            ("ApiErrorServiceTemporarilyUnavailable", 11, 503), ("ApiErrorThrottled", 12, 403),
            ("ApiErrorOverquota", 13, 403), ("ApiErrorAccountDoesNotExist", 14, 404),
            ("ApiErrorServiceDoesNotExist", 15, 404), ("ApiErrorPartnerOnly", 16, 401),
            ("ApiErrorPartnerRestriction", 17, 401),
        ]
        #expect(ErrorType.allCases.count == documented.count)
        for (name, code, status) in documented {
            let type = ErrorType(rawValue: code)
            #expect(type?.name == name)
            #expect(type?.httpStatus == status, "status of \(name)")
        }
    }

    @Test func unexpectedErrorBecomesInternalError() {
        struct Unexpected: Error {}
        let fault = MemsetFault(wrapping: Unexpected())
        #expect(fault.type == .internalError)
        #expect(fault.message.contains("Internal error"))
    }

    @Test func jsonBodyHasTheThreeDocumentedKeys() {
        let body = MemsetFault(.doesNotExist, "Couldn't find service").jsonBody
        #expect(body["error_type"] == "ApiErrorDoesNotExist")
        #expect(body["error_code"] == 3)
        #expect(body["error"] == "Couldn't find service")
        #expect(body.dictionaryValue?.count == 3)
    }
}
