/// XML-RPC (http://xmlrpc.com/spec.md) calls and responses, decoded with expat.
public enum XMLRPC {
    /// Values nested deeper than this (arrays and structs) are rejected.
    public static let maximumValueDepth = 64
    /// Documents with more elements than this are rejected.
    public static let maximumElementCount = 200_000
    /// Element nesting allowed by `maximumValueDepth`: three elements per level of value
    /// (`value`, `struct`, `member`), plus the envelope.
    static let maximumElementDepth = 3 * maximumValueDepth + 8
}

/// A decoded `methodCall`.
public struct XMLRPCCall: Sendable, Equatable {
    public var methodName: String
    public var params: [Value]

    public init(methodName: String, params: [Value]) {
        self.methodName = methodName
        self.params = params
    }
}

/// A decoded `methodResponse`: one result value, or a fault.
public enum XMLRPCResponse: Sendable, Equatable {
    case success(Value)
    case fault(code: Int, message: String)
}

extension XMLRPC {
    /// Decodes a `methodCall` document.
    ///
    /// Accepts every XML-RPC type: `int`, `i4`, `i8` (also `ex:i8`), `boolean` (0 or 1),
    /// `string`, a value without a type element (a string), `double`, `dateTime.iso8601`
    /// (as `DateTime(parsing:)` reads it), `base64`, `struct`, `array`, and `nil` (also
    /// `ex:nil`, the form Apache XML-RPC sends). Integers must fit in `Int`.
    /// - Throws: `WireError` naming the element and byte offset of anything unknown,
    ///   missing or malformed, or of a DOCTYPE, which is never accepted.
    public static func decodeCall(_ body: [UInt8]) throws -> XMLRPCCall {
        let root = try parseDocument(body)
        guard root.name == "methodCall" else {
            throw unexpected(root, expected: "<methodCall>")
        }
        try requireOnlyWhitespace(in: root)

        var methodName: String?
        var params: [Value] = []
        var sawParams = false
        for child in root.children {
            switch child.name {
            case "methodName" where methodName == nil:
                try requireNoChildren(child)
                let name = try text(of: child)
                guard !name.isEmpty else {
                    throw error("<methodName> is empty", at: child)
                }
                methodName = name
            case "params" where !sawParams:
                sawParams = true
                params = try decodeParams(child)
            default:
                throw unexpected(child, expected: "<methodName> and an optional <params>")
            }
        }
        guard let methodName else {
            throw error("<methodCall> has no <methodName>", at: root)
        }
        return XMLRPCCall(methodName: methodName, params: params)
    }

    /// Decodes a `methodResponse` document: one result, or a fault whose value is a struct
    /// with an integer `faultCode` and a string `faultString`.
    /// - Throws: `WireError` as `decodeCall(_:)` does.
    public static func decodeResponse(_ body: [UInt8]) throws -> XMLRPCResponse {
        let root = try parseDocument(body)
        guard root.name == "methodResponse" else {
            throw unexpected(root, expected: "<methodResponse>")
        }
        try requireOnlyWhitespace(in: root)
        guard root.children.count == 1, let child = root.children.first else {
            throw error("<methodResponse> must contain one <params> or one <fault>", at: root)
        }

        switch child.name {
        case "params":
            let params = try decodeParams(child)
            guard params.count == 1, let result = params.first else {
                throw error("<params> of a response must contain one <param>", at: child)
            }
            return .success(result)
        case "fault":
            try requireOnlyWhitespace(in: child)
            guard child.children.count == 1, let valueElement = child.children.first else {
                throw error("<fault> must contain one <value>", at: child)
            }
            let fault = try decodeValue(valueElement, depth: 0)
            guard case .dictionary(let members) = fault,
                  case .integer(let code)? = members["faultCode"],
                  case .string(let message)? = members["faultString"]
            else {
                throw error("<fault> must hold a struct with an integer faultCode and a "
                    + "string faultString", at: valueElement)
            }
            return .fault(code: code, message: message)
        default:
            throw unexpected(child, expected: "<params> or <fault>")
        }
    }

    // MARK: Envelope

    private static func parseDocument(_ body: [UInt8]) throws(WireError) -> XMLElement {
        let parser = try XMLTreeParser(maximumDepth: maximumElementDepth,
                                       maximumElementCount: maximumElementCount)
        return try parser.parse(body)
    }

    private static func decodeParams(_ element: XMLElement) throws(WireError) -> [Value] {
        try requireOnlyWhitespace(in: element)
        return try element.children.map { (param) throws(WireError) -> Value in
            guard param.name == "param" else {
                throw unexpected(param, expected: "<param>")
            }
            try requireOnlyWhitespace(in: param)
            guard param.children.count == 1, let value = param.children.first else {
                throw error("<param> must contain one <value>", at: param)
            }
            return try decodeValue(value, depth: 0)
        }
    }
}
