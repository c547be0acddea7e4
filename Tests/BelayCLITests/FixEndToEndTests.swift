import Foundation
import XCTest

/// `belay check --fix` carries a fix back only where it is safe, and only what the fix changed.
final class FixEndToEndTests: XCTestCase {
    /// Regression (issue 8, bug 1): under `--working` the "staged copy" the guard compared with was the
    /// working-tree content, so the guard always passed and the unstaged line was overwritten.
    func testFixWithWorkingIsRefusedAndLosesNoUnstagedEdit() throws {
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [ { name: "ws", run: "true", files: ["*.py"], fix: "sed -i 's/[ \\\\t]*$//' {files}" } ] }

            """)
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("base")
        try repo.write("a.py", "x = 1  \n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "x = 1  \nunstaged = 2\n")
        let indexBefore = try repo.git("ls-files", "-s")
        let result = repo.belay("check", "--fix", "--working")
        XCTAssertEqual(result.code, 2, "a usage error, like --fix --all: \(result.all)")
        XCTAssertTrue(result.err.contains("--fix") && result.err.contains("--working"), result.all)
        XCTAssertEqual(repo.read("a.py"), "x = 1  \nunstaged = 2\n", "the unstaged line must survive")
        XCTAssertEqual(try repo.git("ls-files", "-s"), indexBefore)
        XCTAssertEqual(try repo.staged("a.py"), "x = 1")
    }

    /// Regression: after `--fix` restaged a file, the built-in rules judged the staged change discovery had
    /// read before the fix, so the trailing whitespace the fix removed was still reported and blocked.
    func testTheRulesJudgeWhatTheFixStaged() throws {
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [ { name: "ws", run: "! grep -q ' $' {files}", files: ["*.py"], fix: "sed -i 's/[ \\t]*$//' {files}" } ] }

            """)
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("base")
        try repo.write("a.py", "x = 1\ny = 2  \n")
        try repo.git("add", "a.py")
        XCTAssertEqual(repo.belay("check", "--no-checks").code, 1, "trailing whitespace blocks before the fix")
        let fixed = repo.belay("check", "--fix", "--format", "json")
        XCTAssertEqual(fixed.code, 0, fixed.all)
        XCTAssertFalse(fixed.out.contains("trailing-whitespace"), fixed.all)
        XCTAssertEqual(try repo.staged("a.py"), "x = 1\ny = 2")
    }

    /// Regression (issue 8, bug 4): a fix that only changes the mode was staged, but the working file
    /// stayed as it was, so the next `git add -A` silently reverted the fix.
    func testModeOnlyFixReachesTheWorkingFile() throws {
        let repo = try TestRepository()
        try repo.config(
            "{ checks: [ { name: \"exec\", run: \"test -x run.sh\", fix: \"chmod +x {files}\", files: [\"*.sh\"] } ] }\n"
        )
        try repo.write("README", "x\n")
        try repo.commitAll("base")
        try repo.write("run.sh", "#!/bin/sh\necho hi\n")
        try repo.git("add", "run.sh")
        XCTAssertEqual(repo.belay("check").code, 1, "not executable yet")
        let fixed = repo.belay("check", "--fix")
        XCTAssertEqual(fixed.code, 0, fixed.all)
        XCTAssertTrue(fixed.all.contains("fixed and staged run.sh"), fixed.all)
        XCTAssertTrue(try repo.git("ls-files", "-s", "run.sh").hasPrefix("100755 "), "staged executable")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: repo.path + "/run.sh"), "and executable on disk")
        XCTAssertEqual(repo.read("run.sh"), "#!/bin/sh\necho hi\n")
        try repo.git("add", "-A")
        XCTAssertTrue(try repo.git("ls-files", "-s", "run.sh").hasPrefix("100755 "), "git add -A keeps the fix")
    }

    /// Regression (issue 8, bug 5): under `core.autocrlf=true` a working copy written with LF came back
    /// CRLF on every line after a fix.
    func testFixKeepsTheWorkingCopysLineEndingsUnderAutocrlf() throws {
        let repo = try TestRepository()
        try repo.config(
            "{ checks: [ { name: \"bad\", run: \"! grep -q BAD {files}\", files: [\"*.py\"], fix: \"sed -i s/BAD/good/ {files}\" } ] }\n"
        )
        try repo.write("a.py", "x = 1\n")
        try repo.write("c.py", "c = 1\n")
        try repo.write(".gitattributes", "* text=auto\n")
        try repo.commitAll("base")
        try repo.git("config", "core.autocrlf", "true")
        try repo.write("a.py", "x = BAD\nz = 3\n")  // written by the user with LF
        try repo.write("c.py", "c = BAD\r\nd = 4\r\n")  // written with CRLF, as git checks it out here
        try repo.git("add", "a.py", "c.py")
        let fixed = repo.belay("check", "--fix")
        XCTAssertEqual(fixed.code, 0, fixed.all)
        XCTAssertTrue(fixed.all.contains("fixed and staged a.py, c.py"), fixed.all)
        XCTAssertEqual(repo.read("a.py"), "x = good\nz = 3\n", "LF stays LF")
        XCTAssertEqual(repo.read("c.py"), "c = good\r\nd = 4\r\n", "CRLF stays CRLF")
        XCTAssertEqual(try repo.staged("a.py"), "x = good\nz = 3")
        XCTAssertEqual(try repo.git("status", "--porcelain"), "M  a.py\nM  c.py", "nothing left unstaged")
    }

    /// Regression (issue 8, bug 5): a file whose content git normalizes (`eol=crlf`, a blob committed with
    /// CRLF) was reported as "fixed and staged" and restaged, though the fix did not change it.
    func testFileTheFixDidNotChangeIsNeitherTouchedNorReported() throws {
        let repo = try TestRepository()
        try repo.config(
            "{ checks: [ { name: \"bad\", run: \"! grep -q BAD a.py\", fix: \"sed -i s/BAD/good/ *.py\" } ] }\n")
        try repo.write("a.py", "x = 1\n")
        try repo.write("b.py", "y = 1\r\n")
        try repo.commitAll("base")
        try repo.write(".gitattributes", "*.py text eol=crlf\n")
        try repo.git("add", ".gitattributes")  // not `add -A`: b.py's blob keeps its CRLF
        try repo.git("commit", "-q", "--no-verify", "-m", "attributes")
        try repo.write("a.py", "x = BAD\n")
        try repo.git("add", "a.py")
        let untouched = Fingerprint(repo.path + "/b.py")
        let stagedB = try repo.git("ls-files", "-s", "b.py")
        let fixed = repo.belay("check", "--fix")
        XCTAssertEqual(fixed.code, 0, fixed.all)
        XCTAssertTrue(fixed.all.contains("fixed and staged a.py"), fixed.all)
        XCTAssertFalse(fixed.all.contains("b.py"), "the fix did not change b.py: \(fixed.all)")
        XCTAssertEqual(Fingerprint(repo.path + "/b.py"), untouched, "b.py is not rewritten")
        XCTAssertEqual(try repo.git("ls-files", "-s", "b.py"), stagedB, "nor restaged")
        XCTAssertEqual(try repo.staged("a.py"), "x = good")
        XCTAssertEqual(repo.read("a.py"), "x = good\n", "the user wrote LF: it stays LF")
    }

    /// Regression: with another git holding `index.lock`, `--fix` wrote the working file, then failed to
    /// stage it ("internal error", exit 0): the working tree and the index disagreed.
    func testFixWhileAnotherGitHoldsTheIndexChangesNothing() throws {
        let repo = try TestRepository()
        try repo.config(
            "{ checks: [ { name: \"bad\", run: \"true\", files: [\"*.py\"], fix: \"sed -i s/BAD/good/ {files}\" } ] }\n"
        )
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("base")
        try repo.write("a.py", "x = BAD\n")
        try repo.git("add", "a.py")
        FileManager.default.createFile(atPath: repo.path + "/.git/index.lock", contents: Data())
        let before = Fingerprint(repo.path + "/a.py")
        let result = repo.belay("check", "--fix")
        XCTAssertEqual(result.code, 2, result.all)
        XCTAssertTrue(result.err.contains("index.lock"), result.all)
        XCTAssertEqual(Fingerprint(repo.path + "/a.py"), before, "nothing was written")
        try FileManager.default.removeItem(atPath: repo.path + "/.git/index.lock")
        XCTAssertEqual(try repo.staged("a.py"), "x = BAD")
    }
}
