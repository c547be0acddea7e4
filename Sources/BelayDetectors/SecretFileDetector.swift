import BelayCore
import Foundation

/// `secret-file`: a file the change adds (or turns into a credential) that is a credential by its name
/// and its content: `.env` / `.env.*` with a credential variable (`.env.example`, `.sample`, `.template`
/// are not), a private key file (`id_rsa`, `*.pem`, `*.key` holding a private key: a certificate or
/// `.pub` is not), a Google Cloud service-account key, `.npmrc` / `.pypirc` with a token or password,
/// `.git-credentials` / `.netrc` with a password, PuTTY keys, and key stores (`*.p12`, `*.pfx`,
/// `*.keystore`, `*.jks`, KeePass `*.kdbx`). The finding points at the value, so every output shows it
/// masked. Private keys and key stores under test and example paths are warnings (test fixtures).
public struct SecretFileDetector: ChangeDetector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "secret-file",
        summary:
            "an added file that is a credential by its name and content (`.env`, private keys, service-account JSON); `.env.example` and public keys are not",
        rationale: """
            A credential file in the history is published with it: every clone has the keys. Agents run \
            `git add -A` next to the .env files and keys they were given, so these files must be stopped \
            before they are committed, not cleaned up afterwards.
            """,
        defaultSeverity: .error,
        hint:
            "take the file out of the change (`git rm --cached <path>`), add it to .gitignore and revoke what it holds; "
            + "commit a `.env.example` with placeholders instead",
        triggering: [
            .init("DEBUG=1\nDATABASE_PASSWORD=1️⃣Tr0ub4dor-and-3\n", fileName: ".env"),
            .init("//registry.npmjs.org/:_authToken=1️⃣8f1c2a9e-52c4-4d1e-9a53-2f0e4c7d8b61\n", fileName: ".npmrc"),
        ],
        nonTriggering: [
            .init("DATABASE_PASSWORD=changeme\nAPI_KEY=<your-key-here>\n", fileName: ".env.example"),
            .init("DEBUG=1\nPORT=8080\n", fileName: ".env"),
            .init("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", fileName: ".npmrc"),
            .init("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", fileName: "ca.pem"),
            .init("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA user@host\n", fileName: "id_ed25519.pub"),
        ]
    )

    /// Creates the detector.
    public init() {}

    /// The credential files in `changes`, with no configuration.
    public func findings(in changes: [FileChangeInput]) -> [Diagnostic] {
        findings(in: changes, context: RuleContext())
    }

    /// The files that become credentials with this change, outside `secrets.exclude`.
    public func findings(in changes: [FileChangeInput], context: RuleContext) -> [Diagnostic] {
        changes.compactMap { change in
            guard let (message, range) = Self.classify(change.path, change.new) else { return nil }
            if let old = change.old, Self.classify(change.path, old) != nil { return nil }
            if context.secrets.exclude.contains(where: { (try? Glob($0))?.matches(change.path) == true }) { return nil }
            var finding = Self.diagnostic(message, path: change.path, start: range.lowerBound, end: range.upperBound)
            if message.hasPrefix("private key") || message.hasPrefix("key store"),
                SecretTable.builtIn.isFixture(change.path)
            {
                finding.severity = .warning
                finding.hint =
                    "a test or example key: if it only signs test certificates, keep it and list the path in "
                    + "belay.json5 `secrets.exclude`; if it is a real key, revoke it and take it out of the change"
            }
            return finding
        }
    }

    static let keyStoreExtensions: Set<String> = ["p12", "pfx", "keystore", "jks", "kdbx"]
    static let keyFileNames: Set<String> = ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"]
    static let templateWords: Set<String> = ["example", "sample", "template", "dist", "defaults", "schema"]
    static let credentialWords = ["KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "PWD", "CREDENTIAL", "AUTH", "DSN"]

    /// Why `bytes` at `path` is a credential file, and the range of what it holds; `nil` when it is not.
    static func classify(_ path: String, _ bytes: [UInt8]) -> (String, Range<Int>)? {
        let name = String(path.split(separator: "/").last ?? "")
        let parts = name.lowercased().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let ext = parts.count > 1 ? parts.last! : ""
        if ext == "pub" || bytes.isEmpty { return nil }
        if keyStoreExtensions.contains(ext) {
            return ("key store \(name) (private keys and certificates)", 0..<bytes.count)
        }
        if ownsPrivateKeys(path, bytes), let range = privateKeyRange(bytes) {
            let what = ext == "json" ? "Google Cloud service-account key \(name)" : "private key file \(name)"
            return (what, range)
        }
        if name.hasPrefix(".env"), name == ".env" || name.hasPrefix(".env."),
            !parts.contains(where: templateWords.contains)
        {
            return assignment(in: bytes, separator: 0x3D) { key in
                let upper = key.uppercased()
                if upper.contains("PUBLIC") || upper.contains("PUBLISHABLE") { return false }
                return credentialWords.contains(where: upper.contains)
                    || upper.hasSuffix("_URL") && upper.contains("DATABASE")
            }.map { ("environment file \(name) holds \($0.key)", $0.range) }
        }
        if name == ".npmrc" {
            return assignment(in: bytes, separator: 0x3D) {
                $0.hasSuffix("_authToken") || $0.hasSuffix("_auth") || $0.hasSuffix("_password")
            }
            .map { ("\(name) holds a registry token", $0.range) }
        }
        if ext == "ppk", SecretFilters.contains(bytes, Array("Private-Lines:".utf8)) {
            return ("private key file \(name) (PuTTY)", 0..<bytes.count)
        }
        if name == ".git-credentials" || name == ".netrc" || name == "_netrc" {
            return storedPassword(in: bytes).map { ("\(name) holds a password", $0) }
        }
        if name == ".pypirc" {
            return assignment(in: bytes, separator: 0x3D) { $0 == "password" }.map {
                ("\(name) holds a password", $0.range)
            }
        }
        return nil
    }

    /// Whether an assigned value reads as a secret: long enough, not a `${VAR}` or `<…>` reference, a
    /// placeholder, a number, a boolean, a path, or a URL without a password.
    static func looksSecret(_ value: ArraySlice<UInt8>) -> Bool {
        guard value.count >= 8, SecretFilters.entropy(value) >= 2.5 else { return false }
        if value.contains(where: { [0x24, 0x3C, 0x7B, 0x20].contains($0) }) { return false }
        if value.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E }) { return false }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        if ["true", "false", "none", "null"].contains(text) || text.hasPrefix("/") || text.hasPrefix("./")
            || text.hasPrefix("~")
        {
            return false
        }
        if text.contains("://"), !text.contains("@") { return false }
        if text.contains("%(") || text.hasPrefix("env(") || text.hasPrefix("process.env") { return false }
        return !SecretFilters.isPlaceholder(value, words: SecretTable.builtIn.placeholders)
    }

    /// The password of a git credential store line (`https://user:token@host`) or of a `.netrc` entry
    /// (`machine host login user password secret`).
    private static func storedPassword(in bytes: [UInt8]) -> Range<Int>? {
        let text = Array(bytes)
        var index = 0
        while index < text.count {
            if text[index...].starts(with: Array("://".utf8)) {
                var colon = index + 3
                while colon < text.count, ![0x3A, 0x40, 0x0A, 0x2F].contains(text[colon]) { colon += 1 }
                var at = colon + 1
                while at < text.count, ![0x40, 0x0A, 0x2F].contains(text[at]) { at += 1 }
                if colon < text.count, text[colon] == 0x3A, at < text.count, text[at] == 0x40,
                    looksSecret(text[(colon + 1)..<at])
                {
                    return (colon + 1)..<at
                }
            }
            if text[index...].starts(with: Array("password".utf8)), index + 8 < text.count,
                text[index + 8] == 0x20 || text[index + 8] == 0x09
            {
                var start = index + 8
                while start < text.count, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
                var end = start
                while end < text.count, ![0x20, 0x09, 0x0A, 0x0D].contains(text[end]) { end += 1 }
                if looksSecret(text[start..<end]) { return start..<end }
            }
            index += 1
        }
        return nil
    }

    /// Key files the private-key shape of `secret-token` leaves to this rule, to report them once.
    static func ownsPrivateKeys(_ path: String, _ bytes: [UInt8]) -> Bool {
        let name = String(path.split(separator: "/").last ?? "").lowercased()
        if keyFileNames.contains(name) || name.hasSuffix(".pem") || name.hasSuffix(".key") || name.hasSuffix(".p8") {
            return true
        }
        guard name.hasSuffix(".json") else { return false }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return text.contains("\"service_account\"") && text.contains("\"private_key\"")
    }

    private static func privateKeyRange(_ bytes: [UInt8]) -> Range<Int>? {
        let anchor = Array("-----BEGIN ".utf8)
        var index = 0
        while index + anchor.count <= bytes.count {
            if bytes[index] == 0x2D, bytes[index..<(index + anchor.count)].elementsEqual(anchor) {
                let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
                if let (match, _) = SecretBlocks.privateKey(bytes, line: index..<end, at: index) {
                    return match.start..<match.end
                }
            }
            index += 1
        }
        return nil
    }

    /// The first `key = value` line whose key `isCredential` and whose value is real (not empty, not a
    /// `${VAR}` reference, not a placeholder); the range covers the value.
    private static func assignment(
        in bytes: [UInt8], separator: UInt8, isCredential: (String) -> Bool
    ) -> (key: String, range: Range<Int>)? {
        let file = SourceFile(path: "", bytes: bytes)
        var found: (key: String, range: Range<Int>)?
        file.forEachLine { line, _ in
            guard found == nil, let equals = bytes[line].firstIndex(of: separator) else { return }
            var key = String(decoding: bytes[line.lowerBound..<equals], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard !key.hasPrefix("#"), !key.hasPrefix(";"), isCredential(key) else { return }
            var start = equals + 1
            var end = line.upperBound
            while start < end, [0x20, 0x09, 0x22, 0x27].contains(bytes[start]) { start += 1 }
            while end > start, [0x20, 0x09, 0x22, 0x27].contains(bytes[end - 1]) { end -= 1 }
            let value = bytes[start..<end]
            guard looksSecret(value) else { return }
            found = (key, start..<end)
        }
        return found
    }
}
