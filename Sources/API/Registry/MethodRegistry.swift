/// The set of methods the server implements, keyed by their API names.
public struct MethodRegistry: Sendable {
    public private(set) var methods: [String: MethodDeclaration] = [:]

    public init(_ declarations: [MethodDeclaration] = []) {
        for declaration in declarations {
            register(declaration)
        }
    }

    /// Adds a method. Declaring one name twice is a programming error.
    public mutating func register(_ declaration: MethodDeclaration) {
        precondition(methods[declaration.name] == nil,
                     "method \(declaration.name) is declared twice")
        methods[declaration.name] = declaration
    }

    public mutating func register(_ declarations: [MethodDeclaration]) {
        for declaration in declarations {
            register(declaration)
        }
    }

    public subscript(name: String) -> MethodDeclaration? {
        methods[name]
    }

    /// Every registered method name, sorted.
    public var names: [String] {
        methods.keys.sorted()
    }
}
