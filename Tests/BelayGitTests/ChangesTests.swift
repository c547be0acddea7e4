import BelayCore
import Foundation
import XCTest

@testable import BelayGit

final class ChangesTests: XCTestCase {
    func testStagedAddModifyDeleteRenameAndModeChange() throws {
        let repo = try TestRepository()
        let body = (1...20).map { "line \($0) of a file long enough to be found as a rename" }.joined(separator: "\n")
        try repo.write("keep.txt", "keep\n")
        try repo.write("gone.txt", "gone\n")
        try repo.write("old name.py", body + "\n")
        try repo.write("run.sh", "#!/bin/sh\n")
        try repo.commitAll()
        try repo.write("keep.txt", "changed\n")
        try repo.git("rm", "-q", "gone.txt")
        try repo.git("mv", "old name.py", "ünïcode \"new\"\nname.py")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path + "/run.sh")
        try repo.write("added.txt", "new\n")
        try repo.git("add", "-A")
        let git = repo.handle()
        let head = try repo.discover().head
        let changes = try git.stagedChanges(head: head)
        let byPath = Dictionary(uniqueKeysWithValues: changes.map { ($0.path, $0) })
        XCTAssertEqual(changes.count, 5, "\(changes)")
        XCTAssertEqual(byPath["added.txt"]?.kind, .added)
        XCTAssertEqual(byPath["keep.txt"]?.kind, .modified)
        XCTAssertEqual(byPath["gone.txt"]?.kind, .deleted)
        let rename = try XCTUnwrap(byPath["ünïcode \"new\"\nname.py"])
        XCTAssertEqual(rename.kind, .renamed)
        XCTAssertEqual(rename.oldPath, "old name.py")
        XCTAssertEqual(rename.similarity, 100)
        XCTAssertEqual(byPath["run.sh"]?.newMode, FileMode.executable)
        XCTAssertEqual(byPath["run.sh"]?.oldMode, FileMode.regular)

        let blobs = try git.readBlobs(changes.compactMap(\.newBlob) + changes.compactMap(\.oldBlob))
        XCTAssertEqual(blobs[byPath["keep.txt"]!.newBlob!], Array("changed\n".utf8))
        XCTAssertEqual(blobs[byPath["keep.txt"]!.oldBlob!], Array("keep\n".utf8))

