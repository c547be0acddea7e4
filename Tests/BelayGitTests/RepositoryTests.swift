import BelayCore
import Foundation
import XCTest

@testable import BelayGit

final class RepositoryTests: XCTestCase {
    func testEmptyRepositoryHasNoHeadButABranch() throws {
        let repo = try TestRepository()
        let found = try repo.discover()
        XCTAssertNil(found.head)
        XCTAssertEqual(found.branch, "main")
        XCTAssertNil(found.inProgress)
        XCTAssertTrue(found.gitDirectory.hasSuffix("/repo/.git"), found.gitDirectory)
        XCTAssertEqual(found.commonDirectory, found.gitDirectory)
        XCTAssertEqual(found.hooksDirectory, found.gitDirectory + "/hooks")
        XCTAssertEqual(found.indexFile, found.gitDirectory + "/index")
        XCTAssertTrue(found.topLevel.hasSuffix("/repo"))
        let git = repo.handle()
        XCTAssertEqual(try git.stagedChanges(head: nil), [])
        try repo.write("a.txt", "a\n")
        try repo.git("add", "a.txt")
        XCTAssertEqual(try git.stagedChanges(head: nil).map(\.kind), [.added])
        XCTAssertEqual(try git.writeTree(of: found).count, 40)
    }

    /// Regression (issue 8): from a subdirectory, `ls-files` listed only that folder, relative to it.
    func testRootedHandleListsTheWholeRepositoryFromASubdirectory() throws {
        let repo = try TestRepository()
        try repo.write("dir/a.txt", "a\n")
        try repo.write("top.txt", "t\n")
        try repo.commitAll()
        try repo.write("untracked.txt", "u\n")
        let git = repo.handle(directory: repo.path + "/dir")
        XCTAssertEqual(try git.lsFiles(stage: false).map(\.path), ["a.txt"], "git's own behaviour in a subdirectory")
        let found = try Repository.discover(git: git)
        let rooted = git.rooted(at: found)
        XCTAssertEqual(rooted.directory, found.topLevel)
        XCTAssertEqual(rooted.invocationDirectory, repo.path + "/dir")
        XCTAssertEqual(try rooted.lsFiles(stage: false).map(\.path), ["dir/a.txt", "top.txt"])
        XCTAssertEqual(try rooted.workingChanges(head: found.head).compactMap(\.newPath), ["untracked.txt"])
    }

    func testRootedHandleMakesHookPathsAbsolute() {
        let repository = Repository(
            topLevel: "/r", gitDirectory: "/r/.git", commonDirectory: "/r/.git", hooksDirectory: "/r/.git/hooks",
            indexFile: "/r/.git/index.lock", head: nil, branch: "main", inProgress: nil)
        let git = Git(
            runner: ProcessRunner(),
            environment: ["GIT_DIR": ".git", "GIT_INDEX_FILE": ".git/index.lock", "GIT_PREFIX": "d/"],
            directory: "/r/d")
        let rooted = git.rooted(at: repository)
        XCTAssertEqual(rooted.environment["GIT_DIR"], "/r/.git")
        XCTAssertEqual(rooted.environment["GIT_INDEX_FILE"], "/r/.git/index.lock")
        XCTAssertNil(rooted.environment["GIT_WORK_TREE"], "only what was set is replaced")
        XCTAssertNil(rooted.environment["GIT_PREFIX"])
    }

    func testHeadBranchDetachedAndFromASubdirectory() throws {
        let repo = try TestRepository()
        try repo.write("dir/a.txt", "a\n")
        try repo.commitAll()
        let head = try repo.git("rev-parse", "HEAD")
        let found = try repo.discover(directory: repo.path + "/dir")
        XCTAssertEqual(found.head, head)
        XCTAssertEqual(found.branch, "main")
        XCTAssertTrue(found.topLevel.hasSuffix("/repo"))
        try repo.git("checkout", "-q", "--detach")
        XCTAssertNil(try repo.discover().branch)
        XCTAssertEqual(try repo.discover().head, head)
        XCTAssertThrowsError(try Repository.discover(git: repo.handle(directory: repo.sibling(""))))
    }

    func testMergeInProgressAfterAResolvedConflict() throws {
        let repo = try TestRepository()
        try repo.write("f.txt", "base\n")
        try repo.commitAll()
        try repo.git("checkout", "-q", "-b", "side")
        try repo.write("f.txt", "side\n")
        try repo.commitAll()
        try repo.git("checkout", "-q", "main")
        try repo.write("f.txt", "main\n")
        try repo.commitAll()
        XCTAssertFalse(try repo.gitOutcome("merge", "-q", "side").succeeded, "the merge must conflict")
        try repo.write("f.txt", "resolved\n")
        try repo.git("add", "f.txt")
        let found = try repo.discover()
        XCTAssertEqual(found.inProgress, .merge)
        let changes = try repo.handle().stagedChanges(head: found.head)
        XCTAssertEqual(changes.map(\.kind), [.modified])
        XCTAssertEqual(try repo.handle().readBlobs([changes[0].newBlob!]).values.first, Array("resolved\n".utf8))
    }

    func testLinkedWorktreeAndHooksPath() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        let linked = repo.sibling("linked")
        try repo.git("worktree", "add", "-q", "-b", "feature", linked)
        let found = try repo.discover(directory: linked)
        let main = try repo.discover()
        XCTAssertEqual(found.branch, "feature")
        XCTAssertTrue(found.topLevel.hasSuffix("/linked"))
        XCTAssertEqual(found.commonDirectory, main.gitDirectory)
        XCTAssertTrue(found.gitDirectory.hasPrefix(main.gitDirectory + "/worktrees/"), found.gitDirectory)
        XCTAssertEqual(found.hooksDirectory, main.gitDirectory + "/hooks", "hooks are shared by all worktrees")
        XCTAssertEqual(found.indexFile, found.gitDirectory + "/index")

        try repo.git("config", "core.hooksPath", ".githooks")
        XCTAssertEqual(try repo.discover().hooksDirectory, main.topLevel + "/.githooks")
        XCTAssertEqual(try repo.discover(directory: linked).hooksDirectory, found.topLevel + "/.githooks")
    }

    func testTemporaryIndexFromGitCommitIsRespected() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "one\n")
        try repo.commitAll()
        // A different size: an edit of the same size in the same second is invisible to the index's stat
        // data once the index file is copied (racy git), and `git add` would skip it.
        try repo.write("a.txt", "second\n")
        // What `git commit -a` does: a temporary index holding more than the real one.
        let temporary = repo.sibling("next-index")
        let overrides = ["GIT_INDEX_FILE": temporary]
        try FileManager.default.copyItem(atPath: repo.path + "/.git/index", toPath: temporary)
        let tempGit = repo.handle(overrides)
        try tempGit.run(["add", "a.txt"])
        let found = try repo.discover(overrides)
        XCTAssertEqual(found.indexFile, temporary)
        XCTAssertEqual(try tempGit.stagedChanges(head: found.head).map(\.path), ["a.txt"])
        XCTAssertEqual(try repo.handle().stagedChanges(head: found.head), [], "the real index holds nothing new")
        let tree = try tempGit.writeTree(of: found)
        XCTAssertEqual(try repo.git("rev-parse", "\(tree):a.txt"), try repo.git("hash-object", "a.txt"))
        XCTAssertEqual(try tempGit.showFile(rev: ":0", path: "a.txt"), Array("second\n".utf8))
        XCTAssertEqual(try repo.handle().showFile(rev: ":0", path: "a.txt"), Array("one\n".utf8))
    }
}
