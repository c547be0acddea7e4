import BelayCore
import Foundation
import XCTest

@testable import BelayGit

/// The hint the gate starts `write-tree` on must name what `rev-parse` finds, or nothing.
final class RepositoryHintTests: XCTestCase {
    private func hint(_ repo: TestRepository, _ overrides: [String: String] = [:], directory: String? = nil)
        -> RepositoryHint?
    {
        let git = repo.handle(overrides, directory: directory)
        return RepositoryHint.find(directory: git.directory, environment: git.environment)
    }

    func testTheHintAgreesWithRevParseFromTheTopAndFromASubdirectory() throws {
        let repo = try TestRepository()
        try repo.write("dir/deeper/a.txt", "a\n")
        try repo.commitAll()
        for directory in [repo.path, repo.path + "/dir", repo.path + "/dir/deeper"] {
            let found = try repo.discover(directory: directory)
            let hinted = try XCTUnwrap(hint(repo, directory: directory), directory)
            XCTAssertTrue(hinted.matches(found), "\(hinted) vs \(found)")
            XCTAssertEqual(hinted.belayDirectory, found.belayDirectory)
        }
    }

    func testALinkedWorktreesGitFileIsFollowed() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        let linked = repo.sibling("linked")
        try repo.git("worktree", "add", "-q", "-b", "feature", linked)
        let found = try repo.discover(directory: linked)
        let hinted = try XCTUnwrap(hint(repo, directory: linked))
        XCTAssertTrue(hinted.matches(found), "\(hinted) vs \(found)")
        XCTAssertFalse(hinted.matches(try repo.discover()), "the main worktree's index is another")
    }

    func testTheIndexGitWouldUseIsNamed() throws {
        let repo = try TestRepository()
        try repo.write("dir/a.txt", "a\n")
        try repo.commitAll()
        // A relative GIT_INDEX_FILE is read from the top level, as git reads it.
        let relative = ["GIT_INDEX_FILE": ".git/other-index"]
        let found = try repo.discover(relative, directory: repo.path + "/dir")
        let hinted = try XCTUnwrap(hint(repo, relative, directory: repo.path + "/dir"))
        XCTAssertEqual(hinted.indexFile, found.indexFile)
        XCTAssertTrue(hinted.matches(found))
        let absolute = ["GIT_INDEX_FILE": repo.sibling("next-index")]
        XCTAssertTrue(try XCTUnwrap(hint(repo, absolute)).matches(try repo.discover(absolute)))
    }

    func testNoHintWhereOnlyGitCanSay() throws {
        let repo = try TestRepository()
        XCTAssertNil(hint(repo, ["GIT_DIR": repo.path + "/.git"]), "GIT_DIR moves discovery")
        XCTAssertNil(hint(repo, ["GIT_WORK_TREE": repo.path]))
        XCTAssertNil(RepositoryHint.find(directory: repo.sibling("no-such-directory"), environment: [:]))
        let outside = repo.sibling("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        if let above = RepositoryHint.find(directory: outside, environment: [:]) {
            // Only a repository above the test's temporary directory could be named, never this one.
            XCTAssertFalse(above.topLevel.hasPrefix(repo.path))
        }
    }
}
