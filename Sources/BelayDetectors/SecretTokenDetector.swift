import BelayCore

/// `secret-token`: a credential of a known shape on an added line (the table is `rules/secrets.json`).
///
/// One pass over each line: at every byte, only the anchors starting with that byte are tried (`ghp_`,
/// `AKIA`, `-----BEGIN `, …), then the shape's exact alphabet and length with boundaries, its checksum,
/// and the placeholder filter (`EXAMPLE`, `xxxx`, `your-key-here`, repeated or consecutive characters;
/// `${VAR}` and `<…>` never fit an alphabet). Lockfiles, vendored and minified files, `secrets.exclude`
/// and lines over 5,000 characters are skipped; test paths are not (a live key in a test is still live).
/// Messages show the value redacted (``SecretRedaction``) and a short fingerprint, so a moved line is
/// not new and a replaced value is. A line marked `belay:allow secret-token -- <reason>`,
/// `gitleaks:allow` or `pragma: allowlist secret` is skipped, except for agents: there the engine sees the
/// marker's line as new, so a marker the change adds does not suppress.
public struct SecretTokenDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "secret-token",
        summary:
            "an added line holding a credential of a known shape (cloud keys, tokens, private keys, URLs with passwords); always shown redacted",
        rationale: """
            A committed credential is published to everyone who can read the history, forever: rewriting \
            history does not unpublish it, only revoking it does. Agents paste tokens from .env files and \
            terminals into fixtures and configuration. Shapes are exact (prefix, alphabet, length, \
            checksum), so a finding is a real credential; test keys and JWTs are warnings.
            """,
        defaultSeverity: .error,
        hint: hint(fingerprint: nil),
        triggering: [
            .init("AWS_ACCESS_KEY_ID = \"1️⃣\(SecretSamples.token(for: "aws-access-key-id"))\"\n"),
            .init("github:\n  token: 1️⃣\(SecretSamples.token(for: "github-token"))\n", fileName: "config.yml"),
            .init(
                "DATABASE_URL=postgres://app:1️⃣\(String(SecretSamples.token(for: "url-password").dropFirst(15)))\n",
                fileName: "deploy.sh"),
            .init("const key = `1️⃣\(SecretSamples.token(for: "private-key"))`;\n", fileName: "sign.js"),
        ],
        nonTriggering: [
            .init("AWS_ACCESS_KEY_ID = \"AKIA" + "IOSFODNN7EXAMPLE\"  # the documentation's example\n"),
            .init("token = \"ghp_" + String(repeating: "x", count: 36) + "\"\n"),
            .init("token = \"\(String(SecretSamples.token(for: "github-token").dropLast()))0\"  # bad checksum\n"),
            .init("STRIPE_KEY = \"sk_live_${STRIPE_KEY}\"\nOPENAI_KEY = \"<your-key-here>\"\n"),
            .init("url = \"postgres://user:password@localhost:5432/app\"\n"),
            .init("cert = \"-----BEGIN CERTIFICATE-----\"\n"),
            .init(
                "key = \"\(SecretSamples.token(for: "github-token", variant: 1))\"  # belay:allow secret-token -- revoked\n"
            ),
        ]
    )

    static func hint(fingerprint: String?) -> String {
        "revoke the credential, then load it from the environment or a secret manager; a value kept on purpose goes in "
            + "belay.json5 `secrets.ignore` as \"\(fingerprint.map { "sha256:" + $0 } ?? "sha256:<hex>")\""
    }

    /// Creates the detector.
    public init() {}

    /// Every credential in `file`, with no configuration.
    public func findings(in file: SourceFile) -> [Diagnostic] { findings(in: file, context: RuleContext()) }

    /// Every credential in `file` that `context` does not exclude or ignore.
    public func findings(in file: SourceFile, context: RuleContext) -> [Diagnostic] {
        let table = SecretTable.builtIn
        if Self.skips(file.path, table: table, exclude: context.secrets.exclude) { return [] }
        let bytes = file.bytes
        // A key file is reported once, as a file, by `secret-file`.
        let keyFile = SecretFileDetector.ownsPrivateKeys(file.path, bytes)
        var result: [Diagnostic] = []
        file.forEachLine { line, _ in
            guard line.count >= 8, line.count <= table.maxLineLength else { return }
            var matches: [(ShapeMatch, SecretTable.Shape, String)] = []
            var position = line.lowerBound
            while position < line.upperBound {
                // The prefilter: only a byte pair that opens some anchor is looked at further.
                if position + 1 >= line.upperBound || !table.opensAnchor(bytes[position], bytes[position + 1]) {
                    position += 1
                    continue
                }
                var advanced = false
                for candidate in table.anchorsByFirstByte[Int(bytes[position])] {
                    let shape = table.shapes[candidate.shape]
                    if keyFile && shape.kind == .pem { continue }
                    let anchor = shape.anchors[candidate.anchor]
                    guard position + anchor.count <= line.upperBound,
                        bytes[position..<(position + anchor.count)].elementsEqual(anchor),
                        let (match, label) = Self.match(shape, anchor: anchor, in: bytes, line: line, at: position)
                    else { continue }
                    matches.append((match, shape, label))
                    position = max(position + 1, match.end)
                    advanced = true
                    break
                }
                if !advanced { position += 1 }
            }
            guard !matches.isEmpty, context.agentMode || !Self.allowed(bytes[line]) else { return }
            for (match, shape, label) in matches {
                let value = Array(bytes[match.secretStart..<match.end])
                let fingerprint = SHA256.hex(
                    shape.kind == .pem ? value.filter(SecretTable.ByteSet.base64.contains) : value)
                let ignored = "sha256:" + fingerprint
                if context.secrets.ignore.contains(ignored) || table.knownExamples.contains(ignored) { continue }
                let shown = SecretRedaction.redacted(String(decoding: value, as: UTF8.self))
                var finding = Self.diagnostic(
                    "\(label) \(shown) (sha256:\(fingerprint.prefix(8)))", path: file.path, start: match.secretStart,
                    end: match.end)
                let demoted =
                    (shape.kind == .pem && table.isFixture(file.path))
                    || shape.warningIn.contains { $0.matches(file.path) }
                finding.severity = demoted ? .warning : shape.severity
                finding.hint = Self.hint(fingerprint: fingerprint)
                result.append(finding)
            }
        }
        return result
    }

    /// The match of `shape` at `position` that passes its filters, and the words that name it.
    static func match(
        _ shape: SecretTable.Shape, anchor: [UInt8], in bytes: [UInt8], line: Range<Int>, at position: Int
    ) -> (ShapeMatch, String)? {
        let table = SecretTable.builtIn
        switch shape.kind {
        case .pem:
            guard let (match, _) = SecretBlocks.privateKey(bytes, line: line, at: position) else { return nil }
            return (match, "private key")
        case .urlPassword:
            guard
                let (match, scheme) = SecretBlocks.urlPassword(
                    bytes, line: line, at: position, placeholders: table.placeholders)
            else { return nil }
            return (match, "password in a \(scheme):// URL")
        case .segments:
            guard let match = shape.match(bytes, line: line, anchor: anchor, at: position) else { return nil }
            let bodyStart = shape.secretFrom == nil ? position + anchor.count : match.secretStart
            let body = bytes[bodyStart..<match.end]
            if shape.crc32, !SecretFilters.hasValidCRC32(body) { return nil }
            if let floor = shape.entropy, SecretFilters.entropy(body) < floor { return nil }
            if let least = shape.mixedCase,
                body.count(where: { (0x41...0x5A).contains($0) }) < least
                    || body.count(where: { (0x61...0x7A).contains($0) }) < least
            {
                return nil
            }
            if SecretFilters.isPlaceholder(body, words: table.placeholders) { return nil }
            if shape.id == "jwt", isDocumentationJWT(bytes[match.start..<match.end]) { return nil }
            return (match, shape.name)
        }
    }

    /// The JWT of jwt.io's and RFC 7519's examples (subject `1234567890`, "John Doe").
    static func isDocumentationJWT(_ token: ArraySlice<UInt8>) -> Bool {
        let parts = token.split(separator: 0x2E)
        guard parts.count >= 2 else { return false }
        let payload = SecretFilters.base64Decoded(parts[1])
        return SecretFilters.contains(payload, Array("John Doe".utf8))
            || SecretFilters.contains(payload, Array("\"1234567890\"".utf8))
    }

    /// Whether a line carries an allow marker: `belay:allow secret-token -- <reason>` (the reason is
    /// required), gitleaks' `gitleaks:allow`, or detect-secrets' `pragma: allowlist secret`.
    static func allowed(_ line: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        if text.contains("gitleaks:allow") || text.contains("pragma: allowlist secret") { return true }
        guard let marker = text.range(of: "belay:allow secret-token --") else { return false }
        return text[marker.upperBound...].contains { $0.isLetter || $0.isNumber }
    }

    /// Whether `path` is a lockfile, vendored or minified (the table's `skipPaths`) or in `exclude`.
    static func skips(_ path: String, table: SecretTable, exclude: [String]) -> Bool {
        if table.skipPaths.contains(where: { $0.matches(path) }) { return true }
        return exclude.contains { (try? Glob($0))?.matches(path) == true }
    }
}
