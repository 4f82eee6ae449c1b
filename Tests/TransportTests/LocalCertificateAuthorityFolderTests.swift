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

    @Test func newFolderIsPrivate() throws {
        let directory = TemporaryDirectory()
        _ = try LocalCertificateAuthority(directory: directory.file("tls")).prepare()
        #expect(fileMode(directory.file("tls")) == 0o700)
    }

    @Test func folderWritableByOthersIsRejected() throws {
        let directory = TemporaryDirectory()
        let folder = directory.file("tls")
        _ = try LocalCertificateAuthority(directory: folder).prepare()
        try #require(chmod(folder, 0o777) == 0)
        let error = try #require(throws: TLSError.self) {
            try LocalCertificateAuthority(directory: folder).prepare()
        }
        #expect(error.description.contains("group or others may write it (mode 777)"))
        #expect(error.description.contains("chmod 700 '\(folder)'"))
    }

    @Test func fileWritableByGroupIsRejected() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        try #require(chmod(files.serverCertificatePath, 0o664) == 0)
        let error = try #require(throws: TLSError.self) {
            try LocalCertificateAuthority(directory: directory.path).prepare()
        }
        #expect(error.description.contains(files.serverCertificatePath))
        #expect(error.description.contains("chmod go-w"))
    }

    @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
    func folderOfAnotherUserIsRejected() throws {
        let directory = TemporaryDirectory()
        let folder = directory.file("tls")
        _ = try LocalCertificateAuthority(directory: folder).prepare()
        try #require(chown(folder, 65534, 65534) == 0)
        let error = try #require(throws: TLSError.self) {
            try LocalCertificateAuthority(directory: folder).prepare()
        }
        #expect(error.description.contains("belongs to user ID 65534"))
        #expect(error.description.contains("rm -r '\(folder)'"))
    }

    @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
    func keyOfAnotherUserIsRejected() throws {
        let directory = TemporaryDirectory()
        _ = try LocalCertificateAuthority(directory: directory.path).prepare()
        try #require(chown(directory.file("ca-key.pem"), 65534, 65534) == 0)
        let error = try #require(throws: TLSError.self) {
            try LocalCertificateAuthority(directory: directory.path).prepare()
        }
        #expect(error.description.contains("\(directory.file("ca-key.pem")): it belongs to"))
    }

    @Test func symbolicLinkInPlaceOfKeyIsRejected() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        unlink(files.serverPrivateKeyPath)
        try #require(symlink("/etc/hostname", files.serverPrivateKeyPath) == 0)
        let error = try #require(throws: TLSError.self) {
            try LocalCertificateAuthority(directory: directory.path).prepare()
        }
        #expect(error.description.contains("not a regular file"))
    }
}

/// Reads a whole text file.
func readText(_ path: String) throws -> String {
    String(decoding: try readBytes(path), as: UTF8.self)
}

/// Reads a whole file.
func readBytes(_ path: String) throws -> [UInt8] {
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
    return bytes
}
