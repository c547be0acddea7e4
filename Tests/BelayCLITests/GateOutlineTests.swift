import BelayCore
import BelayGit
import XCTest

@testable import BelayGate

/// The gate starts the checks from an outline of the staged change (paths, index identity, unmerged
/// paths, from `diff-index` alone) and reads the contents beside them: the outline must say exactly what
/// the full read says.
final class GateOutlineTests: XCTestCase {
    func testOutlineAgreesWithTheFullReadOfTheStagedChange() throws {
        let repo = try TestRepository()
        try repo.write("kept.py", "x = 1\n")
        try repo.write("edited.py", "y = 1\n")
        try repo.write("gone.py", "z = 1\n")
        try repo.write("moved.py", "def long_enough_to_be_a_rename():\n    return 'the same text'\n")
        try repo.write("docs/with space.md", "old\n")
        try repo.commitAll()
        try repo.write("edited.py", "y = 2\n")
        try repo.write("added.py", "w = 1\n")
        try repo.write("docs/with space.md", "new\n")
        try repo.git("rm", "-q", "gone.py")
        try repo.git("mv", "moved.py", "renamed.py")
        symlink("kept.py", repo.path + "/link.py")
        try repo.git("add", "-A")

        let git = Git(runner: ProcessRunner(), environment: repo.environment, directory: repo.path)
        let repository = try Repository.discover(git: git)
        let rooted = git.rooted(at: repository)
        var reader = ChangeReader(git: rooted, repository: repository)
        reader.stagedAgainstHead = try rooted.stagedChanges(head: "HEAD")
        let scopes: [GateOptions.Scope] = [.staged, .files(["edited.py", "renamed.py", "link.py", "nothing.py"])]
        for scope in scopes {
            let outline = try XCTUnwrap(reader.outline(scope), "\(scope)")
            let full = try reader.read(scope)
            XCTAssertEqual(outline.stagedPaths, full.stagedPaths, "\(scope)")
            XCTAssertEqual(outline.indexIdentity, full.indexIdentity, "\(scope)")
            XCTAssertEqual(outline.unmerged, full.unmerged, "\(scope)")
            XCTAssertTrue(outline.inputs.isEmpty && outline.sources.isEmpty, "an outline reads no contents")
        }
        XCTAssertEqual(
            Set(try reader.read(.staged).stagedPaths), ["edited.py", "added.py", "docs/with space.md", "renamed.py"])
    }

    func testNoOutlineWithoutAPrefetchOrOnAnUnbornBranch() throws {
        let repo = try TestRepository()
        try repo.write("first.py", "x = 1\n")
        try repo.git("add", "-A")
        let git = Git(runner: ProcessRunner(), environment: repo.environment, directory: repo.path)
        let repository = try Repository.discover(git: git)
        var reader = ChangeReader(git: git.rooted(at: repository), repository: repository)
        XCTAssertNil(reader.outline(.staged), "nothing prefetched")
        reader.stagedAgainstHead = []
        XCTAssertNil(reader.outline(.staged), "no HEAD: the staged change is read against the empty tree")
        XCTAssertNil(reader.outline(.working))
    }
}
