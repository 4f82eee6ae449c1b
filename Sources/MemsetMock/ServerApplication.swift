import API
import Dispatch
import Glibc
import Methods
import Simulation
import Store
import Transport

/// Opens the store, seeds it, prepares TLS, starts the server, prints the start-up banner
/// and runs until SIGINT or SIGTERM.
struct ServerApplication {
    static let databaseFileName = "memset.sqlite3"
    static let certificateFolderName = "tls"

    let options: CommandLineOptions
    let log: Log

    func run() throws {
        // Watching starts before anything else, so a SIGTERM sent as soon as the listening
        // line appears still stops the server gracefully.
        let signals = SignalWatcher()
        let store = try openStore()
        let seeded = try seed(store)
        let run = try store.write { try $0.recordServerStart() }
        let ids = options.seed.map { IDGenerator(seed: $0, run: UInt64(run)) } ?? IDGenerator()
        let clock = SystemClock()
        let jobs = JobEngine(ids: ids, speed: options.jobSpeed, cachesDeadline: true)
        try jobs.rescheduleUnfinishedJobs(store: store)
        let environment = MethodEnvironment(jobs: jobs, ids: ids)
        let log = self.log
        let dispatcher = Dispatcher(
            registry: MethodCatalog.registry(environment), store: store,
            now: { clock.now() },
            beforeCall: { time in try jobs.advanceIfDue(store: store, now: time) },
            reportInternalError: { method, error in
                log.error("internal error", ["method": method, "error": "\(error)"])
            })

        let tls = try prepareTLS()
        let configuration = ServerConfiguration(
            host: options.host, port: options.port, tls: tls?.0,
            maxBodySize: options.maxBodySize,
            requestTimeout: .seconds(options.requestTimeout),
            idleTimeout: .seconds(options.idleTimeout),
            errorResponse: { status, message, target in
                let response = Dispatcher.protocolErrorResponse(status: status,
                                                                message: message,
                                                                target: target)
                return HTTPResponse(
                    status: response.status,
                    headers: HTTPHeaders([("Content-Type", response.contentType)]),
                    body: response.body)
            })
        let responder = APIResponder(dispatcher: dispatcher, log: log,
                                     logsRequests: !options.quiet)
        let server = HTTPServer(configuration: configuration, responder: responder,
                                log: TransportLog { level, message in
                                    switch level {
                                    case .debug: log.log(.debug, message)
                                    case .info: log.info(message)
                                    case .error: log.error(message)
                                    }
                                })
        let address = try server.start()
        let jobTimer = startJobTimer(jobs: jobs, store: store, clock: clock)

        printBanner(store: store, seeded: seeded, tls: tls, address: address)
        let signal = server.run(until: signals)
        jobTimer.cancel()
        log.info("stopped", ["signal": String(signal)])
    }

    // MARK: - Start-up steps

    private func openStore() throws -> Store {
        if options.inMemory {
            return try Store.inMemory()
        }
        _ = try DataFolderLock.acquire(folder: options.dataDirectory)
        let path = options.dataDirectory + "/" + ServerApplication.databaseFileName
        do {
            return try Store(path: path)
        } catch {
            throw StartupError("cannot open the database \(path): \(error)")
        }
    }

    /// Seeds a store that has no account yet, from `--fixture` or the built-in account.
    /// Returns a description of the source, or nil when the store already had data.
    private func seed(_ store: Store) throws -> String? {
        try store.write { transaction in
            guard try transaction.accounts().isEmpty else {
                if let path = options.fixturePath {
                    log.banner("Note: --fixture \(path) is ignored because the data folder "
                        + "already holds an account; remove the folder to seed it again")
                }
                return nil
            }
            if let path = options.fixturePath {
                _ = try FixtureLoader.load(file: path, into: transaction)
                return path
            }
            _ = try FixtureLoader.load(json: PackageResources.default_json,
                                       file: "built-in default.json", into: transaction)
            return "the built-in default account"
        }
    }

    /// Returns the certificate to serve, and the local authority's file when it issued it.
    private func prepareTLS() throws -> (TLSConfiguration, authorityPath: String?)? {
        if options.plainHTTP {
            return nil
        }
        if let certificate = options.certificatePath, let key = options.keyPath {
            return (TLSConfiguration(certificateChainPath: certificate, privateKeyPath: key),
                    nil)
        }
        let folder = options.inMemory
            ? temporaryCertificateFolder()
            : options.dataDirectory + "/" + ServerApplication.certificateFolderName
        let files = try LocalCertificateAuthority(directory: folder).prepare()
        return (files.tlsConfiguration, files.certificateAuthorityPath)
    }

    /// With `--in-memory` nothing is kept in the data folder, so the local authority lives
    /// in a folder under $TMPDIR that later in-memory runs share.
    private func temporaryCertificateFolder() -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return base + "/memset-mock-\(getuid())/tls"
    }

    /// Advances due jobs twice a second, so their effects land even when no client polls.
    private func startJobTimer(jobs: JobEngine, store: Store,
                               clock: SystemClock) -> any DispatchSourceTimer {
        let log = self.log
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "memset-mock.jobs"))
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        timer.setEventHandler {
            do {
                let changed = try jobs.advanceIfDue(store: store, now: clock.now())
                if changed > 0 {
                    log.log(.debug, "jobs advanced", ["count": String(changed)])
                }
            } catch {
                log.error("advancing jobs failed", ["error": "\(error)"])
            }
        }
        timer.resume()
        return timer
    }

    private func printBanner(store: Store, seeded: String?,
                             tls: (TLSConfiguration, authorityPath: String?)?,
                             address: BoundAddress) {
        let storage = options.inMemory
            ? "in memory (nothing is saved)"
            : store.path ?? options.dataDirectory
        log.banner("memset-mock serving Memset API \(InternalMethods.release)")
        log.banner("Data: \(storage)" + (seeded.map { ", seeded from \($0)" } ?? ""))
        if let authorityPath = tls?.authorityPath {
            log.banner("CA certificate: \(authorityPath)")
        }
        if let key = try? developmentKey(store) {
            log.banner("Development API key: \(key)")
        }
        let scheme = tls == nil ? "http" : "https"
        log.banner("memset-mock listening on \(scheme)://\(address)/")
    }

    /// Returns the first enabled key without scopes of the first account, which the banner
    /// prints for trying the API.
    private func developmentKey(_ store: Store) throws -> String? {
        try store.read { transaction in
            guard let account = try transaction.accounts().first else { return nil }
            return try transaction.apiKeys(account: account.id)
                .first { $0.enabled && $0.scopes.isEmpty }?.key
        }
    }
}
