import Dispatch
import Glibc
import Synchronization
import Testing
@testable import Transport

@Suite struct LocalCertificateAuthorityFolderTests {
    /// What one of several concurrent `prepare()` calls saw once it returned.
    private struct Outcome: Sendable {
        var authority = ""
        var failure: String?
    }

    @Test func concurrentPreparesAgreeOnOneAuthority() throws {
        let directory = TemporaryDirectory()
        let folder = directory.file("tls")
        let outcomes = Mutex<[Outcome]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            var outcome = Outcome()
            do {
                let files = try LocalCertificateAuthority(directory: folder).prepare()
                // What a server does next: load the pair, and publish the CA it names.
                _ = try TLSContext(configuration: files.tlsConfiguration)
                outcome.authority = try readText(files.certificateAuthorityPath)
            } catch {
                outcome.failure = "\(error)"
            }
            outcomes.withLock { $0.append(outcome) }
        }

        let finalAuthority = try readText(directory.file("tls/ca.pem"))
        for outcome in outcomes.withLock({ $0 }) {
            #expect(outcome.failure == nil)
            #expect(outcome.authority == finalAuthority)
        }
        #expect(runShell("openssl verify -CAfile '\(folder)/ca.pem' '\(folder)/server.pem' "
                         + "> /dev/null 2>&1") == 0)
        #expect(runShell("[ \"$(openssl x509 -noout -pubkey -in '\(folder)/ca.pem')\" = "
                         + "\"$(openssl pkey -pubout -in '\(folder)/ca-key.pem')\" ]") == 0)
        #expect(runShell("ls -A '\(folder)' | grep -v -q -x -e ca.pem -e ca-key.pem "
                         + "-e server.pem -e server-key.pem -e .lock") != 0,
                "temporary files left behind")
    }
}

/// Reads a whole text file.
func readText(_ path: String) throws -> String {
    guard let file = fopen(path, "rb") else {
        throw TestClient.Failure(description: "cannot open \(path): \(errno)")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}
