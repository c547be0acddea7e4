import BelayCore

/// `hook-bypass`: a commit made during a `belay run` session that never passed the gate (`--no-verify`,
/// hooks disabled, `commit-tree` + `update-ref`). Found by the session's audit, which compares the commits
/// that appeared on any ref with the trees the session's hook passed; the engine has nothing to scan.
public struct HookBypassDetector: Rule {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "hook-bypass",
        summary:
            "a commit made during a `belay run` session that never passed the gate (`--no-verify`, hooks disabled)",
        rationale: """
            A gate that can be stepped around is a suggestion. An agent that meets a failing check often \
            retries with --no-verify, a disabled hooks path or plumbing commands; the audit at the end of the \
            session finds every such commit and checks it after all.
            """,
        defaultSeverity: .error,
        hint: "commit with plain 'git commit' and fix what the gate reports; never skip the hooks",
        triggering: [.init("$ /usr/bin/git commit --no-verify -m wip1️⃣\n", fileName: "session.sh")],
        nonTriggering: [.init("$ git commit -m 'fix the failing test'\n", fileName: "session.sh")],
        agentOnly: true
    )

    /// Creates the rule.
    public init() {}

    /// The finding for `commit` (full id) with `subject`, which appeared without passing the gate.
    public static func finding(commit: String, subject: String) -> Diagnostic {
        Diagnostic(
            rule: description.id, severity: description.defaultSeverity,
            message: "commit \(commit.prefix(12)) \"\(subject)\" never passed the gate", hint: description.hint,
            location: nil)
    }
}
