import Glibc
import Testing
@testable import Transport

/// The name constraints that limit what the local authority may vouch for.
@Suite struct LocalCertificateAuthorityConstraintTests {
    let directory = TemporaryDirectory()

    @Test func authorityPermitsOnlyLocalNames() throws {
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        let text = directory.file("ca.txt")
        try #require(runShell("openssl x509 -noout -text -in '\(files.certificateAuthorityPath)'"
                              + " > '\(text)'") == 0)
        let description = try readText(text)
        #expect(description.contains("X509v3 Name Constraints: critical"))
        for name in ["DNS:localhost", "DNS:api.memset.com", "IP:127.0.0.0/255.0.0.0",
                     "IP:0:0:0:0:0:0:0:1/FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF"] {
            #expect(description.contains(name), "missing permitted subtree \(name)")
        }
    }

    @Test func serverCertificatePassesStrictVerify() throws {
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        #expect(runShell("openssl verify -x509_strict -purpose sslserver -CAfile "
                         + "'\(files.certificateAuthorityPath)' "
                         + "'\(files.serverCertificatePath)' > /dev/null 2>&1") == 0)
    }

    @Test func certificateForOtherNameFailsVerify() throws {
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        let foreign = directory.file("foreign.pem")
        let extensions = directory.file("foreign.ext")
        try #require(runShell("echo 'subjectAltName=DNS:example.com' > '\(extensions)'") == 0)
        try #require(runShell(
            "openssl req -new -key '\(files.serverPrivateKeyPath)' -subj /CN=example.com "
                + "2>/dev/null | openssl x509 -req -days 1 -CA '\(files.certificateAuthorityPath)' "
                + "-CAkey '\(directory.file("ca-key.pem"))' -extfile '\(extensions)' "
                + "-out '\(foreign)' 2>/dev/null") == 0)
        let output = directory.file("verify.txt")
        let status = runShell("openssl verify -CAfile '\(files.certificateAuthorityPath)' "
                              + "'\(foreign)' > '\(output)' 2>&1")
        #expect(status != 0)
        #expect(try readText(output).contains("permitted subtree violation"))
    }

    @Test func authorityWithoutConstraintsIsReplaced() throws {
        let authority = directory.file("ca.pem")
        let authorityKey = directory.file("ca-key.pem")
        try #require(runShell(
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                + "-keyout '\(authorityKey)' -out '\(authority)' -subj /CN=old -days 30 "
                + "-addext basicConstraints=critical,CA:TRUE 2>/dev/null") == 0)
        let before = try readText(authority)

        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        #expect(try readText(authority) != before)
        #expect(try X509Certificate(contentsOf: authority).hasNameConstraints)
        #expect(runShell("openssl verify -x509_strict -CAfile '\(authority)' "
                         + "'\(files.serverCertificatePath)' > /dev/null 2>&1") == 0)
    }

    @Test func authorityWithMismatchedKeyIsReplaced() throws {
        let files = try LocalCertificateAuthority(directory: directory.path).prepare()
        let other = TemporaryDirectory()
        _ = try LocalCertificateAuthority(directory: other.path).prepare()
        try #require(runShell("cp '\(other.file("ca-key.pem"))' '\(directory.file("ca-key.pem"))'")
                     == 0)

        _ = try LocalCertificateAuthority(directory: directory.path).prepare()
        let authority = try X509Certificate(contentsOf: files.certificateAuthorityPath)
        #expect(authority.matches(try PrivateKey(contentsOf: directory.file("ca-key.pem"))))
        #expect(runShell("openssl verify -CAfile '\(files.certificateAuthorityPath)' "
                         + "'\(files.serverCertificatePath)' > /dev/null 2>&1") == 0)
    }
}
