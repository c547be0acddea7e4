/// The contents of `belay.json5`. See DESIGN.md for the contract.
public struct Config: Sendable, Equatable {
    /// Commands run on the staged snapshot.
    public var checks: [CheckDefinition]
    /// Severity overrides by rule id.
    public var rules: [String: RuleSetting]
    public var rename: RenameSettings
    public var transient: TransientSettings
    public var onInternalError: InternalErrorPolicy
    /// Branches an agent session may not commit onto directly.
    public var protectedBranches: [String]
    /// `secrets`: paths `secret-token` and `secret-file` skip, and values kept on purpose.
    public var secrets: SecretSettings
    /// `push`: the pre-push policy (merge sources, drift, size, force pushes).
    public var push: PushSettings

    public init(
        checks: [CheckDefinition] = [],
        rules: [String: RuleSetting] = [:],
        rename: RenameSettings = RenameSettings(),
        transient: TransientSettings = TransientSettings(),
        onInternalError: InternalErrorPolicy = .allow,
        protectedBranches: [String] = ["main", "master"],
        secrets: SecretSettings = SecretSettings(),
        push: PushSettings = PushSettings()
    ) {
        self.checks = checks
        self.rules = rules
        self.rename = rename
        self.transient = transient
        self.onInternalError = onInternalError
        self.protectedBranches = protectedBranches
        self.secrets = secrets
        self.push = push
    }

    /// The severity rule `id` reports at: its `rules` setting, else `fallback` (its default); `nil` when the
    /// setting is `off` or `--only` / `--skip` leave it out. The gate's passes outside the detector engine
    /// (the push policy, the agent's state rules, the session audit) ask this one place.
    public func severity(
        of id: String, fallback: Severity, only: Set<String>? = nil, skip: Set<String> = []
    ) -> Severity? {
        guard only.map({ $0.contains(id) }) ?? true, !skip.contains(id) else { return nil }
        guard let setting = rules[id] else { return fallback }
        return setting.severity
    }

    /// The configuration used when the repository has no `belay.json5`: every built-in detector, no checks.
    public static let `default` = Config()

    /// The conventional file name at the repository root.
    public static let fileName = "belay.json5"

    /// `migrations`: destructive migrations kept on purpose (`destructive-migration`'s agent-proof escape
    /// hatch: the configuration is read at the change's base and `guard-tamper` protects it).
    public var migrations = MigrationSettings()
}

/// One configured check.
public struct CheckDefinition: Sendable, Equatable, Hashable, Codable {
    public var name: String
    /// Shell command (`/bin/sh -c`); `{files}` expands to the matching staged paths, shell-quoted.
    public var run: String
    /// `.gitignore`-style globs; `nil` means the check always runs.
    public var files: [String]?
    /// Shell command run by `--fix`.
    public var fix: String?
    /// Seconds; default ``CheckDefinition/defaultTimeout``.
    public var timeout: Double?
    /// `false` opts out of the verified-tree cache.
    public var cache: Bool?

    public static let defaultTimeout: Double = 300

    public init(
        name: String, run: String, files: [String]? = nil, fix: String? = nil, timeout: Double? = nil,
        cache: Bool? = nil
    ) {
        self.name = name
        self.run = run
        self.files = files
        self.fix = fix
        self.timeout = timeout
        self.cache = cache
    }
}

/// A rule's configured severity, or `off`.
public enum RuleSetting: String, Sendable, Equatable, Codable {
    case error
    case warning
    case note
    case off

    /// The severity this setting maps to, or `nil` when the rule is off.
    public var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .note: .note
        case .off: nil
        }
    }
}

/// `rename: { exclude: [...] }`.
public struct RenameSettings: Sendable, Equatable, Codable {
    public var exclude: [String]

    public init(exclude: [String] = []) { self.exclude = exclude }
}

/// `secrets: { exclude: [...], ignore: [...] }`.
public struct SecretSettings: Sendable, Equatable, Codable {
    /// `.gitignore`-style globs of paths the secret rules skip.
    public var exclude: [String]
    /// `sha256:<64 lower-case hex digits>` of values kept on purpose (never line numbers: a value stays
    /// ignored wherever it moves, and a new value is never ignored by accident).
    public var ignore: [String]

    public init(exclude: [String] = [], ignore: [String] = []) {
        self.exclude = exclude
        self.ignore = ignore
    }
}

/// `push: { … }`: what a push may publish (seed 003). See DESIGN.md.
public struct PushSettings: Sendable, Equatable, Codable {
    /// The branch pushes are measured against: `auto` (the remote's HEAD, else its `main`, else `master`),
    /// or a ref such as `origin/develop`.
    public var base: String
    /// Remote ref globs (`origin/release/*`) a merge may bring in besides the base and the branch itself.
    public var allowedMergeSources: [String]
    /// Commits published on other remote branches (not on the base) a push may carry.
    public var maxForeignCommits: Int
    public var maxLines: Int
    public var maxFiles: Int
    public var maxCommits: Int
    /// Globs left out of `push-size`, besides the built-in lockfiles, vendored and generated files.
    public var sizeExclude: [String]
    /// Branch globs an agent may force-push or delete.
    public var allowForcePush: [String]

    public init(
        base: String = "auto", allowedMergeSources: [String] = [], maxForeignCommits: Int = 0,
        maxLines: Int = 3000, maxFiles: Int = 100, maxCommits: Int = 100, sizeExclude: [String] = [],
        allowForcePush: [String] = []
    ) {
        self.base = base
        self.allowedMergeSources = allowedMergeSources
        self.maxForeignCommits = maxForeignCommits
        self.maxLines = maxLines
        self.maxFiles = maxFiles
        self.maxCommits = maxCommits
        self.sizeExclude = sizeExclude
        self.allowForcePush = allowForcePush
    }
}

/// `transient: { retries, backoffSeconds }`.
public struct TransientSettings: Sendable, Equatable, Codable {
    public var retries: Int
    public var backoffSeconds: Double

    public init(retries: Int = 2, backoffSeconds: Double = 1) {
        self.retries = retries
        self.backoffSeconds = backoffSeconds
    }
}

/// What belay does when it fails itself.
public enum InternalErrorPolicy: String, Sendable, Equatable, Codable {
    /// Print a loud warning, record it, exit 0.
    case allow
    /// Exit 3.
    case block
}

/// `migrations: { allow: [{ path, kind, reason }] }`.
public struct MigrationSettings: Sendable, Equatable, Codable {
    /// One destructive migration kept on purpose.
    public struct Allowance: Sendable, Equatable, Codable {
        /// A `.gitignore`-style glob (or the exact path) of the migration file.
        public var path: String
        /// The finding's kind (see ``MigrationSettings/kinds``), or `*` for every kind.
        public var kind: String
        /// Why it is safe: required, so the next reader knows.
        public var reason: String

        public init(path: String, kind: String, reason: String) {
            self.path = path
            self.kind = kind
            self.reason = reason
        }
    }

    /// The kinds of `destructive-migration` findings.
    public static let kinds = [
        "drop-column", "rename-column", "drop-table", "rename-table", "change-type", "not-null", "truncate",
        "drop-and-add",
    ]

    public var allow: [Allowance]

    public init(allow: [Allowance] = []) { self.allow = allow }

    /// Whether an entry allows a finding of `kind` in `path`.
    public func allows(path: String, kind: String) -> Bool {
        allow.contains { entry in
            (entry.kind == "*" || entry.kind == kind)
                && (entry.path == path || (try? Glob(entry.path))?.matches(path) == true)
        }
    }
}
