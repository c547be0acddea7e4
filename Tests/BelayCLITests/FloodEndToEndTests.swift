import Foundation
import XCTest

/// A staged generated file with thousands of findings: text lists `--max-findings` of them (default 50),
/// errors first, then how many more per rule; json and sarif stay complete; an agent hook's reason stays
/// under Claude Code's 10,000-character limit.
final class FloodEndToEndTests: XCTestCase {
    static let lines = 5_000

    /// `a.txt` (a warning: no final newline, listed first in the change) and `generated.txt`: one
    /// trailing-whitespace error per line.
    private func floodedRepository(config: String? = nil) throws -> TestRepository {
        let repo = try TestRepository()
        if let config { try repo.config(config) }
        try repo.write("keep.txt", "keep\n")
        try repo.commitAll()
        try repo.write("a.txt", "no final newline")
        try repo.write("generated.txt", String(repeating: "value = 1   \n", count: Self.lines))
        try repo.git("add", "a.txt", "generated.txt")
        return repo
    }

    private func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    func testTextListsFiftyErrorsFirstThenCountsTheRestPerRule() throws {
        let repo = try floodedRepository()
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 1, result.err)
        XCTAssertEqual(occurrences("error[trailing-whitespace]", in: result.out), 50)
        XCTAssertEqual(occurrences("warning[final-newline]", in: result.out), 0, "errors come before warnings")
        XCTAssertTrue(
            result.out.contains(
                "…and 4951 more (4950 trailing-whitespace, 1 final-newline): `belay check --format json` for all"),
            String(result.out.suffix(600)))
        XCTAssertLessThan(result.out.split(separator: "\n").count, 300, "the flood is bounded")
        XCTAssertTrue(result.out.contains("belay: blocked — 5000 errors, 1 warning"), "the summary counts all")
    }

    func testMaxFindingsChoosesTheBoundAndZeroListsAll() throws {
        let repo = try floodedRepository()
        let three = repo.belay("check", "--max-findings", "3")
        XCTAssertEqual(occurrences("error[trailing-whitespace]", in: three.out), 3)
        XCTAssertTrue(three.out.contains("…and 4998 more"), three.out)

        let all = repo.belay("check", "--max-findings=0")
        XCTAssertEqual(occurrences("error[trailing-whitespace]", in: all.out), Self.lines)
        XCTAssertEqual(occurrences("warning[final-newline]", in: all.out), 1)
        XCTAssertFalse(all.out.contains("more ("), "nothing is left out with 0")

        let bad = repo.belay("check", "--max-findings", "-2")
        XCTAssertEqual(bad.code, 2, bad.all)
        XCTAssertTrue(bad.err.contains("--max-findings needs a whole number"), bad.err)
    }

    func testJSONAndSARIFStayComplete() throws {
        let repo = try floodedRepository()
        let json = try parseJSONObject(repo.belay("check", "--format", "json", "--max-findings", "1").out)
        XCTAssertEqual((json["diagnostics"] as? [Any])?.count, Self.lines + 1)
        let sarif = try parseJSONObject(repo.belay("check", "--format", "sarif").out)
        let runs = try XCTUnwrap(sarif["runs"] as? [[String: Any]])
        XCTAssertEqual((runs.first?["results"] as? [Any])?.count, Self.lines + 1)
    }

    /// Through a real `git commit`: the pre-commit hook's text is bounded too.
    func testPreCommitHookOutputIsBounded() throws {
        let repo = try floodedRepository()
        XCTAssertEqual(try repo.binary("install").code, 0)
        let commit = try repo.commit("-m", "flood")
        XCTAssertNotEqual(commit.code, 0)
        XCTAssertEqual(occurrences("error[trailing-whitespace]", in: commit.err), 50)
        XCTAssertTrue(commit.err.contains("…and 4951 more"), String(commit.err.suffix(600)))
    }

    /// A flood of findings and a check whose output is one 50,000-character line: the `PreToolUse`
    /// decision Claude Code reads stays under 10,000 characters and says how much was left out.
    func testAgentHookReasonStaysUnderClaudeCodesLimit() throws {
        let repo = try floodedRepository(
            config: "{ checks: [ { name: \"noisy\", run: \"head -c 50000 /dev/zero | tr -c x x; exit 1\" } ] }\n")
        let event =
            #"{"session_id": "s", "cwd": "\#(repo.path)", "hook_event_name": "PreToolUse", "tool_name": "Bash", "#
            + #""tool_input": {"command": "git commit -m flood"}}"#
        for agent in ["claude", "codex"] {
            let result = repo.belay("hook", agent, stdin: event)
            XCTAssertEqual(result.code, 0, result.err)
            XCTAssertLessThan(result.out.count, 10_000, "\(agent): \(result.out.count) characters")
            let decision = try parseJSONObject(result.out)
            let output = try XCTUnwrap(decision["hookSpecificOutput"] as? [String: Any])
            XCTAssertEqual(output["permissionDecision"] as? String, "deny")
            let reason = try XCTUnwrap(output["permissionDecisionReason"] as? String)
            XCTAssertTrue(reason.contains("trailing-whitespace"), reason)
            XCTAssertTrue(reason.contains("more"), reason)
            XCTAssertTrue(reason.contains("check 'noisy'"), "the failed check is named: \(reason)")
        }
    }
}
