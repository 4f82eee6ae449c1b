import Testing

@testable import MemsetMock

@Suite struct LogTextTests {
    @Test func lineBreaksAreEscaped() {
        let text = LogText.sanitized("x\nFORGED line\r\n")
        #expect(!text.contains("\n"))
        #expect(!text.contains("\r"))
        #expect(text == #"x\nFORGED line\r\n"#)
    }

    @Test func quotesAndBackslashesAreEscaped() {
        #expect(LogText.sanitized(#"a"b\c"#) == #"a\"b\\c"#)
    }

    @Test func apiKeyInPathIsShortened() {
        let path = "/v1/json/apikey.info/0123456789abcdef0123456789abcdef/"
        #expect(LogText.sanitized(path) == "/v1/json/apikey.info/...cdef/")
    }

    @Test func shortHexRunsAreKept() {
        #expect(LogText.sanitized("/v1/json/job.status/abc123") == "/v1/json/job.status/abc123")
    }

    @Test func longTextIsCut() {
        let text = LogText.sanitized(String(repeating: "x", count: 500), maxLength: 10)
        #expect(text == "xxxxxxxxxx...")
    }

    @Test func controlCharactersAreShownAsCodes() {
        #expect(LogText.sanitized("a\u{1B}b") == #"a\u{1b}b"#)
    }
}

@Suite struct CommandLineOptionsTests {
    @Test func defaultsMatchHelp() throws {
        let options = try CommandLineOptions.parse([])
        #expect(options.host == "127.0.0.1")
        #expect(options.port == 8443)
        #expect(options.dataDirectory == "memset-data")
        #expect(options.requestTimeout == 30)
    }

    @Test func valuesAfterEqualsSignAreRead() throws {
        let options = try CommandLineOptions.parse(["--port=0", "--seed=7", "--job-speed=10"])
        #expect(options.port == 0)
        #expect(options.seed == 7)
        #expect(options.jobSpeed == .factor(10))
    }

    @Test func invalidValuesAreRejected() {
        for arguments in [["--port", "70000"], ["--port"], ["--seed", "-1"],
                          ["--job-speed", "0"], ["--cert", "a.pem"], ["--frobnicate"],
                          ["--in-memory=yes"], ["--plain-http", "--cert", "a", "--key", "b"]] {
            #expect(throws: CommandLineOptions.ParseError.self, "\(arguments)") {
                try CommandLineOptions.parse(arguments)
            }
        }
    }
}
