import BelayCore
import BelayDetectors
import BelayGate
import BelayGit
import BelayReport
import Foundation

/// Every ref and `HEAD`, as commit ids.
public struct RefSnapshot: Sendable, Equatable {
    /// `refs/heads/main` → id, plus `HEAD` when it names a commit.
    public var refs: [String: String]

    /// Refs the audit ignores: belay's own, and the stash (its commits are not commits of the branch).
    static func isAudited(_ name: String) -> Bool {
        !name.hasPrefix("refs/belay/") && name != "refs/stash"
    }

    /// Reads every ref with one `git for-each-ref`, and `HEAD` (from `<git dir>/HEAD` when it names a branch).
    public static func read(_ git: Git, gitDirectory: String? = nil) throws(BelayError) -> RefSnapshot {
        let output = try git.run(["for-each-ref", "--format=%(objectname) %(refname)"])
        var refs: [String: String] = [:]
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            refs[String(parts[1])] = String(parts[0])
        }
        let headFile = gitDirectory.flatMap { FileManager.default.contents(atPath: $0 + "/HEAD") }
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        if let text = headFile, text.hasPrefix("ref: ") {
            refs["HEAD"] = refs[String(text.dropFirst(5))]
        } else if let head = try git.revParse("HEAD") {
            refs["HEAD"] = head
        }
        return RefSnapshot(refs: refs)
    }

    var auditedTips: Set<String> { Set(refs.filter { Self.isAudited($0.key) }.values) }
}

/// A commit that appeared during the session.
struct NewCommit: Sendable {
    var id: String
    var tree: String
    var parents: [String]
    var subject: String
}

/// The audit the shim cannot replace: every commit that appeared on any ref since the session started is
/// either one whose tree the session's hook passed, or is checked now and reported as `hook-bypass`.
struct SessionAudit: Sendable {
    let git: Git
    let gate: Gate
    let setup: SessionSetup
    let start: RefSnapshot

    /// Commits reachable from `end` but not from `start`, oldest first.
    func newCommits(end: RefSnapshot) throws(BelayError) -> [NewCommit] {
        let tips = end.auditedTips.subtracting(start.auditedTips)
        guard !tips.isEmpty else { return [] }
        let arguments =
            ["log", "--reverse", "--topo-order", "--format=%H%x1f%T%x1f%P%x1f%s%x1e"] + tips.sorted() + ["--not"]
            + start.auditedTips.sorted() + ["--"]
        let output = String(decoding: try git.run(arguments), as: UTF8.self)
        let fetched = try fetchedCommits(end: end)
        return output.split(separator: "\u{1E}").compactMap { record -> NewCommit? in
            let fields = record.trimmingCharacters(in: .newlines).split(
                separator: "\u{1F}", omittingEmptySubsequences: false)
            guard fields.count == 4, !fetched.contains(String(fields[0])) else { return nil }
            return NewCommit(
                id: String(fields[0]), tree: String(fields[1]),
                parents: fields[2].split(separator: " ").map(String.init),
                subject: String(fields[3]))
        }
    }

