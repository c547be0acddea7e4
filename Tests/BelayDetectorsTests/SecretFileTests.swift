import BelayCore
import BelayDetectors
import XCTest

/// `secret-file`: credential files by name and content, only when the change makes them so.
final class SecretFileTests: XCTestCase {
    private func findings(_ files: [(String, String?, String)], context: RuleContext = RuleContext()) -> [Diagnostic] {
        SecretFileDetector().findings(
            in: files.map { FileChangeInput(path: $0.0, old: $0.1.map { Array($0.utf8) }, new: Array($0.2.utf8)) },
            context: context)
    }

    private func added(_ path: String, _ text: String) -> [Diagnostic] { findings([(path, nil, text)]) }

    func testDocumentedExamples() {
        for example in SecretFileDetector.description.triggering {
            let marked = MarkedText(example.code)
            let found = findings([(example.fileName, nil, String(decoding: marked.bytes, as: UTF8.self))])
            XCTAssertEqual(found.compactMap { $0.location?.start }, marked.markers, example.code)
        }
        for example in SecretFileDetector.description.nonTriggering {
            XCTAssertEqual(added(example.fileName, example.code).map(\.message), [], example.fileName)
        }
    }

    func testEnvironmentFiles() {
        let env = "DEBUG=1\nexport STRIPE_SECRET=\"q8Zt3LkP0vWx9RmN2bYc\"\n"
        XCTAssertEqual(added(".env", env).map(\.message), ["environment file .env holds STRIPE_SECRET"])
        XCTAssertEqual(added("deploy/.env.production", env).count, 1)
        for name in [".env.example", ".env.sample", ".env.template", ".env.local.example", "env.py"] {
            XCTAssertEqual(added(name, env).count, 0, name)
        }
        let references =
            "API_KEY=${API_KEY}\nTOKEN=<token>\nPASSWORD=changeme\nAUTH_URL=https://auth.acme.io/cb\n"
            + "NEXT_PUBLIC_API_KEY=pk_3f9a8b7c6d5e4f3a\nTOKEN_TTL=3600\nKEY_FILE=/etc/keys/app.pem\n"
        XCTAssertEqual(added(".env", references).map(\.message), [])
        // Already a credential file before the change: not new. Newly one: new.
        XCTAssertEqual(findings([(".env", env, env + "PORT=1\n")]).count, 0)
        XCTAssertEqual(findings([(".env", "DEBUG=1\n", env)]).count, 1)
    }

    func testPrivateKeysButNotCertificatesOrPublicKeys() throws {
        let key = SecretSamples.token(for: "private-key") + "\n"
        let found = added("deploy/id_rsa", key)
        XCTAssertEqual(found.map(\.message), ["private key file id_rsa"])
        XCTAssertEqual(found.first?.location?.start, 0)
        XCTAssertEqual(added("certs/server.pem", key).count, 1)
        XCTAssertEqual(added("certs/server.key", key).count, 1)
        XCTAssertEqual(added("id_rsa.pub", key).count, 0)
        XCTAssertEqual(
            added("certs/server.pem", "-----BEGIN CERTIFICATE-----\n" + String(repeating: "QUJD", count: 30) + "\n")
                .count, 0)
        // The key is reported once, by this rule, not again by secret-token.
        let token = SecretTokenDetector().findings(in: SourceFile(path: "deploy/id_rsa", bytes: Array(key.utf8)))
        XCTAssertEqual(token.count, 0)
        XCTAssertEqual(SecretTokenDetector().findings(in: SourceFile(path: "a.txt", bytes: Array(key.utf8))).count, 1)
    }

