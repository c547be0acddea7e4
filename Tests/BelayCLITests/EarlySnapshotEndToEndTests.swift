import Foundation
import XCTest

/// The gate brings the snapshot to the index's tree while it reads the change, when the working tree's
/// `belay.json5` says a check will run on the staged paths. That is only a guess about when to start: the
/// committed configuration still decides what runs, and the checks judge the staged content.
final class EarlySnapshotEndToEndTests: XCTestCase {
    private func traced(_ repo: TestRepository) throws -> BelayResult {
        try repo.binary("check", "--no-cache", env: ["BELAY_TRACE": "1"])
    }

    func testTheEarlySnapshotHoldsTheStagedContentNotTheWorkingCopy() throws {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"no-bad\", run: \"! grep -q BAD {files}\", files: [\"*.py\"] } ] }\n")
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("base")
        try repo.write("a.py", "x = 1\ny = 'BAD'\n")
        try repo.git("add", "a.py")
        try repo.write("a.py", "x = 1\ny = 'good'\n")  // fixed in the working copy only
        let result = try traced(repo)
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.err.contains("gate: prepare the snapshot early"), result.err)
        XCTAssertFalse(result.err.contains("gate: prepare the snapshot\n"), "prepared once: \(result.err)")
        try repo.git("add", "a.py")
        let fixed = try traced(repo)
        XCTAssertEqual(fixed.code, 0, fixed.all)
    }

    func testTheCommittedConfigurationDecidesEvenWhenTheWorkingOneHasNoChecks() throws {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"no-bad\", run: \"! grep -q BAD {files}\", files: [\"*.py\"] } ] }\n")
        try repo.write("a.py", "x = 1\n")
        try repo.commitAll("base")
        try repo.config("{ checks: [] }\n")  // unstaged: the gate that judges is HEAD's
        try repo.write("a.py", "y = 'BAD'\n")
        try repo.git("add", "a.py")
        let result = try traced(repo)
        XCTAssertEqual(result.code, 1, "HEAD's check still runs: \(result.all)")
        XCTAssertFalse(result.err.contains("gate: prepare the snapshot early"), result.err)
        XCTAssertTrue(result.err.contains("gate: prepare the snapshot"), result.err)
    }

    func testNoSnapshotWhenNoCheckMatchesTheStagedPaths() throws {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"py\", run: \"false\", files: [\"*.py\"] } ] }\n")
        try repo.write("README.md", "hello\n")
        try repo.commitAll("base")
        try repo.write("README.md", "hello again\n")
        try repo.git("add", "README.md")
        let result = try traced(repo)
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertFalse(result.err.contains("prepare the snapshot"), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path + "/.git/belay/snapshot/tree/README.md"))
    }
}
