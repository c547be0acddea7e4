import BelayCore
import BelayDetectors
import XCTest

/// `secret-token` on every shape of `rules/secrets.json`, from generated tokens (nothing token-shaped is
/// committed): each is found in the usual contexts and reported redacted, and its look-alikes pass.
final class SecretTokenTests: XCTestCase {
    private func findings(
        _ text: String, path: String = "config.py", context: RuleContext = RuleContext()
    ) -> [Diagnostic] {
        SecretTokenDetector().findings(in: SourceFile(path: path, bytes: Array(text.utf8)), context: context)
    }

    /// The part of a sample that is secret material (what must never be printed).
    private func secretPart(_ token: String) -> String {
        if let at = token.range(of: "@"), token.contains("://") {  // a connection URL: its password
            let credentials = token[token.range(of: "://")!.upperBound..<at.lowerBound]
            return String(credentials.split(separator: ":").last!)
        }
        return String(token.suffix(max(12, token.count / 2)).dropLast(5))
    }

    func testTheTableHasAtLeastThirtyShapes() {
        XCTAssertGreaterThanOrEqual(SecretSamples.shapeIDs.count, 30)
        XCTAssertEqual(Set(SecretSamples.shapeIDs).count, SecretSamples.shapeIDs.count)
    }

    func testEveryShapeIsFoundInEveryContextAndShownRedacted() throws {
        for id in SecretSamples.shapeIDs {
            let token = SecretSamples.token(for: id)
            let contexts = [
                "KEY = \"\(token)\"\n", "export KEY=\(token)\n", "{\"key\": \"\(token)\"}\n",
                "  key: \(token)  # from the dashboard\n", "// é \(token)\n", "client(\(token), retries=2)\n",
            ]
            for text in contexts where !(id == "private-key" && text.hasPrefix("{")) {
                let found = findings(text)
                XCTAssertEqual(found.count, 1, "\(id) in \(text.debugDescription): \(found.map(\.message))")
                guard let finding = found.first else { continue }
                XCTAssertEqual(finding.rule, "secret-token")
                XCTAssertEqual(finding.severity, SecretSamples.severity(of: id), id)
                XCTAssertFalse(finding.message.contains(secretPart(token)), "\(id): \(finding.message)")
                XCTAssertFalse(finding.hint?.contains(secretPart(token)) ?? false, id)
                XCTAssertTrue(finding.message.contains("…"), finding.message)
            }
        }
    }

    func testWarningsAreTestKeysAndJWTs() {
        let warnings = SecretSamples.shapeIDs.filter { SecretSamples.severity(of: $0) == .warning }
        XCTAssertEqual(Set(warnings), ["stripe-test-key", "twilio-api-key", "jwt"])
    }

    func testFirebaseClientKeysAreWarnings() {
        let line = "\"current_key\": \"\(SecretSamples.token(for: "google-api-key"))\"\n"
        XCTAssertEqual(findings(line, path: "android/app/google-services.json").map(\.severity), [.warning])
        XCTAssertEqual(findings(line, path: "server/config.json").map(\.severity), [.error])
    }

    func testLookAlikesOfEverySegmentShapePass() {
        for id in SecretSamples.shapeIDs where !["private-key", "url-password"].contains(id) {
            let token = SecretSamples.token(for: id)
            if SecretSamples.endsInExactLength(id) {
                let longer = token + (token.last?.isNumber == true ? "7" : "a")
                XCTAssertEqual(findings("k = \"\(longer)\"\n").count, 0, "\(id): one character too long")
            }
            XCTAssertEqual(findings("k = \"x\(token)\"\n").count, 0, "\(id): no boundary before")
            let middle = token.index(token.startIndex, offsetBy: token.count / 2)
            let placeholder = token[..<middle] + "EXAMPLE" + token[token.index(middle, offsetBy: 7)...]
            XCTAssertEqual(findings("k = \"\(placeholder)\"\n").count, 0, "\(id): a documentation example")
            let repeated = String(token.prefix(token.count - 8)) + String(repeating: String(token.last!), count: 8)
            XCTAssertEqual(findings("k = \"\(repeated)\"\n").count, 0, "\(id): repeated characters")
        }
    }

