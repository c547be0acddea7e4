import BelayCore

/// What `belay check` (or a hook) is asked to judge, and how.
public struct GateOptions: Sendable {
    /// Which change is judged.
    public enum Scope: Sendable, Equatable {
        /// The index against HEAD: what `git commit` would record (honours `GIT_INDEX_FILE`).
        case staged
        /// Every tracked file, old findings included.
        case all
        /// The commits of a revision range `A..B`, judged as one change.
        case range(String)
        /// The working tree, untracked files included, against HEAD.
        case working
        /// Only these paths of the staged change.
        case files([String])
        /// What a push publishes: `tip`'s tree against `boundaries` (the commits the published ones grow
        /// from; the first is on the tip's first-parent chain). What any boundary already has is not new.
        case pushed(tip: String, boundaries: [String])
    }

    public var scope: Scope
    /// Run each check's `fix` command and carry the result back where it is safe.
    public var fix: Bool
    /// Rule ids and check names to run (`nil`: all).
    public var only: Set<String>?
    /// Rule ids and check names to skip.
    public var skip: Set<String>
    /// Run the configured checks (false: built-in rules only).
    public var runChecks: Bool
    /// Use the verified-tree cache.
    public var useCache: Bool
    /// An agent is committing (a `belay run` session or an agent hook): agent-only rules apply.
    public var agentMode: Bool
    /// The push policy's target: set by the pre-push hook, `check --range` and session ends. The policy's
    /// findings join the report, and content is judged only on what the push publishes.
    public var push: PushTarget?

    public init(
        scope: Scope = .staged, fix: Bool = false, only: Set<String>? = nil, skip: Set<String> = [],
        runChecks: Bool = true, useCache: Bool = true, agentMode: Bool = false, push: PushTarget? = nil
    ) {
        self.scope = scope
        self.fix = fix
        self.only = only
        self.skip = skip
        self.runChecks = runChecks
        self.useCache = useCache
        self.agentMode = agentMode
        self.push = push
    }
}

extension GateOptions.Scope {
    /// The commit whose tree is judged, for the scopes that judge commits (a range, a push).
    var committedTip: String? {
        switch self {
        case .range(let text): RevisionRange(text).to
        case .pushed(let tip, _): tip
        default: nil
        }
    }

    /// The commit the configuration is read from, for the scopes that judge commits.
    var committedBase: String? {
        switch self {
        case .range(let text): RevisionRange(text).from
        case .pushed(let tip, let boundaries): boundaries.first ?? tip
        default: nil
        }
    }
}
