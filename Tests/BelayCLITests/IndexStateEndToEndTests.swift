import Foundation
import XCTest

/// Index states that are inputs, not belay's failure: an unresolved merge, intent-to-add entries.
final class IndexStateEndToEndTests: XCTestCase {
    /// `a.py` conflicted by a merge that is still in progress.
    private func conflictedRepository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"t\", run: \"true\", fix: \"true\" } ] }\n")
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "other")
        try repo.write("a.py", "x = 2\n")
        try repo.commitAll("o")
        try repo.git("checkout", "-q", "main")
        try repo.write("a.py", "x = 3\n")
        try repo.commitAll("m")
        let merge = try repo.gitOutcome(["merge", "--no-verify", "other"])
        XCTAssertNotEqual(merge.code, 0, "a real conflict is expected: \(merge.all)")
        return repo
    }

    /// Regression (issue 8, bug 3): `git write-tree` failed on the unmerged index, and the failure was
    /// treated as belay's own: "NOTHING WAS CHECKED", exit 0.
    func testUnresolvedMergeBlocksInsteadOfFailingOpen() throws {
        let repo = try conflictedRepository()
        let index = try repo.git("ls-files", "-s")
        let working = repo.read("a.py")
        for arguments in [["check"], ["check", "--no-checks"], ["check", "--all"], ["check", "--fix"]] {
            let result = repo.belay(arguments)
            XCTAssertEqual(result.code, 1, "\(arguments): \(result.all)")
            XCTAssertFalse(result.all.contains("internal error"), "\(arguments): \(result.all)")
            XCTAssertTrue(result.out.contains("a.py"), "\(arguments): \(result.out)")
            if arguments != ["check", "--no-checks"] {
                XCTAssertTrue(result.out.contains("unresolved"), "\(arguments): \(result.out)")
                XCTAssertTrue(result.out.contains("git add"), "says how to resolve: \(result.out)")
            }
        }
        XCTAssertTrue(repo.belay("check", "--fix").all.contains("--fix: not run"), "says why nothing was fixed")
        let json = try parseJSONObject(repo.belay("check", "--format", "json").out)
        XCTAssertEqual(json["verdict"] as? String, "block")
        let checks = try XCTUnwrap(json["checks"] as? [[String: Any]])
        XCTAssertEqual(checks.map { $0["status"] as? String }, ["error"], "a check that cannot run is not a pass")
        XCTAssertEqual(try repo.git("ls-files", "-s"), index, "the index is untouched")
        XCTAssertEqual(repo.read("a.py"), working)
    }

    /// Regression (issue 8, bug 3): an intent-to-add entry (`git add -N`) was judged as a staged empty
    /// file that the snapshot does not hold, so `{files}` named a file that was not there and the check
    /// failed. A commit records nothing for such an entry; `--working` judges its content.
    func testIntentToAddEntriesAreNotPartOfTheStagedChange() throws {
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [ { name: "cat", run: "cat {files}", files: ["*.py"], fix: "sed -i s/BAD/good/ {files}" } ] }

            """)
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("base")
        try repo.write("b.py", "y = BAD   \n")
        try repo.git("add", "-N", "b.py")
        let index = try repo.git("ls-files", "-s")
        for arguments in [["check"], ["check", "--all"], ["check", "--fix"]] {
            let result = repo.belay(arguments)
            XCTAssertEqual(result.code, 0, "\(arguments): \(result.all)")
            XCTAssertFalse(result.all.contains("b.py"), "\(arguments): \(result.all)")
        }
        XCTAssertEqual(repo.read("b.py"), "y = BAD   \n", "--fix leaves it alone")
        XCTAssertEqual(try repo.git("ls-files", "-s"), index)
        let working = repo.belay("check", "--working")
        XCTAssertEqual(working.code, 1, "the working tree holds b.py: \(working.all)")
        XCTAssertTrue(working.out.contains("b.py:1:"), working.out)
    }
}
