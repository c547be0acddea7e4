import BelayCore

/// A rule belay knows: it describes itself and can be created without arguments.
public protocol Rule: Sendable {
    /// The rule's id, documentation and examples.
    static var description: RuleDescription { get }
    /// Creates the rule.
    init()
    /// A new instance, sorted by kind. Each kind of rule gets this from its protocol's extension, so
    /// the engine needs no `as? any Detector` casts: in a static binary each such cast scans every
    /// protocol conformance the program has, and those casts were a quarter of a cache-hit run.
    static func instantiate() -> RuleInstance
}

/// A rule instance by kind (see ``Rule/instantiate()``).
public enum RuleInstance: Sendable {
    /// Runs on each version of each file.
    case file(any Detector)
    /// Runs on the whole change.
    case change(any ChangeDetector)
    /// Runs on the whole change, deletions included, in agent mode.
    case agent(any AgentChangeDetector)
    /// Documented here, found elsewhere (by the session audit, the hooks or the rename stage).
    case documentation
}

extension Rule {
    /// Rules found outside the engine are documentation only.
    public static func instantiate() -> RuleInstance { .documentation }
}

extension Detector {
    public static func instantiate() -> RuleInstance { .file(Self()) }
}

extension ChangeDetector {
    public static func instantiate() -> RuleInstance { .change(Self()) }
}

/// A rule that judges one version of one file. The engine runs it on both versions of a changed file and
/// keeps only the findings the change introduces. Diagnostics carry the rule's default severity; the engine
/// applies configuration.
public protocol Detector: Rule {
    /// Every finding in `file`, in any order.
    func findings(in file: SourceFile) -> [Diagnostic]
    /// Every finding in `file` under the run's `context`; rules that need no configuration leave this to
    /// the default, ``findings(in:)``.
    func findings(in file: SourceFile, context: RuleContext) -> [Diagnostic]
}

extension Detector {
    public func findings(in file: SourceFile, context: RuleContext) -> [Diagnostic] { findings(in: file) }
}

/// What a rule may need from the run besides the files: the `secrets` settings, and whether an agent is
/// committing (then an allow marker the change itself adds does not count).
public struct RuleContext: Sendable {
    /// `secrets` from `belay.json5`.
    public var secrets: SecretSettings
    /// An agent session or agent hook is committing.
    public var agentMode: Bool
    /// `migrations` from `belay.json5`: destructive migrations kept on purpose.
    public var migrations: MigrationSettings

    /// Creates a context; the defaults are a person's commit with no configuration.
    public init(
        secrets: SecretSettings = SecretSettings(), agentMode: Bool = false,
        migrations: MigrationSettings = MigrationSettings()
    ) {
        self.secrets = secrets
        self.agentMode = agentMode
        self.migrations = migrations
    }
}

/// A rule that needs the whole change at once (e.g. a line added next to the one it should have replaced).
/// Its findings are about the change by construction, so the engine reports them as they are.
public protocol ChangeDetector: Rule {
    /// Every finding the change introduces.
    func findings(in changes: [FileChangeInput]) -> [Diagnostic]
    /// Every finding the change introduces, under the run's `context` (by default ``findings(in:)``).
    func findings(in changes: [FileChangeInput], context: RuleContext) -> [Diagnostic]
}

extension ChangeDetector {
    public func findings(in changes: [FileChangeInput], context: RuleContext) -> [Diagnostic] {
        findings(in: changes)
    }
}

extension Rule {
    /// A diagnostic of this rule at its default severity, with its hint.
    static func diagnostic(
        _ message: String, path: String, start: Int, end: Int? = nil, fix: Fix? = nil
    ) -> Diagnostic {
        Diagnostic(
            rule: description.id, severity: description.defaultSeverity, message: message,
            hint: description.hint, location: SourceLocation(path: path, start: start, end: end), fix: fix)
    }

    /// A finding at a repeated occurrence (`again`), with a note at the first one: the shape of every
    /// duplicate rule's finding.
    static func repeated(
        _ message: String, at again: Range<Int>, first: Range<Int>, in file: SourceFile, note: String
    ) -> Diagnostic {
        var finding = diagnostic(message, path: file.path, start: again.lowerBound, end: again.upperBound)
        finding.related = [
            RelatedNote(
                location: SourceLocation(path: file.path, start: first.lowerBound, end: first.upperBound),
                message: note)
        ]
        return finding
    }
}
