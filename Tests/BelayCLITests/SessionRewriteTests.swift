import BelaySession
import Foundation
import XCTest

/// `rebase`, `cherry-pick` and `revert` write commits without running pre-commit, by design: the audit
/// checks them, blocks on their real findings, and does not call them a bypass.
extension SessionTests {
    func testACleanRebaseIsNotABypass() throws {
        // main moves on after the agent's branch starts; the agent rebases onto it.
        try git("checkout", "-q", "-b", "agent/task")
        try git("checkout", "-q", "main")
        try write("other.py", "OTHER = 1\n")
        try git("add", "other.py")
        try git("commit", "-q", "-m", "meanwhile on main")
        try git("checkout", "-q", "agent/task")
        let result = try session(
            """
            printf 'def double(x):\\n    return 2 * x\\n' > double.py && git add double.py && git commit -q -m 'Add double'
            git rebase -q main
            """)
        XCTAssertEqual(result.status, 0, result.output)
        let record = try lastRecord()
        XCTAssertEqual(record.verdict, .pass)
        let commits = try XCTUnwrap(record.rounds.last?.commits)
        XCTAssertTrue(commits.contains { $0.rewrittenBy == "rebase" && $0.verdict == .pass }, "\(commits)")
        XCTAssertFalse(findingRules(record).contains("hook-bypass"), "\(findingRules(record))")
    }

    func testACherryPickStillBlocksOnItsOwnFindings() throws {
        // A commit with trailing whitespace sits on another branch (made before the session).
        try git("checkout", "-q", "-b", "scratch")
        try write("messy.py", "x = 1   \n")
        try git("add", "messy.py")
        try git("commit", "-q", "-m", "messy")
        try git("checkout", "-q", "main")
        // main moves on, so the cherry-pick writes a new commit (not the same one again).
        try write("other.py", "OTHER = 1\n")
        try git("add", "other.py")
        try git("commit", "-q", "-m", "meanwhile on main")
        let result = try session("git cherry-pick scratch >/dev/null")
        XCTAssertEqual(result.status, 1, result.output)
        let record = try lastRecord()
        let rules = findingRules(record)
        XCTAssertTrue(rules.contains("trailing-whitespace"), "\(rules)")
        XCTAssertFalse(rules.contains("hook-bypass"), "a cherry-pick is not a bypass: \(rules)")
        XCTAssertEqual(record.rounds.last?.commits.first?.rewrittenBy, "cherry-pick")
    }
}

/// Commits fetched during a session were made elsewhere; commits the agent pushes are still its own.
extension SessionTests {
    /// A bare `origin` with a commit someone else made after the session's repository was set up.
    private func originWithForeignCommit() throws -> String {
        let origin = repo + "/.home/origin.git"
        try git("init", "-q", "--bare", "-b", "main", origin)
        try git("remote", "add", "origin", origin)
        try git("push", "-q", "origin", "main")
        let other = repo + "/.home/other"
        try git("clone", "-q", origin, other)
        try Data("TEAMMATE = 1\n".utf8).write(to: URL(fileURLWithPath: other + "/teammate.py"))
        try git("-C", other, "add", "teammate.py")
        try git("-C", other, "commit", "-q", "--no-verify", "-m", "a teammate's commit")
        try git("-C", other, "push", "-q", "origin", "main")
        return origin
    }

    func testFetchedCommitsAreNotAudited() throws {
        _ = try originWithForeignCommit()
        let result = try session("git fetch -q origin && git merge -q --ff-only origin/main")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(try git("log", "-1", "--format=%s", "agent/task"), "a teammate's commit")
        XCTAssertFalse(findingRules(try lastRecord()).contains("hook-bypass"))
    }

    func testPushedBypassIsStillAudited() throws {
        _ = try originWithForeignCommit()
        let result = try session(
            """
            printf 'x = 1   \\n' > one.py && "$REALGIT" add one.py && "$REALGIT" commit -q --no-verify -m 'sneak'
            "$REALGIT" push -q --no-verify origin HEAD:refs/heads/agent
            """)
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(findingRules(try lastRecord()).contains("hook-bypass"), result.output)
    }
}

/// The audit honours severity overrides like every other rule.
extension SessionTests {
    func testHookBypassSeverityOverrideApplies() throws {
        try write("belay.json5", "{ rules: { \"hook-bypass\": \"warning\" } }\n")
        try git("commit", "-q", "-am", "bypass is a warning here")
        let result = try session(
            "printf 'x = 1\\n' > one.py && \"$REALGIT\" add one.py && \"$REALGIT\" commit -q --no-verify -m 'clean sneak'"
        )
        XCTAssertEqual(result.status, 0, "a warning does not block: \(result.output)")
        let findings = try XCTUnwrap(lastRecord().rounds.last?.commits.first?.findings)
        XCTAssertEqual(findings.map(\.rule), ["hook-bypass"])
        XCTAssertEqual(findings.first?.severity, .warning)
    }
}
