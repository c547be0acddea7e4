import BelayCore
import Foundation
import XCTest

/// Configured checks through `belay check --format json`: statuses, retries, `--fix` and the cache.
final class ChecksEndToEndTests: XCTestCase {
    /// A repository whose committed config is `config`, with `change.txt` staged.
    private func repository(config: String) throws -> TestRepository {
        let repo = try TestRepository()
        try repo.config(config)
        try repo.commitAll()
        try repo.write("change.txt", "change\n")
        try repo.git("add", "change.txt")
        return repo
    }

    private func checks(_ result: BelayResult) throws -> [String: [String: Any]] {
        let report = try parseJSONObject(result.out)
        let list = try XCTUnwrap(report["checks"] as? [[String: Any]], result.out)
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "", $0) })
    }

    func testHungCheckIsKilledOnTime() throws {
        let repo = try repository(
            config: "{ checks: [ { name: \"hang\", run: \"sleep 30 & sleep 30; wait\", timeout: 1 } ] }\n")
        let started = monotonicSeconds()
        let result = repo.belay("check", "--format", "json")
        let elapsed = monotonicSeconds() - started
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertEqual(try checks(result)["hang"]?["status"] as? String, "timeout")
        XCTAssertLessThan(elapsed, 10, "the whole process group must be killed after 1 s")
    }

    func testMissingToolIsAnErrorThatBlocks() throws {
        let repo = try repository(config: "{ checks: [ { name: \"lint\", run: \"no-such-tool-belay --check\" } ] }\n")
        let result = repo.belay("check", "--format", "json")
        XCTAssertEqual(result.code, 1, result.all)
        let lint = try XCTUnwrap(try checks(result)["lint"])
        XCTAssertEqual(lint["status"] as? String, "error")
        XCTAssertTrue((lint["output"] as? String ?? "").contains("no-such-tool-belay"), "\(lint)")
    }

    func testFlakyCheckPassesOnRetryAndPermanentTransientBlocks() throws {
        let repo = try TestRepository()
        let counter = repo.counterPath("flaky")
        let flaky =
            "echo x >> '\(counter)'; if [ $(wc -l < '\(counter)') -lt 2 ]; then echo 'curl: (6) Could not resolve host: example.com'; exit 1; fi"
        let always = "echo 'curl: (6) Could not resolve host: example.com'; exit 1"
        try repo.config(
            """
            {
              checks: [
                { name: "flaky", run: \(jsonString(flaky)) },
                { name: "down", run: \(jsonString(always)) },
              ],
              transient: { retries: 2, backoffSeconds: 0 },
            }

            """)
        try repo.commitAll()
        try repo.write("change.txt", "change\n")
        try repo.git("add", "change.txt")
        let result = repo.belay("check", "--format", "json")
        XCTAssertEqual(result.code, 1, result.all)
        let checks = try checks(result)
        XCTAssertEqual(checks["flaky"]?["status"] as? String, "passed", "\(checks)")
        XCTAssertEqual(checks["flaky"]?["attempts"] as? Int, 2)
        XCTAssertEqual(checks["down"]?["status"] as? String, "transient", "\(checks)")
        XCTAssertEqual(checks["down"]?["attempts"] as? Int, 3)
    }

    func testCacheSkipsAVerifiedTreeUnlessToldOtherwise() throws {
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [
              { name: "cached", run: "\(repo.counterCommand("cached"))" },
              { name: "uncached", run: "\(repo.counterCommand("uncached"))", cache: false },
            ] }

            """)
        try repo.commitAll()
        try repo.write("change.txt", "change\n")
        try repo.git("add", "change.txt")
        XCTAssertEqual(repo.belay("check").code, 0)
        XCTAssertEqual(repo.belay("check").code, 0)
        XCTAssertEqual(repo.count("cached"), 1, "the second run on the same tree runs nothing")
        XCTAssertEqual(repo.count("uncached"), 2, "cache: false opts out")
        XCTAssertEqual(repo.belay("check", "--no-cache").code, 0)
        XCTAssertEqual(repo.count("cached"), 2, "--no-cache re-runs")
        try repo.write("change.txt", "another\n")
        try repo.git("add", "change.txt")
        XCTAssertEqual(repo.belay("check").code, 0)
        XCTAssertEqual(repo.count("cached"), 3, "a new tree is checked again")
    }

    func testFixCarriesFullyStagedFixesAndLeavesPartialOnesAlone() throws {
        try requireTool("ruff")
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [ { name: "format", run: "ruff format --check {files}", files: ["*.py"], fix: "ruff format {files}" } ] }

            """)
        try repo.write("full.py", "x = 1\n")
        try repo.write("partial.py", "y = 1\n")
        try repo.commitAll()
        let ugly = "x  =  [1,2,\n  3]\n"
        try repo.write("full.py", ugly)
        try repo.write("partial.py", "y  =  {'a':1}\n")
        try repo.git("add", "full.py", "partial.py")
        try repo.write("partial.py", "y  =  {'a':1}\nz = 2\n")
        let partialBefore = Fingerprint(repo.path + "/partial.py")
        let stagedPartialBefore = try repo.staged("partial.py")

        let blocked = repo.belay("check")
        XCTAssertEqual(blocked.code, 1, "unformatted: \(blocked.all)")

        let fixed = repo.belay("check", "--fix")
        XCTAssertTrue(fixed.all.contains("fix would touch unstaged changes in partial.py"), fixed.all)
        let formatted = "x = [1, 2, 3]\n"
        XCTAssertEqual(repo.read("full.py"), formatted, "the fix lands in the working tree")
        XCTAssertEqual(try repo.staged("full.py") + "\n", formatted, "and in the index")
        XCTAssertEqual(Fingerprint(repo.path + "/partial.py"), partialBefore, "partial.py left alone")
        XCTAssertEqual(try repo.staged("partial.py"), stagedPartialBefore)
        XCTAssertEqual(fixed.code, 1, "partial.py is still unformatted: \(fixed.all)")
    }
}

private func jsonString(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
}
