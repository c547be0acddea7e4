import BelayCore

/// `protected-branch`: an agent committing straight onto a protected branch (`protectedBranches` in
/// `belay.json5`, default `main` and `master`). A repository-state rule: it judges where a commit goes, not
/// what it contains, so the session and hook paths evaluate it (``finding(branch:protected:)``); the engine
/// has nothing to scan.
public struct ProtectedBranchDetector: Rule {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "protected-branch",
        summary: "an agent session committing straight onto a protected branch",
        rationale: """
            Protected branches are what others build on and deploy from. An agent's work belongs on its own \
            branch, where a person reviews it before it is merged.
            """,
        defaultSeverity: .error,
        hint: "commit on a branch of your own (git switch -c agent/<task>), or start with 'belay run --branch NAME'",
        triggering: [.init("$ git switch main\n$ git commit -m 'quick fix'1️⃣\n", fileName: "session.sh")],
        nonTriggering: [
            .init("$ git switch -c agent/quick-fix\n$ git commit -m 'quick fix'\n", fileName: "session.sh")
        ],
        agentOnly: true
    )

    /// Creates the rule.
    public init() {}

    /// The finding for committing onto `branch`, when it is one of `protected`.
    public static func finding(branch: String?, protected: [String], commit: String? = nil) -> Diagnostic? {
        guard let branch, protected.contains(branch) else { return nil }
        let what = commit.map { "commit \($0.prefix(12)) was made" } ?? "committing"
        return Diagnostic(
            rule: description.id, severity: description.defaultSeverity,
            message: "\(what) straight onto the protected branch '\(branch)'", hint: description.hint, location: nil)
    }
}
