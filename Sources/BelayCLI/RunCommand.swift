import BelayCore
import BelayGate
import BelayGit
import BelayReport
import BelaySession
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `belay run [--branch NAME] [--heal N] [--quarantine] [--] COMMAND [ARG…]`.
func runSession(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    var heal = 0
    if let text = command.value("--heal") {
        guard let value = Int(text), value >= 0 else { throw .usage("--heal needs a number of rounds, got '\(text)'") }
        heal = value
    }
    let options = SessionOptions(
        command: command.positionals, branch: command.value("--branch"), heal: heal,
        quarantine: command.has("--quarantine"))
    let session = AgentSession(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory,
        belayPath: invocation.executablePath)
    let console = invocation.console
    let record = try session.run(options) { console.err($0) }
    console.err(sessionSummary(record))
    if record.verdict == .block { return 1 }
    if let code = record.rounds.last?.exitCode { return code }
    return record.rounds.last?.signal.map { 128 + $0 } ?? 0
}

/// What the person watching needs at the end: the verdict, which commits to fix, what was moved.
func sessionSummary(_ record: SessionRecord) -> String {
    guard let round = record.rounds.last else { return "" }
    var text = ""
    let passedGate = round.commits.filter(\.passedGate).count
    text +=
        "belay: session \(record.id): \(round.commits.count) new commit(s), \(passedGate) through the gate, "
        + "\(record.rounds.count) round(s)\n"
    for commit in round.commits where commit.verdict == .block {
        text += "belay: commit \(commit.id.prefix(12)) \"\(commit.subject)\" must be fixed:\n"
        for finding in commit.findings { text += "    \(finding.oneLine)\n" }
        for check in commit.checks where check.blocks { text += "    check '\(check.name)' \(check.status)\n" }
    }
    for finding in round.findings { text += "belay: \(finding.oneLine)\n" }
    if let working = round.workingTree {
        text += "belay: uncommitted changes were left in the working tree"
        if working.verdict == .block {
            text += "; they would be blocked:\n"
            for finding in working.findings { text += "    \(finding.oneLine)\n" }
            for check in working.checks where check.blocks { text += "    check '\(check.name)' \(check.status)\n" }
        } else {
            text += " (they pass the gate)\n"
        }
    }
    for moved in record.quarantine {
        text +=
            "belay: quarantined: \(moved.ref) moved back to \(moved.to.prefix(12)); the agent's commits are kept at \(moved.keptAt) (working tree untouched)\n"
    }
    text +=
        record.verdict == .pass
        ? "belay: session passed\n" : "belay: session BLOCKED; details: belay log \(record.id)\n"
    return text
}

/// belay started as `git` (the session's shim): refuse command lines that get around the gate, run the
/// real git for everything else.
func runGitShim(_ arguments: [String], environment: [String: String]) -> Int32 {
    if let refusal = GitShimPolicy.refusal(for: arguments) {
        FileHandle.standardError.write(Data((refusal + "\n").utf8))
        return 1
    }
    var realGit = environment["BELAY_REAL_GIT"] ?? ""
    if realGit.isEmpty || access(realGit, X_OK) != 0 {
        // Not started by a session: the first git on PATH that is not this binary.
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        realGit =
            path.map { "\($0)/git" }.first { candidate in
                access(candidate, X_OK) == 0 && URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path != me
            } ?? "/usr/bin/git"
    }
    let argv = ["git"] + arguments
    var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
    pointers.append(nil)
    execv(realGit, pointers)
    FileHandle.standardError.write(
        Data("belay: cannot run the real git '\(realGit)': \(String(cString: strerror(errno)))\n".utf8))
    return 127
}
