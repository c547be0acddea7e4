import BelayCore
import BelayDetectors
import BelayGit

// The four rules of the push policy, each on what ``PushPolicy/analyze(_:)`` found: the published commits,
// what the branch may hold without question, the base.
extension PushPolicy {

    func mergeSources(
        _ published: [GraphCommit], sanctioned: [String], own: Set<String>, remotes: RemoteRefs,
        basedOn boundaries: [String], newBranch: Bool, baseName: String?
    ) throws(BelayError) -> [Diagnostic] {
        guard let configuredSeverity = severity("merge-source") else { return [] }
        let ids = Set(published.map(\.id))
        var findings: [Diagnostic] = []
        for merge in published where merge.parents.count > 1 {
            for parent in merge.parents where !ids.contains(parent) {
                // Reachable from the base, the branch's own remote or an allowed source: fine.
                guard try git.countCommits(from: parent, excluding: sanctioned) > 0 else { continue }
                guard let holder = try holders(of: parent, own: own, remotes: remotes).first else { continue }
                let brought = try git.countCommits(
                    from: parent, excluding: sanctioned + merge.parents.filter { $0 != parent })
                let base = baseName.map { " not on \($0)" } ?? ""
                // A new branch that grows from that branch alone (a pull request onto a maintenance line,
                // kept current by merging it): for a person, a warning; an update of an existing branch,
                // or an agent's push, stays an error.
                var severity = configuredSeverity
                var onto = ""
                let roots = boundaries.filter { $0 != Git.emptyTree }
                if newBranch, !agentMode, configured["merge-source"] == nil, severity == .error, !roots.isEmpty,
                    let tip = remotes.refs[holder],
                    try git.countCommits(from: roots, excluding: [tip]) == 0
                {
                    severity = .warning
                    onto =
                        "; the new branch is based on \(holder): if it targets that branch, add it to push.allowedMergeSources"
                }
                findings.append(
                    Diagnostic(
                        rule: "merge-source", severity: severity,
                        message:
                            "merge \(merge.id.prefix(12)) brings in \(holder) (\(count(brought, "commit"))\(base)); it is neither the base nor this branch's own remote\(onto)",
                        hint: MergeSourceRule.description.hint, location: nil))
            }
        }
        return findings
    }

    /// The other remote refs holding `commit`: those whose tip it is when there are any (the branch it
    /// came from, not every branch that has merged it since).
    func holders(of commit: String, own: Set<String>, remotes: RemoteRefs) throws(BelayError) -> [String] {
        let all = try git.remoteRefs(containing: commit).filter { !own.contains($0) }
        let tips = all.filter { remotes.refs[$0] == commit }
        return tips.isEmpty ? all : tips
    }

    func drift(
        beyondBase: [GraphCommit], published: [GraphCommit], own: Set<String>, remotes: RemoteRefs, newBranch: Bool,
        baseName: String?
    ) throws(BelayError) -> Diagnostic? {
        guard var severity = severity("push-drift") else { return nil }
        let ids = Set(published.map(\.id))
        let foreign = beyondBase.filter { !ids.contains($0.id) }
        guard foreign.count > settings.maxForeignCommits, let newest = foreign.first else { return nil }
        let holders = try holders(of: newest.id, own: own, remotes: remotes)
        let named = holders.prefix(3).joined(separator: ", ") + (holders.count > 3 ? ", …" : "")
        let base = baseName.map { " but not on \($0)" } ?? ""
        // A new branch that only extends another published one may be stacked on it on purpose (part 2 of a
        // colleague's part 1): a person is warned. Moving an existing branch onto another is drift, and an
        // agent is held to its task's base.
        var stacked = ""
        if newBranch, !agentMode, configured["push-drift"] == nil, severity == .error {
            severity = .warning
            stacked =
                "; a new branch built on \(holders.first ?? "another branch"): fine if it is stacked on it on purpose"
        }
        return Diagnostic(
            rule: "push-drift", severity: severity,
            message:
                "the push carries \(count(foreign.count, "commit")) published on \(named.isEmpty ? "other branches" : named)\(base) (push.maxForeignCommits is \(settings.maxForeignCommits))\(stacked)",
            hint: PushDriftRule.description.hint, location: nil)
    }

