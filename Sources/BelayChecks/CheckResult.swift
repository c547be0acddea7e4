/// How one check ended. The raw values are the `status` strings of the JSON output.
public enum CheckStatus: String, Codable, Sendable {
    /// The command exited 0 (or the tree was already verified).
    case passed
    /// The command exited non-zero: the change's fault.
    case failed
    /// The command ran past its timeout; its whole process group was killed.
    case timeout
    /// The command kept failing with an infrastructure error (DNS, connection reset, HTTP 502…).
    case transient
    /// The command could not run at all (tool not installed, not executable). Never a pass.
    case error
    /// Nothing to check: no staged path matches `files`, or `--fix` and the check has no `fix`.
    case skipped

    /// Whether this status stops the commit.
    public var blocks: Bool {
        switch self {
        case .passed, .skipped: false
        case .failed, .timeout, .transient, .error: true
        }
    }
}

/// The outcome of one configured check, in the JSON shape of DESIGN.md
/// (`name`, `status`, `attempts`, `durationMs`, `output`, plus `infrastructure` and `cached`).
public struct CheckResult: Codable, Sendable, Equatable {
    /// The check's configured name.
    public var name: String
    /// How it ended.
    public var status: CheckStatus
    /// How many times the command ran (0 when skipped or served from the cache).
    public var attempts: Int
    /// Wall-clock milliseconds, retries and backoff included.
    public var durationMs: Int
    /// stdout and stderr of the last attempt, interleaved as written, followed by belay's own note
    /// (`belay: …`) when there is one.
    public var output: String
    /// For `transient`, what kind of infrastructure failure it was (e.g. `DNS`).
    public var infrastructure: String?
    /// True when the pass came from the verified-tree cache and nothing ran.
    public var cached: Bool

    /// Creates a result.
    public init(
        name: String, status: CheckStatus, attempts: Int, durationMs: Int, output: String,
        infrastructure: String? = nil, cached: Bool = false
    ) {
        self.name = name
        self.status = status
        self.attempts = attempts
        self.durationMs = durationMs
        self.output = output
        self.infrastructure = infrastructure
        self.cached = cached
    }
}

extension CheckResult {
    /// Whether this result blocks the commit (anything but `passed` and `skipped`).
    public var blocks: Bool { status.blocks }
}
