import BelayCore
import BelayGate
import BelayGit
import BelayReport
import BelaySession
import Foundation

/// `belay hook claude | codex`: the agent's hook protocol (both use the same wire format). `PreToolUse` on a
/// Bash command that commits or pushes gates that change and denies the tool call when it is blocked (or
/// tries `--no-verify`); `Stop` gates the working changes and keeps the agent working when they are blocked.
/// Everything else passes silently. Decisions go to stdout as JSON, with exit 0; the reason also to stderr.
func runAgentHook(_ agent: String, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let console = invocation.console
    guard let event = AgentHookEvent.parse(console.readStdin()) else {
        console.err("belay: hook \(agent): the input is not the hook JSON the agent sends; nothing was checked\n")
        return 0
    }
    var directory = invocation.workingDirectory
    if let cwd = event.cwd, !cwd.isEmpty { directory = cwd }
    switch event.name {
    case "PreToolUse":
        guard event.toolName == "Bash", let command = event.command else { return 0 }
        let intent = AgentGitIntent.analyse(command)
        if let refusal = intent.refusal {
            return deny(refusal, console)
        }
        guard intent.commits || intent.pushes else { return 0 }
        if let relative = intent.directory {
            directory = relative.hasPrefix("/") ? relative : directory + "/" + relative
        }
        var blocked: [String] = []
        if intent.commits {
            let scope: GateOptions.Scope = intent.commitsAll ? .working : .staged
            blocked += try agentGate(GateOptions(scope: scope, agentMode: true), directory: directory, invocation)
        }
        if intent.pushes, let target = try pushTarget(directory: directory, invocation), let tip = target.tip {
            blocked += try agentGate(
                GateOptions(scope: .pushed(tip: tip, boundaries: []), agentMode: true, push: target),
                directory: directory, invocation)
        }
        guard !blocked.isEmpty else { return 0 }
        let what = intent.commits ? "this commit" : "this push"
        return deny(reason(what, blocked), console)
    case "Stop":
        let git = Git(runner: invocation.runner, environment: invocation.environment, directory: directory)
        guard let status = try? git.run(["status", "--porcelain", "-z", "--untracked-files=all"]), !status.isEmpty
        else { return 0 }
        let blocked = try agentGate(GateOptions(scope: .working, agentMode: true), directory: directory, invocation)
        guard !blocked.isEmpty else { return 0 }
        let text = reason("the uncommitted changes", blocked)
        console.err(text + "\n")
        if !event.stopHookActive { console.out(AgentHookResponse.block(text)) }
        return 0
    default:
        return 0
    }
}

private func deny(_ reason: String, _ console: Console) -> Int32 {
    console.err(reason + "\n")
    console.out(AgentHookResponse.deny(reason))
    return 0
}

/// Claude Code keeps at most 10,000 characters of a hook's output: the decision JSON stays below this.
let agentHookOutputLimit = 9_500

/// Longest item (a finding, a failed check's last lines) in an agent hook's reason.
let agentReasonItemLimit = 800

/// The reason an agent hook gives, as many whole items as fit in ``agentHookOutputLimit`` once rendered
/// as the decision JSON (escaping included), then how many were left out.
func reason(_ what: String, _ items: [String]) -> String {
    var text = "belay blocked \(what). Fix these, then try again (never with --no-verify):"
    func fits(_ candidate: String) -> Bool {
        max(AgentHookResponse.deny(candidate).count, AgentHookResponse.block(candidate).count)
            <= agentHookOutputLimit
    }
    for (index, item) in items.enumerated() {
        let shortened = item.count > agentReasonItemLimit ? item.prefix(agentReasonItemLimit - 1) + "…" : item
        let left = items.count - index - 1
        // Room is kept for the line that says how many more there are.
        let reserve = left > 0 ? "\n- … and \(items.count) more: `belay check --format json` for all" : ""
        guard fits(text + "\n- " + shortened + reserve) else {
            return text + "\n- … and \(items.count - index) more: `belay check --format json` for all"
        }
        text += "\n- " + shortened
    }
    return text
}

/// Runs the gate in agent mode; the blocking findings and checks, one line each (empty: it passed). An
/// internal failure is reported, never a reason to block the agent silently or let it through silently.
private func agentGate(
    _ options: GateOptions, directory: String, _ invocation: Invocation
) throws(BelayError) -> [String] {
    let gate = Gate(runner: invocation.runner, environment: invocation.environment, directory: directory)
    let outcome: GateOutcome
    do {
        outcome = try gate.run(options)
    } catch .internal(let message) {
        gate.recordInternalError(message)
        invocation.console.err("belay: internal error: \(message)\n")
        if gate.internalErrorPolicy() == .block { return ["belay could not run the gate: \(message)"] }
        invocation.console.err("belay: WARNING: NOTHING WAS CHECKED (onInternalError is \"allow\")\n")
        return []
    }
    guard outcome.report.verdict == .block else { return [] }
    let findings = SessionFinding.all(outcome.report.diagnostics, sources: outcome.sources)
    return SessionFeedback.items(findings: findings, checks: outcome.report.checks)
}

/// The push an agent's `git push` is about to make, as the push policy sees it: `HEAD` to its branch on
/// `origin`, from what `origin/<branch>` holds. Outside a session nothing tells which branches the agent
/// created, so rewriting any branch counts as rewriting someone else's (unless `push.allowForcePush`).
private func pushTarget(directory: String, _ invocation: Invocation) throws(BelayError) -> PushTarget? {
    let git = Git(runner: invocation.runner, environment: invocation.environment, directory: directory)
    guard let head = try git.revParse("HEAD") else { return nil }
    let symbolic = try git.outcome(["symbolic-ref", "--quiet", "--short", "HEAD"])
    let branch = String(decoding: symbolic.standardOutput, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
    guard symbolic.succeeded, !branch.isEmpty else {
        return PushTarget(tip: head, branch: nil, createdBySession: false)
    }
    let old = try git.revParse("refs/remotes/origin/\(branch)")
    return PushTarget(tip: head, branch: branch, oldTip: old, createdBySession: false)
}

/// In a `belay run` session, remembers the tree the session's pre-commit hook just passed.
func recordSessionPass(_ outcome: GateOutcome, _ invocation: Invocation) {
    guard let directory = invocation.environment["BELAY_SESSION_DIR"], !directory.isEmpty else { return }
    let git = Git(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory)
    guard let tree = try? git.writeTree(of: outcome.repository) else { return }
    recordPassedTree(tree, sessionDirectory: directory)
}