    func testGitHubAndNpmChecksumsAreVerified() {
        for id in ["github-token", "npm-token"] {
            let token = SecretSamples.token(for: id)
            XCTAssertEqual(findings("t = \(token)\n").count, 1, id)
            for replacement in ["0", "Z", "q"] where String(token.last!) != replacement {
                XCTAssertEqual(findings("t = \(token.dropLast())\(replacement)\n").count, 0, "\(id): bad checksum")
            }
        }
    }

    func testHashesIdentifiersAndEncodedDataPass() {
        let lookAlikes = [
            "id = \"3f0c1f4e-9a2b-4c3d-8e5f-6a7b8c9d0e1f\"",
            "digest = \"" + String(repeating: "9f86d081884c7d65", count: 4) + "\"",
            "\"integrity\": \"sha512-Fo3ahd0kZ1DXuDfgSDQmn8wpOHJNrj3XFnzyqqk0i2xM9L08iDE3nZtzSdwDPjKnb1X8xRY/6c4ZEYlF6dGWQ==\"",
            "src = \"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\"",
            "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQL\n-----END CERTIFICATE-----",
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\n-----END PUBLIC KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHfEOCHmEtdNfYvDjBvbXxF0wh3O1m6jEj1m2e3oQ9kZ user@host",
            "risk = \"task-skipped-because-disk-was-full\"; hf_hub_download(); dapi_version = 2",
            "model = 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",
            "db = \"postgres://user:password@localhost:5432/app\"",
            "db = \"postgresql://postgres:postgres@db:5432/postgres\"",
            "db = \"mysql://app:${DB_PASSWORD}@db.prod.acme-corp.io/app\"",
            "db = \"mongodb+srv://admin:s3cr3tValue99@cluster0.example.com/test\"",
            "key = \"sk_live_${STRIPE_KEY}\"  # <your-key-here>",
        ]
        for text in lookAlikes {
            XCTAssertEqual(findings(text + "\n").map(\.message), [], text)
        }
    }

    func testAllowMarkersNeedAReasonAndDoNotCountForAgents() {
        let token = SecretSamples.token(for: "github-token")
        XCTAssertEqual(findings("t = \"\(token)\"  # belay:allow secret-token -- revoked in March\n").count, 0)
        XCTAssertEqual(findings("t = \"\(token)\"  # gitleaks:allow\n").count, 0)
        XCTAssertEqual(findings("t = \"\(token)\"  # pragma: allowlist secret\n").count, 0)
        XCTAssertEqual(findings("t = \"\(token)\"  # belay:allow secret-token --\n").count, 1, "no reason")
        let agent = RuleContext(agentMode: true)
        XCTAssertEqual(findings("t = \"\(token)\"  # gitleaks:allow\n", context: agent).count, 1)

        // Through the engine: an agent's marker on an old token line is old; a marker it adds is not honoured.
        let old = "t = \"\(token)\"  # gitleaks:allow\n"
        let engine = DetectorEngine(only: ["secret-token"], agentMode: true)
        let kept = FileChangeInput(path: "a.py", old: Array(old.utf8), new: Array((old + "x = 1\n").utf8))
        XCTAssertEqual(engine.run(changes: [kept], mode: .changed).count, 0)
        let marked = FileChangeInput(
            path: "a.py", old: Array("t = \"\(token)\"\n".utf8), new: Array(old.utf8))
        XCTAssertEqual(engine.run(changes: [marked], mode: .changed).count, 1)
        XCTAssertEqual(DetectorEngine(only: ["secret-token"]).run(changes: [marked], mode: .changed).count, 0)
    }

