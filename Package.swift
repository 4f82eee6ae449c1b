// swift-tools-version:6.0
import PackageDescription

// Layers, from the bottom up: the C libraries, then Transport (sockets, TLS, HTTP/1.1) and
// Wire (JSON, JSON-RPC and XML-RPC codecs), then Store (SQLite) and Simulation (clock,
// jobs). API (registry, authentication, dispatch) and Methods (one file per method family)
// sit above them, and the `memset-mock` executable joins them all. Transport contains
// nothing about Memset, and API nothing about sockets.
let package = Package(
    name: "memset-mock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "memset-mock", targets: ["MemsetMock"])
    ],
    targets: [
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CExpat", pkgConfig: "expat",
                       providers: [.apt(["libexpat1-dev"])]),
        .target(name: "COpenSSLShims", dependencies: ["COpenSSL"]),
        .target(name: "CLinuxSystem"),

        .target(name: "Transport", dependencies: ["COpenSSL", "COpenSSLShims", "CLinuxSystem"]),
        .target(name: "Wire", dependencies: ["CExpat"]),
        .target(name: "Store", dependencies: ["CSQLite", "Wire"]),
        .target(name: "Simulation", dependencies: ["Store", "Wire"]),
        .target(name: "API", dependencies: ["Wire", "Store"]),
        .target(name: "Methods", dependencies: ["API", "Wire", "Store", "Simulation"]),
        .executableTarget(
            name: "MemsetMock",
            dependencies: ["Transport", "Wire", "API", "Store", "Simulation", "Methods"],
            // The default account is compiled into the binary, so it starts from anywhere.
            resources: [.embedInCode("Resources/default.json")]
        ),
        .target(name: "TestSupport", dependencies: ["API", "Store", "Simulation", "Methods"]),

        .testTarget(name: "TransportTests", dependencies: ["Transport", "COpenSSL"]),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Simulation", "TestSupport"]),
        .testTarget(name: "APITests", dependencies: ["API", "Wire", "TestSupport"]),
        .testTarget(name: "MethodsTests", dependencies: ["Methods", "API", "TestSupport"]),
        .testTarget(name: "MemsetMockTests", dependencies: ["MemsetMock"]),
    ]
)