    /// Trees the session's hook passed.
    /// Commits that arrived during the session by `git fetch` or `git pull`: made elsewhere, not by the
    /// agent, so not audited. A remote-tracking ref's reflog says how each of its tips arrived; tips that
    /// came from a push (`update by push`) are the agent's own and stay audited.
    func fetchedCommits(end: RefSnapshot) throws(BelayError) -> Set<String> {
        let changed = end.refs.filter { $0.key.hasPrefix("refs/remotes/") && start.refs[$0.key] != $0.value }
        guard !changed.isEmpty else { return [] }
        var fetchedTips: [String] = []
        for ref in changed.keys.sorted() {
            let outcome = try git.outcome(["reflog", "show", "--format=%H%x1f%gs", ref, "--"])
            guard outcome.succeeded else { continue }
            for line in String(decoding: outcome.standardOutput, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: "\u{1F}", maxSplits: 1)
                guard fields.count == 2 else { continue }
                if String(fields[0]) == start.refs[ref] { break }  // back at the session's start
                if fields[1].hasPrefix("fetch") || fields[1].hasPrefix("pull") { fetchedTips.append(String(fields[0])) }
            }
        }
        guard !fetchedTips.isEmpty else { return [] }
        let listed = try git.outcome(["rev-list"] + fetchedTips + ["--not"] + start.auditedTips.sorted() + ["--"])
        guard listed.succeeded else { return [] }  // a pruned tip: audit everything rather than guess
        return Set(String(decoding: listed.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    func passedTrees() -> Set<String> {
        let text = FileManager.default.contents(atPath: setup.passedTreesFile).map {
            String(decoding: $0, as: UTF8.self)
        }
        return Set((text ?? "").split(separator: "\n").map(String.init))
    }

    /// Judges the commits and the working tree of the session as it stands now.
    func audit(end: RefSnapshot, config: () throws(BelayError) -> Config) throws(BelayError) -> (
        commits: [SessionCommit], working: SessionWorkingTree?, findings: [SessionFinding]
    ) {
        let commits = try newCommits(end: end)
        let passed = passedTrees()
        var verdicts: [SessionCommit] = []
        var rewrites: [String: String]?
        // `rules: { "hook-bypass": … }` applies here as to every other rule; read once, when first needed.
        var cachedBypassSeverity: Severity?? = nil
        func bypassSeverity() throws(BelayError) -> Severity? {
            if let cached = cachedBypassSeverity { return cached }
            let setting = try config().rules[HookBypassDetector.description.id]
            let severity = setting.map { $0.severity } ?? HookBypassDetector.description.defaultSeverity
            cachedBypassSeverity = .some(severity)
            return severity
        }
        for commit in commits {
            if passed.contains(commit.tree) {
                verdicts.append(
                    SessionCommit(
                        id: commit.id, subject: commit.subject, passedGate: true, verdict: .pass, findings: [],
                        checks: []))
                continue
            }
            let base = commit.parents.first ?? Git.emptyTree
            let outcome = try gate.run(GateOptions(scope: .range("\(base)..\(commit.id)"), agentMode: true))
            let ownFindings = SessionFinding.all(outcome.report.diagnostics, sources: outcome.sources)
            if rewrites == nil { rewrites = try rewrittenCommits() }
            if let operation = rewrites?[commit.id] {
                // git never runs pre-commit for these; the check now is the gate, and a clean one passes.
                verdicts.append(
                    SessionCommit(
                        id: commit.id, subject: commit.subject, passedGate: false, verdict: outcome.report.verdict,
                        findings: ownFindings, checks: outcome.report.checks, rewrittenBy: operation))
                continue
            }
            var findings = ownFindings
            if let severity = try bypassSeverity() {  // nil: the rule is off
                var bypass = HookBypassDetector.finding(commit: commit.id, subject: commit.subject)
                bypass.severity = severity
                findings.insert(SessionFinding(bypass, sources: [:]), at: 0)
            }
            let blocks = outcome.report.verdict == .block || findings.contains { $0.severity == .error }
            verdicts.append(
                SessionCommit(
                    id: commit.id, subject: commit.subject, passedGate: false, verdict: blocks ? .block : .pass,
                    findings: findings, checks: outcome.report.checks))
        }
        var findings: [SessionFinding] = []
        if !commits.isEmpty {
            findings += try protectedBranchFindings(end: end, config: try config())
        }
        findings += try pushFindings(end: end)
        return (verdicts, try workingTree(), findings)
    }

    /// The push policy on what the session pushed: every remote-tracking branch that moved during the
    /// session by a push (not a fetch), judged from where it was when the session started. The pre-push
    /// hook judged these already unless it was bypassed; this is the audit that does not depend on it.
    func pushFindings(end: RefSnapshot) throws(BelayError) -> [SessionFinding] {
        let prefix = "refs/remotes/"
        let moved = end.refs.filter {
            $0.key.hasPrefix(prefix) && !$0.key.hasSuffix("/HEAD") && start.refs[$0.key] != $0.value
        }
        var findings: [SessionFinding] = []
        for (ref, tip) in moved.sorted(by: { $0.key < $1.key }) {
            guard try pushedBySession(ref) else { continue }
            let short = ref.dropFirst(prefix.count)
            guard let slash = short.firstIndex(of: "/") else { continue }
            let remote = String(short[..<slash])
            let branch = String(short[short.index(after: slash)...])
            var target = PushTarget(
                tip: tip, branch: branch, remote: remote, oldTip: start.refs[ref],
                createdBySession: start.refs["refs/heads/\(branch)"] == nil && start.refs[ref] == nil)
            target.alreadyPushed = true
            let outcome = try gate.run(
                GateOptions(
                    scope: .pushed(tip: tip, boundaries: []),
                    only: ["merge-source", "push-drift", "push-size", "force-push"], runChecks: false, agentMode: true,
                    push: target))
            findings += outcome.report.diagnostics.map { SessionFinding($0, sources: [:]) }
        }
        return findings
    }

    /// Whether the remote-tracking `ref`'s newest reflog entry since the session started is a push.
    private func pushedBySession(_ ref: String) throws(BelayError) -> Bool {
        let outcome = try git.outcome(["reflog", "show", "-1", "--format=%gs", ref, "--"])
        return outcome.succeeded && String(decoding: outcome.standardOutput, as: UTF8.self).hasPrefix("update by push")
    }

    /// `protected-branch` for every protected branch that gained commits during the session.
    /// Commits that `HEAD`'s reflog says were written by `rebase`, `cherry-pick` or `revert`: git runs
    /// no pre-commit hook for them, so their missing gate pass is not a bypass. Read once, and only
    /// when some commit did not pass the gate.
    func rewrittenCommits() throws(BelayError) -> [String: String] {
        let outcome = try git.outcome(["reflog", "show", "--format=%H%x1f%gs", "HEAD", "--"])
        guard outcome.succeeded else { return [:] }
        var result: [String: String] = [:]
        for line in String(decoding: outcome.standardOutput, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\u{1F}", maxSplits: 1)
            guard fields.count == 2, result[String(fields[0])] == nil else { continue }
            let subject = fields[1]
            for operation in ["rebase", "cherry-pick", "revert"] where subject.hasPrefix(operation) {
                // "rebase (pick): …", "rebase -i (pick): …", "cherry-pick: …", "revert: …"
                if operation != "rebase" || subject.contains("(pick)") || subject.contains("(squash)")
                    || subject.contains("(fixup)") || subject.contains("(reword)") || subject.contains("(edit)")
                    || subject.contains("(continue)")
                {
                    result[String(fields[0])] = operation
                }
            }
        }
        return result
    }

    private func protectedBranchFindings(end: RefSnapshot, config: Config) throws(BelayError) -> [SessionFinding] {
        var findings: [SessionFinding] = []
        for branch in config.protectedBranches {
            let ref = "refs/heads/\(branch)"
            guard let tip = end.refs[ref], tip != start.refs[ref] else { continue }
            let added = try git.run(["rev-list", tip, "--not"] + start.auditedTips.sorted() + ["--"])
            guard let newest = String(decoding: added, as: UTF8.self).split(separator: "\n").first else { continue }
            if var finding = ProtectedBranchDetector.finding(
                branch: branch, protected: config.protectedBranches, commit: String(newest)),
                let severity = config.severity(of: "protected-branch", fallback: finding.severity)
            {
                finding.severity = severity
                findings.append(SessionFinding(finding, sources: [:]))
            }
        }
        return findings
    }

    /// The gate over changes left uncommitted (tracked and untracked), or `nil` when there are none.
    private func workingTree() throws(BelayError) -> SessionWorkingTree? {
        let status = try git.run(["status", "--porcelain", "-z", "--untracked-files=all"])
        guard !status.isEmpty else { return nil }
        let outcome = try gate.run(GateOptions(scope: .working, agentMode: true))
        return SessionWorkingTree(
            verdict: outcome.report.verdict,
            findings: SessionFinding.all(outcome.report.diagnostics, sources: outcome.sources),
            checks: outcome.report.checks)
    }

    /// `--quarantine`: moves each branch that holds a blocked commit back to the commit before the first
    /// blocked one, keeping its old tip under `refs/belay/quarantine/<session>/<branch>`. Only refs move:
    /// the working tree and the index keep the agent's files.
    func quarantine(end: RefSnapshot, blocked: Set<String>) throws(BelayError) -> [SessionQuarantine] {
        var moved: [SessionQuarantine] = []
        for (ref, tip) in end.refs.sorted(by: { $0.key < $1.key }) where ref.hasPrefix("refs/heads/") {
            guard tip != start.refs[ref] else { continue }
            let output = try git.run(
                ["rev-list", "--reverse", "--first-parent", tip, "--not"] + start.auditedTips.sorted() + ["--"])
            let chain = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
            guard let firstBad = chain.firstIndex(where: { blocked.contains($0) }) else { continue }
            let lastGood: String
            if firstBad > 0 {
                lastGood = chain[firstBad - 1]
            } else if let parent = try git.revParse("\(chain[firstBad])^") {
                lastGood = parent
            } else {
                continue  // a root commit: there is nothing good to move back to
            }
            let name = String(ref.dropFirst("refs/heads/".count))
            let kept = "refs/belay/quarantine/\(setup.id)/\(name)"
            try git.run(["update-ref", "-m", "belay quarantine \(setup.id)", kept, tip])
            try git.run(["update-ref", "-m", "belay quarantine \(setup.id)", ref, lastGood, tip])
            moved.append(SessionQuarantine(ref: ref, keptAt: kept, from: tip, to: lastGood))
        }
        return moved
    }
}

/// The refs as the session found them, in the session directory: the pre-push hook reads them to tell
/// the branches the session created (which its agent may rewrite) from those it found.
public enum SessionStartRefs {
    static let fileName = "start-refs"

    static func write(_ snapshot: RefSnapshot, to directory: String) throws(BelayError) {
        let text = snapshot.refs.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\n" }.joined()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + fileName))
        } catch {
            throw .internal("cannot write the session's start refs: \(error.localizedDescription)")
        }
    }

    /// Ref name → id, or `nil` when there is no session directory or no readable file.
    public static func read(_ directory: String?) -> [String: String]? {
        guard let directory, let data = FileManager.default.contents(atPath: directory + "/" + fileName) else {
            return nil
        }
        var refs: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { refs[String(parts[1])] = String(parts[0]) }
        }
        return refs
    }
}
