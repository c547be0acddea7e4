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
        return try runPrePush(invocation, format: format, maxFindings: limit, agentMode: agentMode)
    case "claude", "codex":
        return try runAgentHook(command.positionals[0], invocation)
    case let other:
        throw .usage("unknown hook '\(other)'; expected pre-commit, pre-push, claude or codex")
    }
}

/// Checks every commit being pushed, as one change per pushed ref (from the remote's tip, or from
/// where the branch leaves what the remotes already have).
private func runPrePush(
    _ invocation: Invocation, format: ReportFormat, maxFindings: Int, agentMode: Bool
) throws(BelayError) -> Int32 {
    let git = Git(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory)
    let updates = parsePrePushInput(invocation.console.readStdin())
    var status: Int32 = 0
    for update in updates where !update.isDeletion {
        let commits = try git.commitsToCheck(update)
        guard let oldest = commits.first, let newest = commits.last else { continue }  // oldest first
        let base = try git.revParse("\(oldest)^") ?? Git.emptyTree
        invocation.console.err("belay: checking \(commits.count) commit(s) pushed to \(update.remoteRef)\n")
        let result = try runGate(
            GateOptions(scope: .range("\(base)..\(newest)"), agentMode: agentMode), format: format,
            maxFindings: maxFindings, invocation: invocation, toStderr: true)
        status = max(status, result)
        guard result == 0, commits.count > 1 else { continue }
        // A credential added by one pushed commit and deleted by a later one is still published: the
        // secret rules judge each commit on its own too.
        for commit in commits.dropLast() {
            let parent = try git.revParse("\(commit)^") ?? Git.emptyTree
            let blocked = try runGate(
                GateOptions(
                    scope: .range("\(parent)..\(commit)"), only: ["secret-token", "secret-file"], runChecks: false,
                    agentMode: agentMode),
                format: format, invocation: invocation, toStderr: true, quietOnPass: true)
            if blocked != 0 {
                invocation.console.err(
                    "belay: commit \(commit.prefix(12)) publishes a credential a later commit removes\n")
                status = max(status, blocked)
                break
            }
        }
    }
    return status
}
