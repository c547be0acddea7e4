import Foundation
import XCTest

/// The gate judges exactly what will be committed, and leaves the working tree and index alone.
final class StagingEndToEndTests: XCTestCase {
    func testOddFileNamesReachChecksQuotedAndMatchGlobs() throws {
        let repo = try TestRepository()
        let listing = repo.root + "/files.list"
        try repo.config(
            """
            { checks: [ { name: "list", run: "printf '%s\\\\000' {files} > '\(listing)' && cat -- {files} > /dev/null", files: ["*.txt"] } ] }

            """)
        try repo.commitAll()
        let names = ["with space.txt", "it's \"quoted\".txt", "ünï cødé.txt", "new\nline.txt", "$(echo no).txt"]
        for name in names { try repo.write(name, "content\n") }
        try repo.write("skip.md", "not a txt\n")
        try repo.git("add", "-A")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 0, result.all)
        let data = try XCTUnwrap(FileManager.default.contents(atPath: listing), "the check did not run")
        let listed = String(decoding: data, as: UTF8.self).split(separator: "\0").map(String.init)
        XCTAssertEqual(Set(listed), Set(names))
    }

    func testPartialStagingChecksTheStagedVersionAndTouchesNothing() throws {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"good\", run: \"grep -q good file.txt\" } ] }\n")
        try repo.write("file.txt", "start\n")
        try repo.commitAll()
        try repo.write("file.txt", "good\n")
        try repo.git("add", "file.txt")
        try repo.write("file.txt", "bad edit on top\n")
        try repo.write("untracked.txt", "x\n")
        let indexPath = repo.path + "/.git/index"
        let status = try repo.git("status", "--porcelain")  // may refresh the index: before the fingerprints
        let before = [
            Fingerprint(repo.path + "/file.txt"), Fingerprint(indexPath), Fingerprint(repo.path + "/untracked.txt"),
        ]
        let result = repo.belay("check", "--no-cache")
        XCTAssertEqual(result.code, 0, "the staged version passes: \(result.all)")
        let after = [
            Fingerprint(repo.path + "/file.txt"), Fingerprint(indexPath), Fingerprint(repo.path + "/untracked.txt"),
        ]
        XCTAssertEqual(before, after, "working tree and index must be byte-for-byte unchanged, mtime included")
        XCTAssertNotNil(before[0])
        XCTAssertEqual(try repo.git("status", "--porcelain"), status)

        // The other way round: staged bad, working copy good → blocked.
        try repo.write("file.txt", "bad\n")
        try repo.git("add", "file.txt")
        try repo.write("file.txt", "good\n")
        let blocked = repo.belay("check", "--no-cache")
        XCTAssertEqual(blocked.code, 1, blocked.all)
        XCTAssertEqual(repo.read("file.txt"), "good\n")
    }

    /// Regression: `--files` paths were taken relative to the top level, so from a subdirectory the
    /// file named was "not staged, so not checked" and the gate passed.
    func testFilesAreRelativeToTheCurrentDirectory() throws {
        let repo = try TestRepository()
        try repo.write("README", "x\n")
        try repo.commitAll()
        try repo.write("sub/x.txt", "bad  \n")
        try repo.write("other.txt", "also bad  \n")
        try repo.git("add", "-A")
        for form in ["x.txt", "./x.txt", "../sub/x.txt", repo.path + "/sub/x.txt"] {
            let result = repo.belay("check", "--files", form, in: repo.path + "/sub")
            XCTAssertEqual(result.code, 1, "\(form): \(result.all)")
            XCTAssertTrue(result.out.contains("sub/x.txt:1:4"), result.out)
            XCTAssertFalse(result.out.contains("other.txt"), result.out)
        }
        XCTAssertEqual(repo.belay("check", "--files", "README").code, 0)
    }

    func testUntrackedFilesAreInvisibleToChecks() throws {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"clean\", run: \"test ! -e untracked.txt\" } ] }\n")
        try repo.commitAll()
        try repo.write("untracked.txt", "x\n")
        try repo.write("a.txt", "a\n")
        try repo.git("add", "a.txt")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertTrue(repo.read("untracked.txt") == "x\n")
    }

    func testDeletionsAndRenamesAreDiffAware() throws {
        let repo = try TestRepository()
        try repo.write("old.txt", "line with trailing space   \nmore\n")
        try repo.write("gone.txt", "bye\n")
        try repo.commitAll()
        try repo.git("mv", "old.txt", "new.txt")
        try repo.git("rm", "-q", "gone.txt")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 0, "old whitespace moved by a rename is not new: \(result.all)")
        XCTAssertFalse(result.out.contains("trailing-whitespace"), result.out)
        // --all reports what is there.
        XCTAssertEqual(repo.belay("check", "--all").code, 1)
    }

    func testBinaryAndLineEndings() throws {
        let repo = try TestRepository()
        try repo.write("README", "x\n")
        try repo.commitAll()
        try repo.write("blob.bin", bytes: [0x00, 0x01, 0x20, 0x20, 0x0A, 0xFF, 0x00, 0x20, 0x0A])
        try repo.write("crlf.txt", "one\r\ntwo\r\n")
        try repo.git("add", "-A")
        let clean = repo.belay("check")
        XCTAssertEqual(clean.code, 0, "binary skipped, CRLF is not trailing whitespace: \(clean.all)")

        try repo.write("mixed.txt", "one\r\ntwo\r\nthree\n")
        try repo.git("add", "-A")
        let mixed = repo.belay("check")
        XCTAssertEqual(mixed.code, 1, mixed.all)
        XCTAssertTrue(mixed.out.contains("mixed-line-endings"), mixed.out)
        XCTAssertFalse(mixed.out.contains("blob.bin"), mixed.out)
    }

    func testFirstCommitInAnEmptyRepository() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "hello\n")
        try repo.git("add", "a.txt")
        XCTAssertEqual(repo.belay("check").code, 0)
        try repo.write("b.txt", "trailing \n")
        try repo.git("add", "b.txt")
        let blocked = repo.belay("check")
        XCTAssertEqual(blocked.code, 1, blocked.all)
        XCTAssertTrue(blocked.out.contains("b.txt:1"), blocked.out)
    }

    func testChecksInHooksSeeTheIndexGitWillCommit() throws {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"clean\", run: \"! grep -q FORBIDDEN a.txt b.txt\", cache: false } ] }\n")
        try repo.write("a.txt", "a\n")
        try repo.write("b.txt", "b\n")
        try repo.commitAll()
        XCTAssertEqual(try repo.binary("install").code, 0)

        // Staged FORBIDDEN in a.txt; `git commit b.txt` commits HEAD + b.txt only (temporary index).
        try repo.write("a.txt", "FORBIDDEN\n")
        try repo.git("add", "a.txt")
        try repo.write("b.txt", "b2\n")
        let path = try repo.commit("-m", "b only", "b.txt")
        XCTAssertEqual(path.code, 0, "a.txt is not part of this commit: \(path.all)")
        XCTAssertEqual(try repo.staged("a.txt"), "FORBIDDEN", "the real index keeps the staged a.txt")

        // The staged a.txt itself: blocked by the check.
        let staged = try repo.commit("-m", "a")
        XCTAssertNotEqual(staged.code, 0, staged.all)
        XCTAssertTrue(staged.err.contains("clean"), staged.err)

        // Unstaged FORBIDDEN in b.txt with `commit -a`: blocked; without -a (a.txt fixed): passes.
        try repo.write("a.txt", "a2\n")
        try repo.git("add", "a.txt")
        try repo.write("b.txt", "FORBIDDEN\n")
        let all = try repo.commit("-a", "-m", "all")
        XCTAssertNotEqual(all.code, 0, all.all)
        let indexOnly = try repo.commit("-m", "index only")
        XCTAssertEqual(indexOnly.code, 0, indexOnly.all)
        XCTAssertEqual(repo.read("b.txt"), "FORBIDDEN\n", "the working tree is untouched")
    }

    func testMergeInProgress() throws {
        let repo = try TestRepository()
        try repo.write("f.txt", "base\n")
        try repo.commitAll()
        try repo.git("checkout", "-q", "-b", "topic")
        try repo.write("f.txt", "topic\n")
        try repo.commitAll()
        try repo.git("checkout", "-q", "main")
        try repo.write("f.txt", "main\n")
        try repo.commitAll()
        let merge = try repo.gitOutcome(["merge", "--no-verify", "topic"])
        XCTAssertNotEqual(merge.code, 0, "a real conflict is expected")
        // Resolved with the conflict markers left in: flagged.
        try repo.git("add", "f.txt")
        let leftover = repo.belay("check")
        XCTAssertEqual(leftover.code, 1, leftover.all)
        XCTAssertTrue(leftover.out.contains("conflict-marker"), leftover.out)
        // Properly resolved: passes.
        try repo.write("f.txt", "main and topic\n")
        try repo.git("add", "f.txt")
        let resolved = repo.belay("check")
        XCTAssertEqual(resolved.code, 0, resolved.all)
    }

    func testCommitAllAndCommitPathJudgeWhatIsCommitted() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "a\n")
        try repo.write("b.txt", "b\n")
        try repo.commitAll()
        XCTAssertEqual(try repo.binary("install").code, 0)

        // `git commit -a`: the dirty unstaged file is what gets committed, so it is judged.
        try repo.write("a.txt", "a   \n")
        let all = try repo.commit("-a", "-m", "all")
        XCTAssertNotEqual(all.code, 0, "commit -a must be blocked: \(all.all)")
        XCTAssertTrue(all.err.contains("trailing-whitespace"), all.err)

        // `git commit PATH` (temporary index): only b.txt is committed; a.txt's bad edit is not.
        try repo.write("b.txt", "b2\n")
        let path = try repo.commit("-m", "path", "b.txt")
        XCTAssertEqual(path.code, 0, "b.txt is clean: \(path.all)")
        XCTAssertEqual(try repo.git("show", "HEAD:b.txt"), "b2")

        // And the other way: a bad staged file, committing a clean path only.
        try repo.git("add", "a.txt")
        try repo.write("b.txt", "b3\n")
        let other = try repo.commit("-m", "only b", "b.txt")
        XCTAssertEqual(other.code, 0, "a.txt is not in this commit: \(other.all)")
        let bad = try repo.commit("-m", "only a", "a.txt")
        XCTAssertNotEqual(bad.code, 0, bad.all)
    }

    /// Regression: the reused snapshot kept `__pycache__`, and a module rewritten in the same second at
    /// the same size ran from its stale `.pyc` (the demo's last scene failed on old code).
    func testSnapshotNeverRunsStalePythonBytecode() throws {
        try requireTool("python3")
        let repo = try TestRepository()
        try repo.config(
            "{ checks: [ { name: \"py\", run: \"python3 -c 'import m; assert m.X == \\\"new\\\"'\", cache: false } ] }\n"
        )
        try repo.write("m.py", "X = \"old\"\n")
        try repo.commitAll()
        try repo.write("other.txt", "x\n")
        try repo.git("add", "other.txt")
        XCTAssertEqual(repo.belay("check").code, 1, "m.X is old")
        try repo.write("m.py", "X = \"new\"\n")
        try repo.git("add", "m.py")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 0, "the check must see the staged m.py, not cached bytecode: \(result.all)")
    }
}
