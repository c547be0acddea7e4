import BelayCore
import BelaySession
import Foundation
import XCTest

/// `belay run` end to end: the built binary (it is also the git shim), a real repository, and scripted
/// fake agents (shell scripts) that try every way around the gate.
final class SessionTests: XCTestCase {
    static let belay = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/belay").path
    var repo = ""
    var environment: [String: String] = [:]
    /// The real git by absolute path, as an agent would call it to get past the shim.
    var realGit = ""

    override func setUpWithError() throws {
        // `swift test` builds the executable; a missing binary is a broken build, never a skip.
        guard FileManager.default.isExecutableFile(atPath: Self.belay) else {
            XCTFail("the belay binary is missing at \(Self.belay): run swift build")
            throw CocoaError(.fileNoSuchFile)
        }
        repo = NSTemporaryDirectory() + "belay-session-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("GIT_") && !$0.key.hasPrefix("BELAY_")
        }
        environment["HOME"] = repo + "/.home"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "agent"
            environment["GIT_\(role)_EMAIL"] = "agent@belay.invalid"
        }
        realGit = try XCTUnwrap(resolveExecutable("git", path: environment["PATH"]))
        try git("init", "-q", "-b", "main")
        // The agent's home (its script, bare remotes, clones) lives beside the work, never in it: a git
        // object there is random bytes the working-tree audit would judge as text.
        try write(".git/info/exclude", ".home/\n")
        try write("belay.json5", "{}\n")
        try write("app.py", "def total(items):\n    return sum(items)\n")
        try write(
            "tests/test_app.py",
            "from app import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n\n\ndef test_empty():\n    assert total([]) == 0\n"
        )
        try git("add", "-A")
        try git("commit", "-q", "-m", "start")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: repo)
    }

    // MARK: - helpers

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: "\(repo)/\(path)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: "\(repo)/\(path)").map { String(decoding: $0, as: UTF8.self) }
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let outcome = try ProcessRunner().run(
            ProcessRequest(executable: realGit, arguments: arguments, environment: environment, workingDirectory: repo))
        XCTAssertTrue(outcome.succeeded, "git \(arguments): \(String(decoding: outcome.standardError, as: UTF8.self))")
        return String(decoding: outcome.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `script` as the agent (outside the repository) and runs `belay run OPTIONS -- agent`.
    func session(_ script: String, options: [String] = ["--branch", "agent/task"]) throws -> (
        status: Int32, output: String
    ) {
        let agent = repo + "/.home/agent.sh"
        try FileManager.default.createDirectory(atPath: repo + "/.home", withIntermediateDirectories: true)
        try Data("#!/bin/sh\nREALGIT='\(realGit)'\n\(script)\n".utf8).write(to: URL(fileURLWithPath: agent))
        chmod(agent, 0o755)
        let outcome = try ProcessRunner().run(
            ProcessRequest(
                executable: Self.belay, arguments: ["run"] + options + ["--", agent], environment: environment,
                workingDirectory: repo, timeout: 120, mergeOutput: true, marksChild: false))
        let output = String(decoding: outcome.standardOutput, as: UTF8.self)
        guard case .exited(let status) = outcome.termination else {
            XCTFail("belay run ended with \(outcome.termination): \(output)")
            return (-1, output)
        }
        return (status, output)
    }

    func lastRecord() throws -> SessionRecord {
        let records = SessionStore(belayDirectory: repo + "/.git/belay").list()
        return try XCTUnwrap(records.last)
    }

    func findingRules(_ record: SessionRecord) -> Set<String> {
        guard let round = record.rounds.last else { return [] }
        return Set(
            round.commits.flatMap { $0.findings.map(\.rule) } + round.findings.map(\.rule)
                + (round.workingTree?.findings.map(\.rule) ?? []))
    }

    // MARK: - scenarios

    func testCleanSessionPassesAndKeepsItsCommits() throws {
        let result = try session(
            "printf 'def double(x):\\n    return 2 * x\\n' > double.py && git add double.py && git commit -q -m 'Add double'"
        )
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "Add double")
        XCTAssertEqual(try git("rev-parse", "--abbrev-ref", "HEAD"), "agent/task")
        let record = try lastRecord()
        XCTAssertEqual(record.verdict, .pass)
        XCTAssertEqual(record.rounds.first?.commits.map(\.passedGate), [true])
        XCTAssertEqual(record.branch, "agent/task")
        // The repository's own hooks setting is untouched; the session's hooks were only in the environment.
        XCTAssertFalse(read(".git/config")?.contains("hooksPath") ?? true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo + "/.git/hooks/pre-commit"))
    }

    func testTheRepositorysOwnHooksStillRunFirst() throws {
        try write(".git/hooks/pre-commit", "#!/bin/sh\necho pre-commit >> \"$HOME/own-hooks\"\n")
        try write(".git/hooks/commit-msg", "#!/bin/sh\necho commit-msg >> \"$HOME/own-hooks\"\n")
        chmod(repo + "/.git/hooks/pre-commit", 0o755)
        chmod(repo + "/.git/hooks/commit-msg", 0o755)
        let result = try session("echo 'e = 5' > e.py && git add e.py && git commit -q -m 'With own hooks'")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(read(".home/own-hooks"), "pre-commit\ncommit-msg\n")
        XCTAssertEqual(try lastRecord().rounds.last?.commits.map(\.passedGate), [true])
    }

    func testNoVerifyIsRefusedByTheShim() throws {
        let result = try session(
            "echo 'x = 1' > one.py && git add one.py && git commit -q --no-verify -m 'skip'; echo \"status=$?\"")
        XCTAssertTrue(result.output.contains("refusing 'git commit --no-verify'"), result.output)
        XCTAssertTrue(result.output.contains("status=1"), result.output)
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "start")
    }

    func testAbsoluteGitWithNoVerifyIsCaughtByTheAudit() throws {
        let result = try session(
            "printf 'x = 1   \\n' > one.py && \"$REALGIT\" add one.py && \"$REALGIT\" commit -q --no-verify -m 'sneak'")
        XCTAssertEqual(result.status, 1, result.output)
        let record = try lastRecord()
        let commit = try XCTUnwrap(record.blockedCommits.first)
        XCTAssertEqual(commit.subject, "sneak")
        XCTAssertFalse(commit.passedGate)
        XCTAssertEqual(Set(commit.findings.map(\.rule)), ["hook-bypass", "trailing-whitespace"])
        XCTAssertTrue(result.output.contains("\"sneak\" must be fixed"), result.output)
        // Nothing is rewritten.
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "sneak")
    }

    func testPushAroundThePrePushHookIsJudgedAtTheSessionsEnd() throws {
        try git("init", "-q", "--bare", repo + "/.home/origin.git")
        try git("remote", "add", "origin", repo + "/.home/origin.git")
        try git("push", "-q", "origin", "main")
        try git("checkout", "-q", "-b", "develop")
        for index in 1...3 {
            try write("develop\(index).py", "VALUE = \(index)\n")
            try git("add", "-A")
            try git("commit", "-q", "-m", "develop \(index)")
        }
        try git("push", "-q", "origin", "develop")
        try git("checkout", "-q", "main")
        let result = try session(
            "printf 'X = 1\\n' > x.py && git add x.py && git commit -q -m x && "
                + "\"$REALGIT\" merge -q --no-edit origin/develop && \"$REALGIT\" push -q --no-verify origin agent/task"
        )
        XCTAssertEqual(result.status, 1, result.output)
        let record = try lastRecord()
        XCTAssertTrue(findingRules(record).contains("merge-source"), result.output)
        let finding = try XCTUnwrap(record.rounds.last?.findings.first { $0.rule == "merge-source" })
        XCTAssertTrue(
            finding.message.contains("brings in origin/develop (3 commits not on origin/main)"), finding.message)
    }

    /// SIGTERM sent to `belay run` goes to the agent; when it has exited, what it committed is still audited.
    func testSignalIsForwardedToTheAgentAndTheSessionIsStillAudited() throws {
        let home = repo + "/.home"
        let script = """
            printf 'x = 1   \\n' > one.py && "$REALGIT" add one.py && "$REALGIT" commit -q --no-verify -m 'sneak'
            trap 'kill $!; echo got-term > \(home)/term; exit 143' TERM
            sleep 300 &
            echo $PPID > \(home)/belay.pid
            wait
            """
        let finished = DispatchSemaphore(value: 0)
        let box = SessionBox()
        nonisolated(unsafe) let test = self
        let thread = Thread {
            box.result = try? test.session(script)
            finished.signal()
        }
        thread.start()
        var belayPID: pid_t?
        let deadline = Date().addingTimeInterval(60)
        while belayPID == nil && Date() < deadline {
            belayPID = FileManager.default.contents(atPath: home + "/belay.pid").flatMap {
                pid_t(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let pid = try XCTUnwrap(belayPID, "the agent never started")
        XCTAssertEqual(kill(pid, SIGTERM), 0)
        XCTAssertEqual(finished.wait(timeout: .now() + 120), .success, "belay run hung")

        let result = try XCTUnwrap(box.result)
        XCTAssertEqual(read(".home/term"), "got-term\n", "the agent received the SIGTERM: \(result.output)")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("\"sneak\" must be fixed"), result.output)
        XCTAssertEqual(try lastRecord().blockedCommits.first?.subject, "sneak")
    }

    func testHooksPathDevNullIsRefusedOrAudited() throws {
        let result = try session(
            """
            echo 'a = 1' > a.py && git add a.py
            git -c core.hooksPath=/dev/null commit -q -m 'via shim'; echo "shim=$?"
            "$REALGIT" -c core.hooksPath=/dev/null commit -q -m 'via real git'
            """)
        XCTAssertTrue(result.output.contains("shim=1"), result.output)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(try lastRecord().blockedCommits.map(\.subject), ["via real git"])
    }

    func testCommitTreeAndUpdateRefIsAudited() throws {
        let result = try session(
            """
            echo 'b = 2' > b.py && git add b.py
            tree=$(git write-tree)
            commit=$(echo plumbing | git commit-tree "$tree" -p HEAD)
            git update-ref refs/heads/agent/task "$commit"
            """)
        XCTAssertEqual(result.status, 1, result.output)
        let record = try lastRecord()
        XCTAssertEqual(record.blockedCommits.map(\.subject), ["plumbing"])
        XCTAssertEqual(findingRules(record), ["hook-bypass"])
    }

    func testEditingBelayConfigIsGuardTamper() throws {
        let result = try session(
            "echo '{ rules: { \"trailing-whitespace\": \"off\" } }' > belay.json5 && git commit -q -am 'Relax belay'")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("guard-tamper"), result.output)
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "start")
        XCTAssertTrue(findingRules(try lastRecord()).contains("guard-tamper"))
    }

    func testAddingPytestSkipIsTestWeakened() throws {
        let result = try session(
            """
            sed -i 's/^def test_total/@pytest.mark.skip\\ndef test_total/' tests/test_app.py
            git commit -q -am 'Skip the flaky test'
            """)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("test-weakened"), result.output)
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "start")
    }

    func testDeletingATestFileIsTestWeakened() throws {
        let result = try session(
            "\"$REALGIT\" rm -q tests/test_app.py && \"$REALGIT\" commit -q --no-verify -m 'Drop tests'")
        XCTAssertEqual(result.status, 1, result.output)
        let commit = try XCTUnwrap(try lastRecord().blockedCommits.first)
        XCTAssertTrue(
            commit.findings.contains { $0.rule == "test-weakened" && $0.message.contains("tests/test_app.py") })
    }

    func testCommittingOnMainIsProtectedBranch() throws {
        let result = try session(
            "echo 'c = 3' > c.py && git add c.py && git commit -q -m 'Straight to main'; echo \"status=$?\"",
            options: [])
        XCTAssertTrue(result.output.contains("protected-branch"), result.output)
        XCTAssertTrue(result.output.contains("status=1"), result.output)
        XCTAssertEqual(try git("log", "-1", "--format=%s", "main"), "start")

        let bypass = try session(
            "echo 'd = 4' > d.py && \"$REALGIT\" add d.py && \"$REALGIT\" commit -q --no-verify -m 'Sneak onto main'",
            options: [])
        XCTAssertEqual(bypass.status, 1, bypass.output)
        XCTAssertEqual(findingRules(try lastRecord()), ["hook-bypass", "protected-branch"])
    }

    func testHealLoopFeedsTheFindingsBackUntilTheGatePasses() throws {
        let result = try session(
            """
            if [ -s "$BELAY_FEEDBACK" ]; then
                cp "$BELAY_FEEDBACK" "$HOME/feedback-seen"
                printf 'x = 1\\n' > fix.py
            else
                printf 'x = 1   \\n' > fix.py
            fi
            git add fix.py && git commit -q -m "Round $BELAY_ROUND"
            """, options: ["--branch", "agent/task", "--heal", "2"])
        XCTAssertEqual(result.status, 0, result.output)
        let record = try lastRecord()
        XCTAssertEqual(record.rounds.map(\.verdict), [.block, .pass])
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "Round 2")
        let feedback = try XCTUnwrap(read(".home/feedback-seen"))
        XCTAssertTrue(feedback.contains("fix.py:1:6: error[trailing-whitespace]"), feedback)
        XCTAssertTrue(feedback.contains("fix: delete the whitespace at the end of the line"), feedback)
    }

    func testLeftoverUncommittedEditsAreChecked() throws {
        let result = try session("printf 'def f():\\n    return 1  \\n' > leftover.py")
        XCTAssertEqual(result.status, 1, result.output)
        let working = try XCTUnwrap(try lastRecord().rounds.last?.workingTree)
        XCTAssertEqual(working.verdict, .block)
        XCTAssertEqual(working.findings.map(\.rule), ["trailing-whitespace"])
        XCTAssertTrue(result.output.contains("uncommitted changes were left"), result.output)
    }

    func testQuarantineKeepsEveryCommitReachable() throws {
        let result = try session(
            """
            echo 'good = 1' > good.py && git add good.py && git commit -q -m 'Good'
            printf 'bad = 1  \\n' > bad.py && "$REALGIT" add bad.py && "$REALGIT" commit -q --no-verify -m 'Bad'
            echo 'later = 1' > later.py && "$REALGIT" add later.py && "$REALGIT" commit -q --no-verify -m 'Later'
            """, options: ["--branch", "agent/task", "--quarantine"])
        XCTAssertEqual(result.status, 1, result.output)
        let record = try lastRecord()
        let moved = try XCTUnwrap(record.quarantine.first)
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "Good")
        XCTAssertEqual(try git("log", "--format=%s", moved.keptAt), "Later\nBad\nGood\nstart")
        XCTAssertEqual(moved.keptAt, "refs/belay/quarantine/\(record.id)/agent/task")
        // The agent's files are still in the working tree.
        XCTAssertEqual(read("bad.py"), "bad = 1  \n")
        XCTAssertEqual(read("later.py"), "later = 1\n")
    }

    func testLogListsAndShowsSessions() throws {
        _ = try session("true")
        let id = try lastRecord().id
        let list = try ProcessRunner().run(
            ProcessRequest(executable: Self.belay, arguments: ["log"], environment: environment, workingDirectory: repo)
        )
        XCTAssertTrue(String(decoding: list.standardOutput, as: UTF8.self).contains(id))
        let json = try ProcessRunner().run(
            ProcessRequest(
                executable: Self.belay, arguments: ["log", String(id.prefix(19)), "--format", "json"],
                environment: environment, workingDirectory: repo))
        let record = try JSONDecoder().decode(SessionRecord.self, from: Data(json.standardOutput))
        XCTAssertEqual(record.id, id)
        XCTAssertEqual(record.verdict, .pass)
    }
}

/// What a session run on another thread returned.
private final class SessionBox: @unchecked Sendable {
    var result: (status: Int32, output: String)?
}
