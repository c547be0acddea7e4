import Foundation
import XCTest

/// `belay install` / `uninstall` and the hook scripts, driven by real `git commit` and the built binary.
final class HookEndToEndTests: XCTestCase {
    private func repositoryWithCommit() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        return repo
    }

    /// A real commit is blocked by a trailing-whitespace file and passes when the file is clean.
    private func assertGateWorks(_ repo: TestRepository, file: StaticString = #filePath, line: UInt = #line) throws {
        try repo.write("dirty.txt", "dirty   \n")
        try repo.git("add", "dirty.txt")
        let blocked = try repo.commit("-m", "dirty")
        XCTAssertNotEqual(blocked.code, 0, "must be blocked: \(blocked.all)", file: file, line: line)
        XCTAssertTrue(blocked.err.contains("trailing-whitespace"), blocked.err, file: file, line: line)
        try repo.write("dirty.txt", "clean\n")
        try repo.git("add", "dirty.txt")
        let passed = try repo.commit("-m", "clean")
        XCTAssertEqual(passed.code, 0, passed.all, file: file, line: line)
    }

    func testInstalledHookBlocksAndPasses() throws {
        let repo = try repositoryWithCommit()
        let install = try repo.binary("install")
        XCTAssertEqual(install.code, 0, install.all)
        XCTAssertNotNil(FileManager.default.contents(atPath: repo.path + "/.git/hooks/pre-commit"))
        try assertGateWorks(repo)
    }

    func testInstallHonoursCoreHooksPath() throws {
        let repo = try repositoryWithCommit()
        try repo.git("config", "core.hooksPath", "custom-hooks")
        XCTAssertEqual(repo.belay("install").code, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.path + "/custom-hooks/pre-commit"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit"))
        try repo.write(".gitignore", "custom-hooks/\n")
        try repo.commitAll("ignore hooks")
        try assertGateWorks(repo)
    }

    func testInstallInALinkedWorktree() throws {
        let repo = try repositoryWithCommit()
        let worktree = repo.root + "/linked"
        try repo.git("worktree", "add", "-q", "-b", "side", worktree)
        let install = repo.belay("install", in: worktree)
        XCTAssertEqual(install.code, 0, install.all)
        let hooks = try repo.git("rev-parse", "--path-format=absolute", "--git-path", "hooks", in: worktree)
        XCTAssertTrue(FileManager.default.fileExists(atPath: hooks + "/pre-commit"), "hooks land in \(hooks)")
        try "bad  \n".write(toFile: worktree + "/w.txt", atomically: true, encoding: .utf8)
        try repo.git("add", "w.txt", in: worktree)
        let blocked = try repo.gitOutcome(["commit", "-q", "-m", "w"], in: worktree)
        XCTAssertNotEqual(blocked.code, 0, blocked.all)
        try "good\n".write(toFile: worktree + "/w.txt", atomically: true, encoding: .utf8)
        try repo.git("add", "w.txt", in: worktree)
        let passed = try repo.gitOutcome(["commit", "-q", "-m", "w"], in: worktree)
        XCTAssertEqual(passed.code, 0, passed.all)
    }

    func testChainedHookRunsFirstAndCanBlock() throws {
        let repo = try repositoryWithCommit()
        let hook = repo.path + "/.git/hooks/pre-commit"
        let marker = repo.root + "/old-hook-ran"
        let original = "#!/bin/sh\necho ran >> '\(marker)'\ntest ! -e \"$(git rev-parse --show-toplevel)/veto\"\n"
        try original.write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        let install = repo.belay("install")
        XCTAssertEqual(install.code, 0, install.all)
        XCTAssertTrue(install.out.contains("runs first"), install.out)

        try repo.write("b.txt", "b\n")
        try repo.git("add", "b.txt")
        XCTAssertEqual(try repo.commit("-m", "b").code, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker), "the old hook ran")

        try repo.write("veto", "")
        try repo.write("c.txt", "c\n")
        try repo.git("add", "c.txt")
        let vetoed = try repo.commit("-m", "c")
        XCTAssertNotEqual(vetoed.code, 0, "the old hook failed, so the commit is blocked: \(vetoed.all)")

        // A second foreign hook while the chained slot is taken: refused, nothing lost.
        let foreign = "#!/bin/sh\nexit 0\n"
        try foreign.write(toFile: hook, atomically: true, encoding: .utf8)
        let refused = repo.belay("install")
        XCTAssertEqual(refused.code, 2, refused.all)
        XCTAssertTrue(refused.err.contains("belay-chained"), refused.err)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), foreign)
    }

    func testForceReplacesAndUninstallRestoresByteForByte() throws {
        let repo = try repositoryWithCommit()
        let hook = repo.path + "/.git/hooks/pre-commit"
        let original = "#!/bin/sh\n# my very own hook\t \nexit 0\n"
        try original.write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        let install = repo.belay("install", "--force")
        XCTAssertEqual(install.code, 0, install.all)
        XCTAssertTrue(try String(contentsOfFile: hook, encoding: .utf8).contains("belay"))
        try assertGateWorks(repo)
        let uninstall = repo.belay("uninstall")
        XCTAssertEqual(uninstall.code, 0, uninstall.all)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), original)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: hook))
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-push"))

        // Regression: a second foreign hook replaced with --force overwrote the kept original.
        XCTAssertEqual(repo.belay("install", "--force").code, 0)
        let second = "#!/bin/sh\n# second\nexit 0\n"
        try second.write(toFile: hook, atomically: true, encoding: .utf8)
        let refused = repo.belay("install", "--force")
        XCTAssertEqual(refused.code, 2, refused.all)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), second)
        XCTAssertEqual(
            try String(contentsOfFile: hook + ".belay-backup", encoding: .utf8), original, "the original is kept")
        try FileManager.default.removeItem(atPath: hook)
        XCTAssertEqual(repo.belay("install").code, 0)
        XCTAssertEqual(repo.belay("uninstall").code, 0)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), original)

        // Chained, then uninstalled: restored as well.
        XCTAssertEqual(repo.belay("install").code, 0)
        XCTAssertEqual(repo.belay("uninstall").code, 0)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), original)
    }

    func testHookFailsClosedWhenTheBinaryIsGone() throws {
        let repo = try repositoryWithCommit()
        let copy = repo.root + "/bin/belay-copy"
        try FileManager.default.createDirectory(atPath: repo.root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: belayBinary, toPath: copy)
        let install = try repo.binary("install", executable: copy)
        XCTAssertEqual(install.code, 0, install.all)
        let script = try String(contentsOfFile: repo.path + "/.git/hooks/pre-commit", encoding: .utf8)
        XCTAssertTrue(script.contains(copy), script)
        try FileManager.default.removeItem(atPath: copy)
        try repo.write("b.txt", "clean\n")
        try repo.git("add", "b.txt")
        let result = try repo.commit("-m", "b")
        XCTAssertNotEqual(result.code, 0, "fail closed: \(result.all)")
        XCTAssertTrue(result.err.contains("missing or not executable"), result.err)
    }

    func testPrePushChecksNewBranchAndAllowsDeletion() throws {
        let repo = try repositoryWithCommit()
        try repo.git("checkout", "-q", "-b", "topic")
        try repo.write("bad.txt", "bad  \n")
        try repo.commitAll("bad")
        let head = try repo.git("rev-parse", "HEAD")
        let zero = String(repeating: "0", count: 40)
        let push = try repo.binary(
            "hook", "pre-push", "origin", "/nowhere", stdin: "refs/heads/topic \(head) refs/heads/topic \(zero)\n")
        XCTAssertEqual(push.code, 1, push.all)
        XCTAssertTrue(push.err.contains("trailing-whitespace"), push.err)
        let deletion = repo.belay(
            "hook", "pre-push", "origin", "/nowhere", stdin: "(delete) \(zero) refs/heads/topic \(head)\n")
        XCTAssertEqual(deletion.code, 0, deletion.all)
        // An update of a branch the remote has: only the new commits are judged.
        try repo.write("bad.txt", "bad  \nclean addition\n")
        try repo.commitAll("clean")
        let newHead = try repo.git("rev-parse", "HEAD")
        let update = try repo.binary(
            "hook", "pre-push", "origin", "/nowhere", stdin: "refs/heads/topic \(newHead) refs/heads/topic \(head)\n")
        XCTAssertEqual(update.code, 0, "old findings are not the new commits' fault: \(update.all)")
        let nothing = repo.belay("hook", "pre-push", "origin", "/nowhere", stdin: "")
        XCTAssertEqual(nothing.code, 0, nothing.all)
    }
}
