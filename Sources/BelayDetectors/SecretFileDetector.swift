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
}
