import BelayCore
import BelayGate
import BelayGit
import BelayReport
import BelaySession
import Foundation

/// `belay install` and `belay uninstall`, in the hooks directory git really uses.
func runInstall(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let git = Git(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory)
    let repository = try Repository.discover(git: git)
    let installer = HookInstaller(hooksDirectory: repository.hooksDirectory, belayPath: invocation.executablePath)
    let lines: [String]
    if command.command == "uninstall" {
        lines = try installer.uninstall()
        if lines.isEmpty { invocation.console.out("no belay hooks in \(repository.hooksDirectory)\n") }
    } else {
        let hooks =
            command.value("--hooks").map {
                $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } ?? HookInstaller.defaultHooks
        lines = try installer.install(hooks: hooks, force: command.has("--force"))
    }
    for line in lines { invocation.console.out(line + "\n") }
    return 0
}

/// `belay hook pre-commit | pre-push`: what the installed hook scripts run.
func runHook(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let format = ReportFormat(rawValue: command.value("--format") ?? "text") ?? .text
    let limit = try maxFindings(command)
    // A check belay is running made this commit (in a snapshot): the gate is already in progress.
    if invocation.environment["BELAY_ACTIVE"] == "1" { return 0 }
    // Inside a `belay run` session the agent-only rules apply, and a pass is recorded for the audit. The
    // gate's own git calls skip the session's shim.
    let agentMode = invocation.environment["BELAY_SESSION"] != nil
    var invocation = invocation
    if let session = invocation.environment["BELAY_SESSION_DIR"], let path = invocation.environment["PATH"] {
        invocation.environment["PATH"] = path.split(separator: ":").filter { $0 != session + "/bin" }
            .joined(separator: ":")
    }
    switch command.positionals[0] {
    case "pre-commit":
        return try runGate(
            GateOptions(scope: .staged, agentMode: agentMode), format: format, maxFindings: limit,
            invocation: invocation, toStderr: true,
            onPass: { recordSessionPass($0, invocation) })
    case "pre-push":
        return try runPrePush(command, invocation, format: format, maxFindings: limit, agentMode: agentMode)
    case "claude", "codex":
        return try runAgentHook(command.positionals[0], invocation)
    case let other:
        throw .usage("unknown hook '\(other)'; expected pre-commit, pre-push, claude or codex")
    }
}

/// The push policy and the content rules on what each pushed ref publishes: the commits on no remote yet,
/// judged against what the remotes already have (a merge of a published branch is judged for its
/// resolution, not for the branch it brings in).
private func runPrePush(
    _ command: ParsedCommand, _ invocation: Invocation, format: ReportFormat, maxFindings: Int, agentMode: Bool
) throws(BelayError) -> Int32 {
    let updates = parsePrePushInput(invocation.console.readStdin())
    // `git push /some/path` passes the URL as the remote's name: no remote-tracking refs go by it.
    var remote = command.positionals.count > 1 ? command.positionals[1] : "origin"
    if remote.contains("/") || remote.contains(":") { remote = "origin" }
    let started = agentMode ? SessionStartRefs.read(invocation.environment["BELAY_SESSION_DIR"]) : nil
    var status: Int32 = 0
    for update in updates {
        var target = PushTarget(update, remote: remote)
        if agentMode, let branch = target.branch {
            // Fail closed: without the session's start refs, no branch counts as the session's own.
            target.createdBySession =
                started.map { refs in
                    refs["refs/heads/\(branch)"] == nil && refs["refs/remotes/\(remote)/\(branch)"] == nil
                } ?? false
        }
        invocation.console.err("belay: checking the push to \(update.remoteRef)\n")
        var published: [GraphCommit] = []
        let result = try runGate(
            GateOptions(scope: .pushed(tip: update.localSHA, boundaries: []), agentMode: agentMode, push: target),
            format: format, maxFindings: maxFindings, invocation: invocation, toStderr: true,
            onPass: { published = $0.pushed?.published ?? [] })
        status = max(status, result)
        guard result == 0, published.count > 1 else { continue }
        // A credential added by one pushed commit and deleted by a later one is still published: the
        // secret rules judge each commit on its own too (a merge against all its parents).
        for commit in published.dropFirst() {  // newest first; the tip was judged above
            let blocked = try runGate(
                GateOptions(
                    scope: .pushed(
                        tip: commit.id, boundaries: commit.parents.isEmpty ? [Git.emptyTree] : commit.parents),
                    only: ["secret-token", "secret-file"], runChecks: false, agentMode: agentMode),
                format: format, invocation: invocation, toStderr: true, quietOnPass: true)
            if blocked != 0 {
                invocation.console.err(
                    "belay: commit \(commit.id.prefix(12)) publishes a credential a later commit removes\n")
                status = max(status, blocked)
                break
            }
        }
    }
    return status
}
