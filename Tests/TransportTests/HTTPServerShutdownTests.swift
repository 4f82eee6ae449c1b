import Dispatch
import Glibc
import Synchronization
import Testing
@testable import Transport

@Suite struct HTTPServerShutdownTests {
    @Test func shutdownFinishesResponseInFlight() throws {
        let server = HTTPServer(configuration: testConfiguration(),
                                responder: DelayedResponder(delayMilliseconds: 300))
        let port = try server.start().port
        let idle = try TestClient(port: port)
        let client = try TestClient(port: port)
        try client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)

        let started = monotonicNanoseconds()
        server.shutdown()
        let elapsed = monotonicNanoseconds() - started

        let response = try client.readResponse()
        #expect(response.text == "slow /slow")
        #expect(response.header("Connection") == "close")
        #expect(try client.isClosedByServer())
        #expect(try idle.isClosedByServer())
        #expect(elapsed < 1_500_000_000, "shutdown took \(elapsed) ns")
        #expect(throws: (any Error).self) { try TestClient(port: port) }
    }

    @Test func shutdownGivesUpAfterGracePeriod() throws {
        var configuration = testConfiguration()
        configuration.shutdownGracePeriod = .milliseconds(200)
        let server = HTTPServer(configuration: configuration,
                                responder: DelayedResponder(delayMilliseconds: 5000))
        let port = try server.start().port
        let client = try TestClient(port: port)
        try client.send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n")
        usleep(50_000)

        let started = monotonicNanoseconds()
        server.shutdown()
        #expect(monotonicNanoseconds() - started < 1_000_000_000)
        #expect(try client.isClosedByServer())
    }

    @Test(arguments: [
        "GET /partial HTTP/1.1\r\nHost: x\r\n",
        "POST /partial HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc",
        "PUT /partial HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n"
            + "Expect: 100-continue\r\n\r\n",
    ])
    func shutdownClosesPartialRequestAtOnce(request: String) throws {
        var configuration = testConfiguration()
        configuration.requestTimeout = .seconds(5)
        configuration.shutdownGracePeriod = .seconds(3)
        let server = HTTPServer(configuration: configuration, responder: EchoResponder())
        let port = try server.start().port
        let client = try TestClient(port: port)
        try client.send(request)
        usleep(50_000)

        let started = monotonicNanoseconds()
        server.shutdown()
        let elapsed = monotonicNanoseconds() - started
        #expect(elapsed < 1_000_000_000, "shutdown took \(elapsed) ns")
        if request.contains("Expect") {
            #expect(try client.readResponse().status == 100)
        }
        #expect(try client.isClosedByServer())
    }

    @Test func signalTriggersGracefulShutdown() throws {
        // Ignored until runUntilSignalled watches it, so an early signal cannot kill the
        // test process; the loop below repeats the signal until it is seen.
        signal(SIGUSR2, SIG_IGN)
        let server = HTTPServer(configuration: testConfiguration(), responder: EchoResponder())
        let port = try server.start().port
        let received = Atomic<Int32>(0)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            received.store(server.runUntilSignalled([SIGUSR2]), ordering: .releasing)
            finished.signal()
        }
        let client = try TestClient(port: port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)

        var stopped = false
        for _ in 0..<50 where !stopped {
            kill(getpid(), SIGUSR2)
            stopped = finished.wait(timeout: .now() + .milliseconds(100)) == .success
        }
        #expect(stopped)
        #expect(received.load(ordering: .acquiring) == SIGUSR2)
        #expect(try client.isClosedByServer())
    }
}