    func testIgnoredValuesAndExcludedPaths() throws {
        let token = SecretSamples.token(for: "stripe-live-key")
        let finding = try XCTUnwrap(findings("k = \"\(token)\"\n").first)
        let hint = try XCTUnwrap(finding.hint)
        let fingerprint = try XCTUnwrap(hint.range(of: "sha256:[0-9a-f]{64}", options: .regularExpression))
        XCTAssertEqual(String(hint[fingerprint]), "sha256:" + SHA256.hex(Array(token.utf8)))
        let ignoring = RuleContext(secrets: SecretSettings(ignore: [String(hint[fingerprint])]))
        XCTAssertEqual(findings("k = \"\(token)\"\n", context: ignoring).count, 0)
        XCTAssertEqual(
            findings("k = \"\(SecretSamples.token(for: "stripe-live-key", variant: 1))\"\n", context: ignoring).count, 1
        )
        let excluding = RuleContext(secrets: SecretSettings(exclude: ["fixtures/**"]))
        XCTAssertEqual(findings("k = \"\(token)\"\n", path: "fixtures/keys.py", context: excluding).count, 0)
        XCTAssertEqual(findings("k = \"\(token)\"\n", path: "tests/test_keys.py", context: excluding).count, 1)
    }

    func testLockfilesVendoredMinifiedAndLongLinesAreSkipped() {
        let token = SecretSamples.token(for: "github-token")
        for path in [
            "package-lock.json", "web/yarn.lock", "vendor/lib/x.go", "static/app.min.js", "a/node_modules/b/c.js",
        ] {
            XCTAssertEqual(findings("t: \(token)\n", path: path).count, 0, path)
        }
        XCTAssertEqual(findings("t = \"\(token)\" " + String(repeating: "x", count: 5000) + "\n").count, 0)
        XCTAssertEqual(findings("t: \(token)\n", path: "tests/fixtures/auth.json").count, 1)
    }

    func testEngineKeepsWarningsUnlessConfigured() {
        let change = FileChangeInput(
            path: "a.py", old: nil, new: Array("k = \"\(SecretSamples.token(for: "stripe-test-key"))\"\n".utf8))
        XCTAssertEqual(DetectorEngine().run(changes: [change], mode: .changed).map(\.severity), [.warning])
        XCTAssertEqual(
            DetectorEngine(settings: ["secret-token": .error]).run(changes: [change], mode: .changed).map(\.severity),
            [.error])
    }

    func testAMovedTokenIsOldAndAReplacedOneIsNew() {
        let first = "k = \"\(SecretSamples.token(for: "aws-access-key-id"))\"\n"
        let second = "k = \"\(SecretSamples.token(for: "aws-access-key-id", variant: 1))\"\n"
        let engine = DetectorEngine(only: ["secret-token"])
        let moved = FileChangeInput(
            path: "a.py", old: Array(("x = 1\n" + first).utf8), new: Array((first + "x = 1\n").utf8))
        XCTAssertEqual(engine.run(changes: [moved], mode: .changed).count, 0)
        let replaced = FileChangeInput(path: "a.py", old: Array(first.utf8), new: Array(second.utf8))
        XCTAssertEqual(engine.run(changes: [replaced], mode: .changed).count, 1)
    }

    func testRedaction() {
        XCTAssertEqual(SecretRedaction.redacted("ghp_" + String(repeating: "a1B2", count: 9)), "ghp_…a1B2")
        XCTAssertEqual(SecretRedaction.redacted("hunter2hunter"), "…")
        let bytes = Array("key = ABCDEFGHIJKLMNOPQRSTUVWXYZ!\n".utf8)
        let masked = String(decoding: SecretRedaction.mask(bytes, ranges: [6..<32]), as: UTF8.self)
        XCTAssertEqual(masked, "key = ABCD******************WXYZ!\n")
    }
}
