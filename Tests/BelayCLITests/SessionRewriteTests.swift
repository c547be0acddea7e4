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
