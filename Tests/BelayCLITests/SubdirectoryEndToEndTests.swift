import Foundation
import XCTest

/// Regression (issue 8, bug 2): `ls-files`, `ls-files --others` and `diff-files --name-only` print paths
/// relative to, and limited to, the directory git runs in. Run from a subdirectory, belay judged only that
/// folder: a rename's leftovers elsewhere passed, and an agent's commit went through.
final class SubdirectoryEndToEndTests: XCTestCase {
    /// `app/lib.py` renames `old_name` to `new_name` (staged); `main.py` and `docs/guide.md` still say
    /// `old_name`.
    private func renamedRepository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.write("app/lib.py", "def old_name():\n    return 1\n")
        try repo.write("main.py", "from app.lib import old_name\nprint(old_name())\n")
        try repo.write("docs/guide.md", "Call old_name.\n")
        try repo.commitAll("base")
        try repo.write("app/lib.py", "def new_name():\n    return 1\n")
        try repo.git("add", "app/lib.py")
        return repo
    }

    func testCheckFromASubdirectoryFindsRenameLeftoversEverywhere() throws {
        let repo = try renamedRepository()
        let top = repo.belay("check")
        XCTAssertEqual(top.code, 1, top.all)
        let sub = repo.belay("check", in: repo.path + "/docs")
        XCTAssertEqual(sub.code, 1, "the verdict must not depend on the directory: \(sub.all)")
        XCTAssertTrue(sub.out.contains("main.py:1:"), sub.out)
        XCTAssertTrue(sub.out.contains("docs/guide.md:1:"), "paths are relative to the top level: \(sub.out)")
    }

    func testRenameAuditFromASubdirectoryAuditsTheWholeRepository() throws {
        let repo = try renamedRepository()
        let sub = repo.belay("rename-audit", "old_name", "new_name", in: repo.path + "/docs")
        XCTAssertEqual(sub.code, 1, sub.all)
        XCTAssertTrue(sub.out.contains("main.py:1:"), sub.out)
        XCTAssertTrue(sub.out.contains("docs/guide.md:1:"), sub.out)
        XCTAssertFalse(sub.out.contains("no leftovers"), sub.out)
        // Globs typed on the command line are relative to the current directory, like git's pathspecs.
        let included = repo.belay("rename-audit", "old_name", "new_name", "--include", "*.md", in: repo.path + "/docs")
        XCTAssertEqual(included.code, 1, included.all)
        XCTAssertTrue(included.out.contains("docs/guide.md:1:"), included.out)
        XCTAssertFalse(included.out.contains("main.py"), included.out)
        let excluded = repo.belay(
            "rename-audit", "old_name", "new_name", "--exclude", "guide.md", in: repo.path + "/docs")
        XCTAssertTrue(excluded.out.contains("main.py:1:"), excluded.out)
        XCTAssertFalse(excluded.out.contains("guide.md"), excluded.out)
    }

    func testCheckAllFromASubdirectoryJudgesEveryTrackedFile() throws {
        let repo = try TestRepository()
        try repo.write("top.txt", "trailing   \n")
        try repo.write("docs/inner.txt", "also trailing \n")
        try repo.commitAll()
        let sub = repo.belay("check", "--all", in: repo.path + "/docs")
        XCTAssertEqual(sub.code, 1, sub.all)
        XCTAssertTrue(sub.out.contains("top.txt:1:"), "a file outside the folder is judged: \(sub.out)")
        XCTAssertTrue(sub.out.contains("docs/inner.txt:1:"), "paths are relative to the top level: \(sub.out)")
    }

    func testCheckWorkingFromASubdirectorySeesEveryUntrackedFile() throws {
        let repo = try TestRepository()
        try repo.write("docs/README", "x\n")
        try repo.commitAll()
        try repo.write("untracked-top.txt", "trailing   \n")
        try repo.write("docs/untracked-inner.txt", "trailing too \n")
        let sub = repo.belay("check", "--working", in: repo.path + "/docs")
        XCTAssertEqual(sub.code, 1, sub.all)
        XCTAssertTrue(sub.out.contains("untracked-top.txt:1:"), sub.out)
        XCTAssertTrue(sub.out.contains("docs/untracked-inner.txt:1:"), sub.out)
    }

    func testClaudeHookWithACwdInASubdirectoryDeniesTheCommitTheTopLevelDenies() throws {
        let repo = try renamedRepository()
        try repo.git("checkout", "-q", "-b", "agent/rename")  // not a protected branch: only the leftovers deny
        func hook(cwd: String) -> BelayResult {
            let input = """
                {"session_id": "s", "cwd": "\(cwd)", "hook_event_name": "PreToolUse", "tool_name": "Bash",
                 "tool_input": {"command": "git commit -m rename"}}
                """
            return repo.belay("hook", "claude", stdin: input)
        }
        let top = hook(cwd: repo.path)
        XCTAssertTrue(top.out.contains("\"deny\"") && top.out.contains("main.py"), top.all)
        let sub = hook(cwd: repo.path + "/docs")
        XCTAssertEqual(sub.code, 0, sub.all)
        XCTAssertTrue(sub.out.contains("\"deny\""), "the same commit from docs/ must be denied too: \(sub.all)")
        XCTAssertTrue(sub.out.contains("main.py"), sub.out)
    }
}
