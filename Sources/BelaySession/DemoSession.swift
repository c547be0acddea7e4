import BelayCore
import BelayGate
import BelayGit
import Foundation

extension Demo {
    /// The session scene: an agent inside `belay run` reaches for `--no-verify`. The shim's policy refuses
    /// it; the agent then calls the real git by path, and the end-of-session audit finds the commit.
    func sessionScene(git: Git, directory: String, emit: (String) -> Void) throws(BelayError) -> Outcome {
        emit("\n── session  an agent inside `belay run` reaches for --no-verify\n")
        emit("Its commit was blocked, so it retries without the hooks. The session's git shim refuses:\n")
        let attempt = ["commit", "--no-verify", "-m", "wip"]
        emit("$ git \(attempt.joined(separator: " "))\n\(GitShimPolicy.refusal(for: attempt) ?? "")\n")

        let repository = try Repository.discover(git: git)
        let setup = SessionSetup(
            directory: repository.belayDirectory + "/sessions/demo", id: "demo", realGit: "git",
            originalHooks: repository.hooksDirectory, belayPath: "belay")
        do {
            try FileManager.default.createDirectory(atPath: setup.directory, withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: setup.passedTreesFile))
            try Data("def notes():  \n    return 'wip'\n".utf8).write(
                to: URL(fileURLWithPath: directory + "/app/notes.py"))
        } catch {
            throw .internal("demo: cannot prepare the session scene: \(error.localizedDescription)")
        }
        let start = try RefSnapshot.read(git, gitDirectory: repository.gitDirectory)
        emit("So it runs the real git by path, which no shim can see:\n$ /usr/bin/git commit --no-verify -m wip\n")
        try git.run(["add", "--", "app/notes.py"])
        try git.run(["commit", "-q", "--no-verify", "-m", "wip", "--", "app/notes.py"])

        let audit = SessionAudit(
            git: git, gate: Gate(runner: runner, environment: environment, directory: directory), setup: setup,
            start: start)
        let result = try audit.audit(end: try RefSnapshot.read(git, gitDirectory: repository.gitDirectory)) {
            () throws(BelayError) -> Config in .default
        }
        emit("At the end of the session, belay audits every commit that appeared on any ref:\n")
        let blocked = result.commits.filter { $0.verdict == .block }
        for commit in blocked {
            emit("belay: commit \(commit.id.prefix(12)) \"\(commit.subject)\" must be fixed:\n")
            for finding in commit.findings { emit("    \(finding.oneLine)\n") }
        }
        emit("Nothing is rewritten: the session exits 1 and names the commit (--quarantine sets it aside).\n")
        let rules = Array(Set(blocked.flatMap { $0.findings.map(\.rule) })).sorted()
        return Outcome(
            title: "An agent commits with --no-verify", expectedPass: false, passed: blocked.isEmpty, caughtBy: rules)
    }
}
