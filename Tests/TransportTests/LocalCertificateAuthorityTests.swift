import Glibc
import Testing
@testable import Transport

@Suite struct LocalCertificateAuthorityTests {
    @Test func prepareCreatesFilesWithPrivateKeys() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.file("certs")).prepare()
        #expect(files.certificateAuthorityPath == directory.file("certs/ca.pem"))
        #expect(fileMode(files.serverPrivateKeyPath) == 0o600)
        #expect(fileMode(directory.file("certs/ca-key.pem")) == 0o600)
        #expect(fileMode(files.serverCertificatePath) == 0o644)
        #expect(fileMode(directory.file("certs")) == 0o700)
    }

    @Test func missingParentFoldersAreCreated() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.file("a/b/tls")).prepare()
        #expect(files.serverCertificatePath == directory.file("a/b/tls/server.pem"))
        #expect(fileMode(directory.file("a/b")) == 0o700)
    }

    @Test func fileInPlaceOfFolderIsNamed() throws {
        let directory = TemporaryDirectory()
        #expect(runShell("touch '\(directory.file("plain"))'") == 0)
        do {
            _ = try LocalCertificateAuthority(directory: directory.file("plain/tls")).prepare()
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("is not a directory"))
        }
    }

    @Test func chainPassesOpenSSLVerify() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        let status = runShell("openssl verify -x509_strict -purpose sslserver -CAfile "
                              + "'\(files.certificateAuthorityPath)' "
                              + "'\(files.serverCertificatePath)' > /dev/null 2>&1")
        #expect(status == 0)
    }

    @Test func serverCertificateNamesLoopbackAndAPIHost() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        for name in ["localhost", "api.memset.com"] {
            #expect(runShell("openssl x509 -noout -checkhost \(name) -in "
                             + "'\(files.serverCertificatePath)' | grep -q 'does match'") == 0)
        }
        for address in ["127.0.0.1", "::1"] {
            #expect(runShell("openssl x509 -noout -checkip \(address) -in "
                             + "'\(files.serverCertificatePath)' | grep -q 'does match'") == 0)
        }
    }

    @Test func secondPrepareReusesFiles() throws {
        let directory = TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: directory.path)
        let first = try authority.prepare()
        let before = try contents(of: first.serverCertificatePath)
        let caBefore = try contents(of: first.certificateAuthorityPath)
        let second = try authority.prepare()
        #expect(try contents(of: second.serverCertificatePath) == before)
        #expect(try contents(of: second.certificateAuthorityPath) == caBefore)
    }

    @Test func missingServerCertificateIsReissuedBySameAuthority() throws {
        let directory = TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: directory.path)
        let first = try authority.prepare()
        let caBefore = try contents(of: first.certificateAuthorityPath)
        unlink(first.serverCertificatePath)
        let second = try authority.prepare()
        #expect(try contents(of: second.certificateAuthorityPath) == caBefore)
        #expect(runShell("openssl verify -CAfile '\(second.certificateAuthorityPath)' "
                         + "'\(second.serverCertificatePath)' > /dev/null 2>&1") == 0)
    }

    @Test func expiredServerCertificateIsReissued() throws {
        let directory = TemporaryDirectory()
        let authority = LocalCertificateAuthority(directory: directory.path)
        let files = try authority.prepare()
        // A self-signed certificate for the same key that expired yesterday.
        let status = runShell("openssl x509 -new -key '\(files.serverPrivateKeyPath)' "
                              + "-subj /CN=old -days -1 -out '\(files.serverCertificatePath)'")
        try #require(status == 0)
        _ = try authority.prepare()
        #expect(runShell("openssl verify -CAfile '\(files.certificateAuthorityPath)' "
                         + "'\(files.serverCertificatePath)' > /dev/null 2>&1") == 0)
    }

    @Test func certificateFromAnotherAuthorityIsReissued() throws {
        let directory = TemporaryDirectory()
        let other = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        let foreign = try LocalCertificateAuthority(directory: other.path).prepare()
        #expect(runShell("cp '\(foreign.serverCertificatePath)' '\(files.serverCertificatePath)'")
                == 0)
        _ = try LocalCertificateAuthority(directory: directory.path).prepare()
        #expect(runShell("openssl verify -CAfile '\(files.certificateAuthorityPath)' "
                         + "'\(files.serverCertificatePath)' > /dev/null 2>&1") == 0)
    }

    @Test func serverCertificateIsValidForAboutTwoYears() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        let server = try X509Certificate(contentsOf: files.serverCertificatePath)
        let authority = try X509Certificate(contentsOf: files.certificateAuthorityPath)
        #expect(!server.expires(withinDays: 720))
        #expect(server.expires(withinDays: 740))
        #expect(!authority.expires(withinDays: 3640))
        #expect(authority.expires(withinDays: 3660))
    }

    @Test func unreadableCertificateGivesClearError() throws {
        let configuration = TLSConfiguration(certificateChainPath: "/nonexistent/server.pem",
                                             privateKeyPath: "/nonexistent/server-key.pem")
        do {
            _ = try TLSContext(configuration: configuration)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("/nonexistent/server.pem"))
            #expect(error.description.contains("No such file"))
        }
    }

    @Test func invalidCertificateNamesFileAndReason() throws {
        let directory = TemporaryDirectory()
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        let bogus = directory.file("bogus.pem")
        #expect(runShell("echo not a certificate > '\(bogus)'") == 0)
        let configuration = TLSConfiguration(certificateChainPath: bogus,
                                             privateKeyPath: files.serverPrivateKeyPath)
        do {
            _ = try TLSContext(configuration: configuration)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(bogus))
            #expect(!error.openSSLReasons.isEmpty)
        }
    }

    @Test func mismatchedKeyIsRejected() throws {
        let first = TemporaryDirectory()
        let second = TemporaryDirectory()
        let one = try LocalCertificateAuthority(directory: first.path).prepare()
        let other = try LocalCertificateAuthority(directory: second.path).prepare()
        let configuration = TLSConfiguration(certificateChainPath: one.serverCertificatePath,
                                             privateKeyPath: other.serverPrivateKeyPath)
        #expect(throws: TLSError.self) { try TLSContext(configuration: configuration) }
    }

    private func contents(of path: String) throws -> [UInt8] {
        try readBytes(path)
    }
}
