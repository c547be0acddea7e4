import Foundation
import XCTest

/// The progress display of running checks: drawn on a terminal (a pseudo-terminal made by util-linux
/// `script`), absent through a pipe, in json, and with `NO_COLOR`.
final class ProgressEndToEndTests: XCTestCase {
    /// A repository whose committed config has a check that runs long enough to be drawn a few times.
    private func repositoryWithSlowCheck() throws -> TestRepository {
        let repo = try TestRepository()
        repo.environment["NO_COLOR"] = nil
        repo.environment["TERM"] = "xterm"
        try repo.config(#"{ checks: [ { name: "slowcheck", run: "sleep 0.7" }, { name: "quick", run: "true" } ] }"#)
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        try repo.write("a.txt", "a\nb\n")
        try repo.git("add", "a.txt")
        return repo
    }

    /// Runs `belay ARGUMENTS` with stdin, stdout and stderr on a pseudo-terminal.
    private func onTerminal(_ repo: TestRepository, _ arguments: [String], env: [String: String] = [:]) throws
        -> BelayResult
    {
        try requireTool("script")
        let command = ([belayBinary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try repo.process("script", ["-qec", command, "/dev/null"], env: env)
    }

    func testATerminalShowsEachRunningCheckAndEachFinishedOne() throws {
        let repo = try repositoryWithSlowCheck()
        let result = try onTerminal(repo, ["check"])
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertTrue(result.out.contains("running slowcheck ("), result.out)
        XCTAssertTrue(result.out.contains("belay: check slowcheck: passed ("), result.out)
        XCTAssertTrue(result.out.contains("belay: check quick: passed ("), result.out)
        XCTAssertTrue(result.out.contains("\u{1B}[1A\u{1B}[J"), "redrawn in place: \(result.out.debugDescription)")
    }

    func testAPipeJSONAndNoColorShowNoProgress() throws {
        let repo = try repositoryWithSlowCheck()
        let piped = try repo.binary("check")
        XCTAssertEqual(piped.code, 0, piped.all)
        XCTAssertEqual(piped.err, "", "nothing on stderr through a pipe")
        XCTAssertFalse(piped.out.contains("\u{1B}"), piped.out)
        XCTAssertTrue(piped.out.contains("check slowcheck: passed ("), piped.out)
        XCTAssertFalse(piped.out.contains("running"), piped.out)

        try repo.write("a.txt", "a\nb\nc\n")  // a new tree: the checks run again, not from the cache
        try repo.git("add", "a.txt")
        let json = try onTerminal(repo, ["check", "--format", "json"])
        XCTAssertFalse(json.out.contains("running slowcheck"), json.out)
        XCTAssertFalse(json.out.contains("\u{1B}"), json.out)

        try repo.write("a.txt", "a\nb\nc\nd\n")
        try repo.git("add", "a.txt")
        let plain = try onTerminal(repo, ["check"], env: ["NO_COLOR": "1"])
        XCTAssertTrue(plain.out.contains("check slowcheck: passed"), plain.out)
        XCTAssertFalse(plain.out.contains("running slowcheck"), plain.out)
        XCTAssertFalse(plain.out.contains("\u{1B}"), plain.out)
    }
}