        try repo.commitAll()
        let range = try git.changes(from: head!, to: "HEAD")
        XCTAssertEqual(Set(range.map(\.path)), Set(byPath.keys))
        XCTAssertEqual(try git.showFile(rev: "HEAD", path: "ünïcode \"new\"\nname.py")?.count, body.utf8.count + 1)
        XCTAssertNil(try git.showFile(rev: "HEAD", path: "belay.json5"))
        XCTAssertNil(try git.revParse("no-such-branch"))
        XCTAssertEqual(try git.revParse("HEAD"), try repo.git("rev-parse", "HEAD"))
    }

    func testBytesArePreservedCRLFAndBinary() throws {
        let repo = try TestRepository()
        let crlf = Array("one\r\ntwo\r\n".utf8)
        let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0, 0xFF, 0x0A, 0x0D]
        try repo.write("win.txt", bytes: crlf)
        try repo.write("image.png", bytes: binary)
        try repo.git("add", "-A")
        let git = repo.handle()
        let changes = try git.stagedChanges(head: nil)
        let blobs = try git.readBlobs(changes.compactMap(\.newBlob))
        let byPath = Dictionary(uniqueKeysWithValues: changes.map { ($0.path, blobs[$0.newBlob!]!) })
        XCTAssertEqual(byPath["win.txt"], crlf)
        XCTAssertEqual(byPath["image.png"], binary)
        XCTAssertTrue(isBinary(byPath["image.png"]!))
        XCTAssertFalse(isBinary(byPath["win.txt"]!))
    }

    func testSubmoduleEntriesAreReportedAsSubmodules() throws {
        let repo = try TestRepository()
        let other = try TestRepository()
        try other.write("lib.txt", "lib\n")
        try other.commitAll()
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", other.path, "deps/lib")
        let changes = try repo.handle().stagedChanges(head: nil)
        let submodule = try XCTUnwrap(changes.first { $0.path == "deps/lib" })
        XCTAssertTrue(submodule.isSubmodule)
        XCTAssertEqual(submodule.newMode, FileMode.submodule)
        XCTAssertEqual(try repo.handle().readBlobs([submodule.newBlob!]), [:], "gitlinks are not blobs here")
        let entries = try repo.handle().lsFiles(stage: true)
        XCTAssertEqual(entries.first { $0.path == "deps/lib" }?.mode, FileMode.submodule)
        XCTAssertEqual(try repo.handle().lsFiles(stage: false).map(\.path), [".gitmodules", "deps/lib"])
    }

    func testWorkingChangesIncludeUntrackedButNotIgnored() throws {
        let repo = try TestRepository()
        try repo.write("tracked.txt", "a\n")
        try repo.write(".gitignore", "*.log\n")
        try repo.commitAll()
        try repo.write("tracked.txt", "b\n")
        try repo.write("new file.txt", "new\n")
        try repo.write("noise.log", "ignored\n")
        let changes = try repo.handle().workingChanges(head: try repo.discover().head)
        XCTAssertEqual(changes.map(\.path).sorted(), ["new file.txt", "tracked.txt"])
        XCTAssertEqual(changes.first { $0.path == "new file.txt" }?.newMode, FileMode.regular)
        XCTAssertTrue(changes.allSatisfy { $0.newBlob == nil }, "working content is read from disk")
    }

    func testIndexBlobAndStagingFixedContent() throws {
        let repo = try TestRepository()
        try repo.write("a*b.txt", "staged\n")
        try repo.write("aXb.txt", "other\n")
        try repo.git("add", "-A")
        let git = repo.handle()
        let blob = try XCTUnwrap(git.indexBlob(path: "a*b.txt"))
        XCTAssertEqual(try git.readBlobs([blob])[blob], Array("staged\n".utf8))
        XCTAssertNil(try git.indexBlob(path: "missing.txt"))
        try git.stage(Array("fixed\n".utf8), path: "a*b.txt")
        XCTAssertEqual(try git.showFile(rev: ":0", path: "a*b.txt"), Array("fixed\n".utf8))
        XCTAssertEqual(repo.read("a*b.txt"), Array("staged\n".utf8), "the working tree is the caller's business")
        XCTAssertEqual(try git.showFile(rev: ":0", path: "aXb.txt"), Array("other\n".utf8))
    }

    func testCommitsToCheckForPushes() throws {
        let repo = try TestRepository()
        try repo.write("a", "1\n")
        try repo.commitAll("one")
        let first = try repo.git("rev-parse", "HEAD")
        try repo.git("update-ref", "refs/remotes/origin/main", first)
        try repo.write("a", "2\n")
        try repo.commitAll("two")
        try repo.write("a", "3\n")
        try repo.commitAll("three")
        let third = try repo.git("rev-parse", "HEAD")
        let second = try repo.git("rev-parse", "HEAD~1")
        let zero = String(repeating: "0", count: 40)
        let git = repo.handle()
        let update = PushUpdate(
            localRef: "refs/heads/main", localSHA: third, remoteRef: "refs/heads/main", remoteSHA: first)
        XCTAssertEqual(try git.commitsToCheck(update), [second, third])
        var new = update
        new.remoteSHA = zero
        XCTAssertEqual(try git.commitsToCheck(new), [second, third])
        var unknownRemote = update
        unknownRemote.remoteSHA = String(repeating: "e", count: 40)
        XCTAssertEqual(try git.commitsToCheck(unknownRemote), [second, third])
        var deletion = update
        deletion.localSHA = zero
        XCTAssertEqual(try git.commitsToCheck(deletion), [])
    }
}
