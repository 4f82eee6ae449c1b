import API
import Simulation
import Store

/// The simulation services that method handlers use beside their call's transaction.
public struct MethodEnvironment: Sendable {
    public let jobs: JobEngine
    public let ids: IDGenerator

    public init(jobs: JobEngine, ids: IDGenerator) {
        self.jobs = jobs
        self.ids = ids
    }
}

/// Every method family this server implements.
public enum MethodCatalog {
    /// Returns the declarations of every implemented method. The dispatcher adds `system.*`.
    public static func declarations(_ environment: MethodEnvironment) -> [MethodDeclaration] {
        InternalMethods.declarations
            + DNSMethods.declarations(environment)
            + APIKeyMethods.declarations(environment)
            + BandwidthMethods.declarations
            + JobMethods.declarations
            + MemstoreMethods.declarations
            + ServerMethods.declarations(environment)
            + ServiceMethods.declarations(environment)
    }

    public static func registry(_ environment: MethodEnvironment) -> MethodRegistry {
        MethodRegistry(declarations(environment))
    }
}