    func testTestAndExampleKeysAreWarnings() {
        let key = SecretSamples.token(for: "private-key") + "\n"
        for path in [
            "tests/certs/server.key", "examples/tls/self_signed_certs/key.pem", "retrofit/android-test/a.p12",
            "Tests/VaporTests/Utilities/expired.key",
        ] {
            XCTAssertEqual(added(path, key).map(\.severity), [.warning], path)
        }
        XCTAssertEqual(added("android/debug.keystore", "x").map(\.severity), [.warning])
        XCTAssertEqual(added("deploy/server.key", key).map(\.severity), [.error])
        let inline = SourceFile(path: "testdata/signing.txt", bytes: Array(key.utf8))
        XCTAssertEqual(SecretTokenDetector().findings(in: inline).map(\.severity), [.warning])
        // Provider tokens stay errors in tests: a live key in a test is still live.
        let token = SourceFile(
            path: "tests/test_api.py", bytes: Array("k = \"\(SecretSamples.token(for: "npm-token"))\"\n".utf8))
        XCTAssertEqual(SecretTokenDetector().findings(in: token).map(\.severity), [.error])
    }

    func testServiceAccountsRegistriesAndKeyStores() {
        let body = SecretSamples.token(for: "private-key").replacingOccurrences(of: "\n", with: "\\n")
        let account = "{\n  \"type\": \"service_account\",\n  \"private_key\": \"\(body)\\n\"\n}\n"
        XCTAssertEqual(added("gcp/key.json", account).map(\.message), ["Google Cloud service-account key key.json"])
        XCTAssertEqual(added("gcp/key.json", "{\"type\": \"service_account\", \"project_id\": \"p\"}\n").count, 0)
        XCTAssertEqual(added(".npmrc", "//r.example.org/:_authToken=3c1f9a7e-2b4d-4e8f-a6c5-9d0b1e2f3a4c\n").count, 1)
        XCTAssertEqual(added(".npmrc", "registry=https://registry.npmjs.org/\n").count, 0)
        XCTAssertEqual(added(".pypirc", "[pypi]\nusername = __token__\npassword = Vq7xL2mZ9pR4tY8w\n").count, 1)
        XCTAssertEqual(added(".pypirc", "[pypi]\nusername = __token__\npassword = %(PYPI_TOKEN)s\n").count, 0)
        let store = findings([("android/release.keystore", nil, "\u{0}\u{1}binary")])
        XCTAssertEqual(store.map(\.message), ["key store release.keystore (private keys and certificates)"])
        XCTAssertEqual(added("certs/client.p12", "x").count, 1)
        XCTAssertEqual(
            added(".git-credentials", "https://bot:Qz7Lp2Vx9Kc4Rm8T@github.com\n").map(\.message),
            [".git-credentials holds a password"])
        XCTAssertEqual(added(".git-credentials", "https://bot:${TOKEN}@github.com\n").count, 0)
        XCTAssertEqual(added(".netrc", "machine api.acme.io login bot password Qz7Lp2Vx9Kc4Rm8T\n").count, 1)
        XCTAssertEqual(added(".netrc", "machine api.acme.io login bot password changeme\n").count, 0)
        XCTAssertEqual(
            added("keys/deploy.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAA\n").count, 1)
        XCTAssertEqual(added("vault/passwords.kdbx", "\u{3}\u{d9}").count, 1)
    }

    func testExcludedPaths() {
        let context = RuleContext(secrets: SecretSettings(exclude: ["testdata/**"]))
        XCTAssertEqual(findings([("testdata/.env", nil, "API_TOKEN=Zq8Lk3Pv0Wx9Rm2b\n")], context: context).count, 0)
        XCTAssertEqual(findings([("app/.env", nil, "API_TOKEN=Zq8Lk3Pv0Wx9Rm2b\n")], context: context).count, 1)
    }

    func testBinaryKeyStoresReachTheRuleThroughTheEngine() {
        let change = FileChangeInput(path: "release.jks", old: nil, new: [0, 1, 2, 3])
        XCTAssertEqual(DetectorEngine().run(changes: [change], mode: .changed).map(\.rule), ["secret-file"])
    }
}
