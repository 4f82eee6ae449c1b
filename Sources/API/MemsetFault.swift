/// The documented Memset API error types, each with its error code and HTTP status.
public enum ErrorType: Int, CaseIterable, Sendable {
    case apiError = 1
    case internalError = 2
    case doesNotExist = 3
    case forbidden = 4
    case methodNotFound = 5
    case alreadyInProgress = 6
    case badParameters = 7
    case notUnique = 8
    case preconditionFailed = 9
    case notAuthorized = 10
    case serviceTemporarilyUnavailable = 11
    case throttled = 12
    case overquota = 13
    case accountDoesNotExist = 14
    case serviceDoesNotExist = 15
    case partnerOnly = 16
    case partnerRestriction = 17

    /// The error code clients see as `error_code`, `faultCode` or the JSON-RPC error code.
    public var code: Int { rawValue }

    /// The exception name clients see as `error_type`, such as "ApiErrorDoesNotExist".
    public var name: String {
        switch self {
        case .apiError: return "ApiError"
        case .internalError: return "ApiErrorInternalError"
        case .doesNotExist: return "ApiErrorDoesNotExist"
        case .forbidden: return "ApiErrorForbidden"
        case .methodNotFound: return "ApiErrorMethodNotFound"
        case .alreadyInProgress: return "ApiErrorAlreadyInProgress"
        case .badParameters: return "ApiErrorBadParameters"
        case .notUnique: return "ApiErrorNotUnique"
        case .preconditionFailed: return "ApiErrorPreconditionFailed"
        case .notAuthorized: return "ApiErrorNotAuthorized"
        case .serviceTemporarilyUnavailable: return "ApiErrorServiceTemporarilyUnavailable"
        case .throttled: return "ApiErrorThrottled"
        case .overquota: return "ApiErrorOverquota"
        case .accountDoesNotExist: return "ApiErrorAccountDoesNotExist"
        case .serviceDoesNotExist: return "ApiErrorServiceDoesNotExist"
        case .partnerOnly: return "ApiErrorPartnerOnly"
        case .partnerRestriction: return "ApiErrorPartnerRestriction"
        }
    }

    /// The HTTP status of the `/v1/json` endpoint for this error.
    public var httpStatus: Int {
        switch self {
        case .apiError, .methodNotFound, .alreadyInProgress, .badParameters, .notUnique:
            return 400
        case .notAuthorized, .partnerOnly, .partnerRestriction: return 401
        case .forbidden, .throttled, .overquota: return 403
        case .doesNotExist, .accountDoesNotExist, .serviceDoesNotExist: return 404
        case .preconditionFailed: return 412
        case .internalError: return 500
        case .serviceTemporarilyUnavailable: return 503
        }
    }
}

/// An API error as clients see it: a documented type and a message.
///
/// Every error a method raises reaches the endpoints as a `MemsetFault`; anything else is
/// mapped to `ApiErrorInternalError` by `MemsetFault.init(wrapping:)`.
public struct MemsetFault: Error, Sendable, Equatable, CustomStringConvertible {
    public var type: ErrorType
    public var message: String

    public init(_ type: ErrorType, _ message: String) {
        self.type = type
        self.message = message
    }

    /// Maps any error to a fault: a `MemsetFault` is kept, and anything else becomes
    /// `ApiErrorInternalError` with a generic message, because its text may hold internals.
    public init(wrapping error: any Error) {
        if let fault = error as? MemsetFault {
            self = fault
        } else {
            self.init(.internalError, "Internal error - something bad happened")
        }
    }

    public var description: String { "\(type.name): \(message)" }

    public static func badParameters(_ message: String) -> MemsetFault {
        MemsetFault(.badParameters, message)
    }

    public static func doesNotExist(_ message: String) -> MemsetFault {
        MemsetFault(.doesNotExist, message)
    }
}
