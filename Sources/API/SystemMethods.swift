import Wire

/// The XML-RPC introspection methods, derived from the registry's declarations.
enum SystemMethods {
    static var declarations: [MethodDeclaration] {
        [listMethods, methodHelp, methodSignature, multicall]
    }

    /// The declaration that lists and describes `system.multicall`. The XML-RPC endpoint
    /// runs multicalls itself because they wrap other calls, so this handler only runs
    /// for the other endpoints.
    static let multicall = MethodDeclaration(
        "system.multicall",
        summary: "Runs several calls in one XML-RPC request. Each entry is a struct with "
            + "'methodName' and 'params'; each result is a list of one value, or a fault "
            + "struct with 'faultCode' and 'faultString'. Available on /v1/xmlrpc only: "
            + "JSON-RPC clients send a batch instead.",
        parameters: [Parameter("calls", .list, summary: "The calls to run, at most 100.")],
        returns: .list, "a list with one entry per call.",
        access: .none
    ) { _ in
        throw MemsetFault.badParameters(
            "system.multicall is available on /v1/xmlrpc only; use a JSON-RPC batch instead")
    }

    private static let methodNameParameter = Parameter(
        "method_name", .string, summary: "The name of a method, such as 'service.list'.",
        maxLength: 100)

    static let listMethods = MethodDeclaration(
        "system.listMethods",
        summary: "Lists the names of every method this server answers.",
        returns: .list, "a list of method names, sorted.",
        access: .none
    ) { context in
        .list(context.registry.names.map(Value.string))
    }

    static let methodHelp = MethodDeclaration(
        "system.methodHelp",
        summary: "Describes a method: what it does, its parameters and what it returns.",
        parameters: [methodNameParameter],
        returns: .string, "the help text.",
        access: .none
    ) { context in
        .string(try declaration(context).helpText)
    }

    static let methodSignature = MethodDeclaration(
        "system.methodSignature",
        summary: "Lists a method's signatures as XML-RPC type names: the return type, then "
            + "the parameter type. Parameters are passed by name, in one struct.",
        parameters: [methodNameParameter],
        returns: .list, "a list of signatures, each a list of type names.",
        access: .none
    ) { context in
        let method = try declaration(context)
        var signature: [Value] = [.string(method.returnType.xmlRPCName)]
        if !method.parameters.isEmpty {
            signature.append("struct")
        }
        return .list([.list(signature)])
    }

    private static func declaration(_ context: CallContext) throws -> MethodDeclaration {
        let name = try context.arguments.string("method_name")
        guard let method = context.registry[name] else {
            throw MemsetFault(.methodNotFound, "Method '\(name)' not found")
        }
        return method
    }
}
