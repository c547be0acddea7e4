import BelayCore
import Foundation
import XCTest

@testable import BelayGit

final class StagedSnapshotTests: XCTestCase {
    private func prepare(_ repo: TestRepository, _ overrides: [String: String] = [:]) throws -> StagedSnapshot {
        let git = repo.handle(overrides)
        let repository = try Repository.discover(git: git)
        return try StagedSnapshot.prepare(git: git, repository: repository, tree: git.writeTree(of: repository))
    }

    private func listing(_ directory: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: directory).sorted()
    }

    func testPartialStagingIsSeenAndTheRealTreeAndIndexAreUntouched() throws {
        let repo = try TestRepository()
        try repo.write("app.py", "x = 1\n")
        try repo.write("win.txt", bytes: Array("a\r\nb\r\n".utf8))
        try repo.commitAll()
        try repo.write("app.py", "x = 2\n")
        try repo.git("add", "app.py")
        try repo.write("app.py", "x = 3  # unstaged\n")
        try repo.write("scratch.txt", "untracked\n")
        let index = try XCTUnwrap(fingerprint(repo.path + "/.git/index"))
        let working = ["app.py", "win.txt", "scratch.txt"].map { fingerprint(repo.path + "/" + $0)! }

        let snapshot = try prepare(repo)
        defer { snapshot.release() }
        XCTAssertEqual(repo.read("app.py", in: snapshot.directory), Array("x = 2\n".utf8))
        XCTAssertEqual(repo.read("win.txt", in: snapshot.directory), Array("a\r\nb\r\n".utf8))
        XCTAssertNil(repo.read("scratch.txt", in: snapshot.directory))
        XCTAssertFalse(snapshot.isTemporary)

        let after = try XCTUnwrap(fingerprint(repo.path + "/.git/index"))
        XCTAssertEqual(after.bytes, index.bytes)
        XCTAssertEqual([after.mtime, after.nanoseconds], [index.mtime, index.nanoseconds])
        for (name, before) in zip(["app.py", "win.txt", "scratch.txt"], working) {
            let now = try XCTUnwrap(fingerprint(repo.path + "/" + name))
            XCTAssertEqual(now.bytes, before.bytes, name)
            XCTAssertEqual([now.mtime, now.nanoseconds], [before.mtime, before.nanoseconds], name)
        }
    }

    func testIncrementalUpdateRestoresWhatChecksChangedAndKeepsCaches() throws {
        let repo = try TestRepository()
        try repo.write("a.py", "a = 1\n")
        try repo.write("b.py", "b = 1\n")
        try repo.write("c.py", "c = 1\n")
        try repo.commitAll()
        let first = try prepare(repo)
        let directory = first.directory
        try repo.write("b.py", "b = 'a check rewrote me'\n", in: directory)
        try FileManager.default.removeItem(atPath: directory + "/c.py")
        try repo.write(".ruff_cache/state", "cache\n", in: directory)
        first.release()

        try repo.write("a.py", "a = 2\n")
        try repo.write("d.py", "d = 1\n")
        try repo.git("add", "a.py", "d.py")
        let second = try prepare(repo)
        defer { second.release() }
        XCTAssertEqual(second.directory, directory, "the persistent snapshot is reused")
        XCTAssertEqual(repo.read("a.py", in: directory), Array("a = 2\n".utf8))
        XCTAssertEqual(repo.read("b.py", in: directory), Array("b = 1\n".utf8))
        XCTAssertEqual(repo.read("c.py", in: directory), Array("c = 1\n".utf8))
        XCTAssertEqual(repo.read("d.py", in: directory), Array("d = 1\n".utf8))
        XCTAssertEqual(repo.read(".ruff_cache/state", in: directory), Array("cache\n".utf8))

        try repo.git("rm", "-q", "--cached", "d.py")
        let third = try prepare(repo)
        defer { third.release() }
        XCTAssertTrue(third.isTemporary, "the persistent snapshot is still locked by `second`")
        XCTAssertNil(repo.read("d.py", in: third.directory))
        XCTAssertEqual(repo.read("a.py", in: third.directory), Array("a = 2\n".utf8))
        let temporary = third.directory
        third.release()
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary))
    }

    func testEmptyRepositorySymlinksNamesAndSubmodules() throws {
        let repo = try TestRepository()
        let names = ["with space.txt", "ünïcode.md", "quote\"d.txt", "new\nline.txt"]
        for name in names { try repo.write(name, name + "\n") }
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/link", withDestinationPath: "ünïcode.md")
        let other = try TestRepository()
        try other.write("lib.txt", "lib\n")
        try other.commitAll()
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", other.path, "sub")
        try repo.git("add", "-A")
        let snapshot = try prepare(repo)
        defer { snapshot.release() }
        for name in names { XCTAssertEqual(repo.read(name, in: snapshot.directory), Array((name + "\n").utf8)) }
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: snapshot.directory + "/link")
        XCTAssertEqual(target, "ünïcode.md")
        XCTAssertNil(repo.read("sub/lib.txt", in: snapshot.directory), "submodules are not checked out")
    }

    func testDependencyFoldersAreLinkedOnlyWhenUntracked() throws {
        let repo = try TestRepository()
        try repo.write(".gitignore", ".venv/\n")
        try repo.write("app.py", "import x\n")
        try repo.write(".venv/lib/x.py", "x = 1\n")
        try repo.write("target/keep.txt", "tracked\n")
        try repo.commitAll()
        try repo.write("target/untracked.txt", "real\n")
        let snapshot = try prepare(repo)
        defer { snapshot.release() }
        let venv = try FileManager.default.destinationOfSymbolicLink(atPath: snapshot.directory + "/.venv")
        XCTAssertEqual(venv, repo.path + "/.venv")
        XCTAssertEqual(repo.read(".venv/lib/x.py", in: snapshot.directory), Array("x = 1\n".utf8))
        XCTAssertNil(
            try? FileManager.default.destinationOfSymbolicLink(atPath: snapshot.directory + "/target"),
            "a tracked folder is checked out, not linked")
        XCTAssertNil(repo.read("target/untracked.txt", in: snapshot.directory))
    }

    func testTemporaryIndexAndFixedFilesCarriedBack() throws {
        let repo = try TestRepository()
        try repo.write("a.py", "a=1\n")
        try repo.write("b.py", "b=1\n")
        try repo.commitAll()
        // A different size: a same-size edit in the same second is invisible to a copied index (racy git).
        try repo.write("a.py", "a=20\n")
        let temporary = repo.sibling("commit-a-index")
        try FileManager.default.copyItem(atPath: repo.path + "/.git/index", toPath: temporary)
        try repo.handle(["GIT_INDEX_FILE": temporary]).run(["add", "a.py"])
        let snapshot = try prepare(repo, ["GIT_INDEX_FILE": temporary])
        defer { snapshot.release() }
        XCTAssertEqual(repo.read("a.py", in: snapshot.directory), Array("a=20\n".utf8))

        XCTAssertEqual(try snapshot.changedFiles(), [])
        try repo.write("a.py", "a = 2\n", in: snapshot.directory)  // what a formatter's --fix would do
        let fixed = try snapshot.changedFiles()
        XCTAssertEqual(fixed, [SnapshotFile(path: "a.py", mode: FileMode.regular, bytes: Array("a = 2\n".utf8))])
        let git = repo.handle(["GIT_INDEX_FILE": temporary])
        try git.stage(fixed[0].bytes!, path: fixed[0].path, mode: fixed[0].mode)
        XCTAssertEqual(try git.showFile(rev: ":0", path: "a.py"), Array("a = 2\n".utf8))
        XCTAssertEqual(try repo.handle().showFile(rev: ":0", path: "a.py"), Array("a=1\n".utf8))
    }

    func testLinkedWorktreeGetsItsOwnSnapshot() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "main\n")
        try repo.commitAll()
        let linked = repo.sibling("linked")
        try repo.git("worktree", "add", "-q", "-b", "feature", linked)
        try repo.write("a.txt", "feature\n", in: linked)
        try repo.git("add", "a.txt", in: linked)
        let git = repo.handle(directory: linked)
        let repository = try Repository.discover(git: git)
        let snapshot = try StagedSnapshot.prepare(git: git, repository: repository, tree: git.writeTree(of: repository))
        defer { snapshot.release() }
        XCTAssertEqual(repo.read("a.txt", in: snapshot.directory), Array("feature\n".utf8))
        XCTAssertTrue(snapshot.directory.hasPrefix(repository.gitDirectory))
        XCTAssertEqual(repo.read("a.txt"), Array("main\n".utf8))
    }
}

final class StagedSnapshotRecoveryTests: XCTestCase {
    func testACorruptSnapshotIndexIsRebuilt() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        let git = repo.handle()
        let repository = try Repository.discover(git: git)
        let tree = try git.writeTree(of: repository)
        try StagedSnapshot.prepare(git: git, repository: repository, tree: tree).release()
        try repo.write("belay/snapshot/index", "not an index", in: repository.gitDirectory)
        try repo.write("a.txt", "a check was here\n", in: repository.belayDirectory + "/snapshot/tree")
        let snapshot = try StagedSnapshot.prepare(git: git, repository: repository, tree: tree)
        defer { snapshot.release() }
        XCTAssertEqual(repo.read("a.txt", in: snapshot.directory), Array("a\n".utf8))
    }
}