    /// Changed lines (lockfiles, vendored and generated files left out), files and commits from `base`
    /// (their merge base) to `tip`, and how many files were left out.
    func measure(from base: String, to tip: String) throws(BelayError) -> (
        lines: Int, files: Int, commits: Int, leftOut: Int
    ) {
        let entries = try git.numstat(base: base, tip: tip)
        let excludes = GlobSet((settings.sizeExclude + Self.extraLockfiles).compactMap { try? Glob($0) })
        let attributed = try git.paths(
            entries.map(\.path), withAnyOf: ["linguist-generated", "linguist-vendored"], at: tip)
        var counted = entries.filter {
            !GeneratedFiles.isOutputPath($0.path) && !excludes.matches($0.path) && !attributed.contains($0.path)
        }
        var lines = counted.reduce(0) { $0 + ($1.added ?? 0) + ($1.deleted ?? 0) }
        // Over a limit: leave out the files that say they are generated (a "Code generated … DO NOT EDIT"
        // banner, minified lines). Their contents are read only then, and only for files the push adds to.
        if lines > settings.maxLines || counted.count > settings.maxFiles {
            let candidates = counted.filter { ($0.added ?? 0) > 0 && !$0.path.contains("\n") }.prefix(5000)
            let blobs = try git.readBlobs(candidates.map { "\(tip):\($0.path)" })
            let generated = Set(
                candidates.filter { entry in
                    blobs["\(tip):\(entry.path)"].map { GeneratedFiles.isGenerated(path: entry.path, bytes: $0) }
                        ?? false
                }.map(\.path))
            if !generated.isEmpty {
                counted.removeAll { generated.contains($0.path) }
                lines = counted.reduce(0) { $0 + ($1.added ?? 0) + ($1.deleted ?? 0) }
            }
        }
        let commits = try git.countCommits(from: tip, excluding: [base])
        return (lines, counted.count, commits, entries.count - counted.count)
    }

    func limitsExceeded(_ size: (lines: Int, files: Int, commits: Int, leftOut: Int)) -> [String] {
        var over: [String] = []
        if size.lines > settings.maxLines { over.append("\(count(size.lines, "line")) (limit \(settings.maxLines))") }
        if size.files > settings.maxFiles { over.append("\(count(size.files, "file")) (limit \(settings.maxFiles))") }
        if size.commits > settings.maxCommits {
            over.append("\(count(size.commits, "commit")) (limit \(settings.maxCommits))")
        }
        return over
    }

    /// `push-size` from `from` (the base, or a long-lived branch's old tip) to `tip`. A branch that was
    /// already over the limits before this push is measured by what this push adds to it.
    func size(from: String, tip: String, oldTip: String?, baseName: String?) throws(BelayError) -> Diagnostic? {
        guard let severity = severity("push-size") else { return nil }
        var size = try measure(from: from, to: tip)
        var over = limitsExceeded(size)
        var against = baseName.map { "against \($0)" } ?? "to the branch"
        if !over.isEmpty, let oldTip, oldTip != from, !limitsExceeded(try measure(from: from, to: oldTip)).isEmpty {
            size = try measure(from: oldTip, to: tip)
            over = limitsExceeded(size)
            against = "to the branch (it was over the limits against \(baseName ?? from) already)"
        }
        guard !over.isEmpty else { return nil }
        let leftOut =
            size.leftOut > 0 ? "; \(count(size.leftOut, "lockfile, vendored or generated file")) left out" : ""
        return Diagnostic(
            rule: "push-size", severity: severity,
            message: "the push changes \(over.joined(separator: ", ")) \(against)\(leftOut)",
            hint: PushSizeRule.description.hint, location: nil)
    }

    /// `force-push`: protected are `protectedBranches` and the remote's own default branch (`trunk`, `v1.x`).
    func forcePush(_ target: PushTarget, remoteDefault: String?) throws(BelayError) -> Diagnostic? {
        guard let branch = target.branch, target.rangeBase == nil, let severity = severity("force-push") else {
            return nil
        }
        let rewritten: Bool
        if target.tip == nil {
            rewritten = true
        } else if let old = target.oldTip, let tip = target.tip {
            let known = try git.objectExists(old)
            let ancestor = known ? try git.isAncestor(old, of: tip) : false
            rewritten = !ancestor
        } else {
            rewritten = false
        }
        guard rewritten else { return nil }
        if settings.allowForcePush.contains(where: { (try? Glob($0).matches(branch)) ?? false }) { return nil }
        let isProtected =
            branch == remoteDefault || protectedBranches.contains { (try? Glob($0).matches(branch)) ?? ($0 == branch) }
        let notCreated = agentMode && target.createdBySession != true
        guard isProtected || notCreated else { return nil }
        let what = target.tip == nil ? "deletes" : "rewrites (a non-fast-forward update of)"
        let why = isProtected ? "the protected branch" : "the branch, which this agent session did not create,"
        return Diagnostic(
            rule: "force-push", severity: severity,
            message: "the push \(what) \(why) '\(branch)' on \(target.remote)",
            hint: ForcePushRule.description.hint, location: nil)
    }
}

private func count(_ number: Int, _ noun: String) -> String {
    let digits = String(number)
    var grouped = ""
    for (index, character) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(character)
    }
    return "\(grouped) \(noun)\(number == 1 ? "" : "s")"
}
