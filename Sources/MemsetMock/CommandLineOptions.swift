import Simulation

/// The server's settings, read from the command line.
struct CommandLineOptions {
    var host = "127.0.0.1"
    var port = 8443
    var dataDirectory = "memset-data"
    var inMemory = false
    /// A fixture file to seed a new store with; nil means the built-in default account.
    var fixturePath: String?
    var seed: UInt64?
    var jobSpeed = JobSpeed.realTime
    var certificatePath: String?
    var keyPath: String?
    var plainHTTP = false
    var maxBodySize = 4 * 1024 * 1024
    /// Seconds a client may take to send a whole request before it gets 408.
    var requestTimeout = 30
    /// Seconds an idle keep-alive connection stays open.
    var idleTimeout = 60
    var quiet = false
    var showHelp = false

    static let usage = """
        USAGE: memset-mock [options]

        A stateful test double of the Memset API, serving /v1/json, /v1/jsonrpc and
        /v1/xmlrpc over HTTPS from a simulated account kept in SQLite.

        OPTIONS:
          --host <address>        Address to listen on (default: 127.0.0.1).
          --port <number>         TCP port to listen on; 0 picks a free port (default: 8443).
          --data-dir <folder>     Folder for the database and the local certificate
                                  authority, created on first start (default: memset-data).
          --in-memory             Keep the account in memory only; nothing is saved.
          --fixture <file>        JSON account fixture to seed a new store with (default:
                                  the built-in account, as in fixtures/default.json).
          --seed <number>         Make generated IDs and random choices reproducible.
          --job-speed <factor>    How fast jobs run: 1 is real time (default), 10 is ten
                                  times faster (0.001 to 1000000). With 'instant' a job
                                  takes no time: the call that starts it still returns
                                  it unfinished, and the next job.status shows it done.
          --cert <file>           PEM certificate chain to serve instead of the local CA's.
          --key <file>            PEM private key for --cert.
          --plain-http            Serve plain HTTP without TLS.
          --max-body-size <bytes> Largest request body accepted (default: 4194304).
          --request-timeout <s>   Seconds a client may take to send a whole request
                                  before it gets 408 Request Timeout (default: 30).
          --idle-timeout <s>      Seconds an idle keep-alive connection stays open
                                  (default: 60).
          --quiet                 Don't log one line per request.
          -h, --help              Show this help.
        """

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses the arguments after the program name. Options take their value as the next
    /// argument or after "=", as in `--port=8443`.
    static func parse(_ arguments: [String]) throws -> CommandLineOptions {
        var options = CommandLineOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else {
                    throw ParseError(description: "Missing value for \(name)")
                }
                return next
            }

            switch name {
            case "--host": options.host = try value()
            case "--port": options.port = try integer(try value(), for: name, in: 0...65_535)
            case "--data-dir": options.dataDirectory = try value()
            case "--in-memory": options.inMemory = true
            case "--fixture": options.fixturePath = try value()
            case "--seed":
                let text = try value()
                guard let seed = UInt64(text) else {
                    throw ParseError(description: "Invalid value for --seed: '\(text)' "
                        + "(expected a whole number from 0 to \(UInt64.max))")
                }
                options.seed = seed
            case "--job-speed": options.jobSpeed = try jobSpeed(try value())
            case "--cert": options.certificatePath = try value()
            case "--key": options.keyPath = try value()
            case "--plain-http": options.plainHTTP = true
            case "--max-body-size":
                options.maxBodySize = try integer(try value(), for: name, in: 1...(1 << 30))
            case "--request-timeout":
                options.requestTimeout = try integer(try value(), for: name, in: 1...3600)
            case "--idle-timeout":
                options.idleTimeout = try integer(try value(), for: name, in: 1...86_400)
            case "--quiet": options.quiet = true
            case "-h", "--help": options.showHelp = true
            default:
                throw ParseError(description: "Unknown option '\(argument)'")
            }
            if inlineValue != nil, ["--in-memory", "--plain-http", "--quiet", "--help"]
                .contains(name)
            {
                throw ParseError(description: "Option \(name) takes no value")
            }
        }

        if (options.certificatePath == nil) != (options.keyPath == nil) {
            throw ParseError(description: "--cert and --key must be given together")
        }
        if options.plainHTTP && options.certificatePath != nil {
            throw ParseError(description: "--plain-http cannot be combined with --cert")
        }
        return options
    }

    private static func integer(_ text: String, for name: String,
                                in range: ClosedRange<Int>) throws -> Int {
        guard let number = Int(text), range.contains(number) else {
            throw ParseError(description: "Invalid value for \(name): '\(text)' (expected "
                + "a whole number from \(range.lowerBound) to \(range.upperBound))")
        }
        return number
    }

    private static func jobSpeed(_ text: String) throws -> JobSpeed {
        guard let speed = JobSpeed(argument: text) else {
            throw ParseError(description: "Invalid value for --job-speed: '\(text)' "
                + "(expected a number from 0.001 to 1000000 such as 1 or 10, or 'instant')")
        }
        return speed
    }
}
