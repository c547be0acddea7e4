import Foundation
import XCTest

/// Every reporter through the real binary, and the exit-code contract.
final class ReportEndToEndTests: XCTestCase {
    private func blockedRepository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"ok\", run: \"echo fine\" } ] }\n")
        try repo.commitAll()
        try repo.write("dir/bad file.txt", "fine\nbad \n")
        try repo.git("add", "-A")
        return repo
    }

    func testJSONMatchesTheContract() throws {
        let repo = try blockedRepository()
        let result = try repo.binary("check", "--format", "json")
        XCTAssertEqual(result.code, 1, result.all)
        let report = try parseJSONObject(result.out)
        XCTAssertEqual(report["version"] as? Int, 1)
        XCTAssertEqual(report["verdict"] as? String, "block")
        let diagnostics = try XCTUnwrap(report["diagnostics"] as? [[String: Any]])
        let finding = try XCTUnwrap(diagnostics.first { $0["rule"] as? String == "trailing-whitespace" }, "\(report)")
        XCTAssertEqual(finding["severity"] as? String, "error")
        XCTAssertEqual(finding["path"] as? String, "dir/bad file.txt")
        XCTAssertEqual(finding["line"] as? Int, 2)
        XCTAssertEqual(finding["column"] as? Int, 4)
        XCTAssertFalse((finding["message"] as? String ?? "").isEmpty)
        let checks = try XCTUnwrap(report["checks"] as? [[String: Any]])
        XCTAssertEqual(checks.count, 1)
        XCTAssertEqual(checks[0]["name"] as? String, "ok")
        XCTAssertEqual(checks[0]["status"] as? String, "passed")
        XCTAssertEqual(checks[0]["attempts"] as? Int, 1)
        XCTAssertNotNil(checks[0]["durationMs"] as? Int)
        XCTAssertEqual(checks[0]["output"] as? String, "fine\n")

        try repo.write("dir/bad file.txt", "fine\n")
        try repo.git("add", "-A")
        let clean = try repo.binary("check", "--format", "json", "--no-cache")
        XCTAssertEqual(clean.code, 0, clean.all)
        XCTAssertEqual(try parseJSONObject(clean.out)["verdict"] as? String, "pass")
    }

    func testSARIFAndGitHub() throws {
        let repo = try blockedRepository()
        let sarif = try repo.binary("check", "--format", "sarif")
        XCTAssertEqual(sarif.code, 1, sarif.all)
        let log = try parseJSONObject(sarif.out)
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        let results = try XCTUnwrap(runs.first?["results"] as? [[String: Any]])
        XCTAssertTrue(results.contains { $0["ruleId"] as? String == "trailing-whitespace" }, "\(results)")

        let github = try repo.binary("check", "--format", "github")
        XCTAssertEqual(github.code, 1, github.all)
        let errors = github.out.split(separator: "\n").filter { $0.hasPrefix("::error file=") }
        XCTAssertFalse(errors.isEmpty, github.out)
        XCTAssertTrue(errors.contains { $0.contains("line=2") && $0.contains("bad file.txt") }, github.out)

        let text = try repo.binary("check")
        XCTAssertTrue(text.out.contains("dir/bad file.txt:2:4: error[trailing-whitespace]"), text.out)
    }

    /// `.git/belay` as a regular file: the snapshot cannot be created, a real internal failure.
    private func brokenRepository(policy: String) throws -> TestRepository {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"t\", run: \"true\" } ], onInternalError: \"\(policy)\" }\n")
        try repo.commitAll()
        try repo.write("change.txt", "change\n")
        try repo.git("add", "change.txt")
        FileManager.default.createFile(atPath: repo.path + "/.git/belay", contents: Data("not a folder".utf8))
        return repo
    }

    func testInternalErrorBlocksWithExitThree() throws {
        let repo = try brokenRepository(policy: "block")
        let result = try repo.binary("check")
        XCTAssertEqual(result.code, 3, result.all)
        XCTAssertTrue(result.err.contains("internal error"), result.err)
    }

    func testInternalErrorAllowedIsLoud() throws {
        let repo = try brokenRepository(policy: "allow")
        let result = try repo.binary("check")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertTrue(result.err.contains("NOTHING WAS CHECKED"), result.err)
    }
}
