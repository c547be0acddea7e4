import BelayCore

// The push policy (seed 003): rules about what a push publishes and where, judged from the commit graph
// by the pre-push hook, `belay check --range` and the end of a `belay run` session. The engine has nothing
// to scan; these types document the rules (`belay explain`) and give their ids and default severities.

/// `merge-source`: a pushed merge of a published branch that is neither the base nor the branch itself.
public struct MergeSourceRule: Rule {
    public static let description = RuleDescription(
        id: "merge-source",
        summary:
            "a pushed merge whose parent comes from a published branch that is neither the base, the branch itself, nor an allowed source",
        rationale: """
            An agent that merges a long-diverged branch (develop, another team's feature) into its own to borrow \
            one fix pushes hundreds of commits nobody reviewed with it, and often a half-resolved conflict. A \
            feature branch takes in its base, any remote's default branch, its own remote and the branches named \
            in push.allowedMergeSources; a local topic branch that was never published is fine. Long-lived \
            branches (the base, the remote's default, protectedBranches) may merge anything.
            """,
        defaultSeverity: .error,
        hint:
            "undo the merge (git reset --keep HEAD^ while it is unpushed) and cherry-pick the one fix you need, or add the ref to push.allowedMergeSources (a long-lived branch that merges others forward belongs in protectedBranches)",
        triggering: [
            .init("$ git merge origin/develop   # develop is not the base\n$ git push1️⃣\n", fileName: "push.sh")
        ],
        nonTriggering: [
            .init("$ git merge origin/main      # the base\n$ git push\n", fileName: "push.sh"),
            .init("$ git merge my-local-topic   # never published\n$ git push\n", fileName: "push.sh"),
        ]
    )

    public init() {}
}

/// `push-drift`: a push carrying commits published on other branches but not on the base.
public struct PushDriftRule: Rule {
    public static let description = RuleDescription(
        id: "push-drift",
        summary:
            "a push carrying commits published on other branches but not on the base (a merge or fast-forward of the wrong branch)",
        rationale: """
            Commits that are on another remote branch and not on the base arrive with a merge of the wrong \
            branch, or with a fast-forward or reset onto it, which leaves no merge commit to see. Pushed to a \
            feature branch they turn a small review into thousands of lines of drift. A new branch that only \
            extends another published branch may be stacked on it on purpose: a warning for people.
            """,
        defaultSeverity: .error,
        hint:
            "rebuild the branch from the base (git rebase --onto origin/main <wrong-branch>), or raise push.maxForeignCommits / add the ref to push.allowedMergeSources",
        triggering: [
            .init("$ git reset --hard origin/develop   # the base is main\n$ git push --force1️⃣\n", fileName: "push.sh")
        ],
        nonTriggering: [.init("$ git rebase origin/main\n$ git push\n", fileName: "push.sh")]
    )

    public init() {}
}

/// `push-size`: a push whose change against the base is over the configured limits.
public struct PushSizeRule: Rule {
    public static let description = RuleDescription(
        id: "push-size",
        summary:
            "a push whose change against the base exceeds the line, file or commit limits, lockfiles and generated files excluded",
        rationale: """
            A change nobody can review is not reviewed. Lines (added and deleted), files and commits are counted \
            between the base and the pushed tip; lockfiles, vendored and generated files (including \
            linguist-generated and linguist-vendored in .gitattributes) and push.sizeExclude are left out. A \
            long-lived branch, or one already over the limits, is measured by what the push adds. A warning for \
            people, an error for agents.
            """,
        defaultSeverity: .warning,
        hint: "split the change into pushes a reviewer can read, or raise push.maxLines / maxFiles / maxCommits",
        triggering: [.init("$ git push   # +12,162 lines in 149 files1️⃣\n", fileName: "push.sh")],
        nonTriggering: [.init("$ git push   # +240 lines, and a 9,000-line package-lock.json\n", fileName: "push.sh")]
    )

    public init() {}
}

/// `force-push`: a non-fast-forward update or deletion of a protected branch (for agents: of any branch the
/// session did not create).
public struct ForcePushRule: Rule {
    public static let description = RuleDescription(
        id: "force-push",
        summary:
            "a non-fast-forward update or deletion of a protected branch (for agents: of any branch the session did not create)",
        rationale: """
            A force push or deletion rewrites what others have fetched and built on; on a protected branch it \
            can throw away reviewed work. Protected are protectedBranches and the remote's default branch, \
            whatever its name. An agent may rewrite the branches its own session created, and those \
            push.allowForcePush names.
            """,
        defaultSeverity: .error,
        hint:
            "push to a new branch instead (git push origin HEAD:agent/<task>), or fetch and merge the remote's commits first",
        triggering: [.init("$ git push --force origin main1️⃣\n", fileName: "push.sh")],
        nonTriggering: [
            .init("$ git push --force-with-lease origin agent/my-task   # created by me\n", fileName: "push.sh")
        ]
    )

    public init() {}
}
