import Glibc

let log = Log()
do {
    let options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.showHelp {
        print(CommandLineOptions.usage)
        exit(0)
    }
    try ServerApplication(options: options, log: log).run()
    log.flush()
    exit(0)
} catch let error as CommandLineOptions.ParseError {
    log.plainError("memset-mock: \(error.description)")
    log.plainError("Run 'memset-mock --help' for the options.")
    exit(2)
} catch {
    log.flush()
    log.plainError("memset-mock: cannot start: \(error)")
    exit(1)
}
