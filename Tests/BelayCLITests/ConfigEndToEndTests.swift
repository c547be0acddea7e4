import Foundation
import XCTest

/// `belay.json5` through `belay check`: errors name file, line and key; the gate uses HEAD's config.
final class ConfigEndToEndTests: XCTestCase {
    private func repositoryWithCommit() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.write("a.txt", "one\n")
        try repo.commitAll()
        return repo
    }

    func testUnknownKeyNamesFileLineAndKey() throws {
        let repo = try repositoryWithCommit()
        try repo.config("{\n  checks: [],\n  chekcs: [],\n}\n")
        try repo.git("add", "belay.json5")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 2, result.all)
        XCTAssertTrue(result.err.contains("belay.json5"), result.err)
        XCTAssertTrue(result.err.contains(":3"), "line 3 expected: \(result.err)")
        XCTAssertTrue(result.err.contains("chekcs"), result.err)
    }

    func testWrongTypeNamesTheKey() throws {
        let repo = try repositoryWithCommit()
        try repo.config("{\n  checks: [\n    { name: \"t\", run: \"true\", timeout: \"soon\" },\n  ],\n}\n")
        try repo.git("add", "belay.json5")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 2, result.all)
        XCTAssertTrue(result.err.contains("belay.json5"), result.err)
        XCTAssertTrue(result.err.contains(":3:"), "line 3 expected: \(result.err)")
        XCTAssertTrue(result.err.contains("checks[0].timeout"), result.err)
    }

    func testBadGlobIsAConfigurationError() throws {
        let repo = try repositoryWithCommit()
        try repo.config("{\n  checks: [\n    { name: \"t\", run: \"true\", files: [\"[abc\"] },\n  ],\n}\n")
        try repo.git("add", "belay.json5")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 2, result.all)
        XCTAssertTrue(result.err.contains("belay.json5"), result.err)
        XCTAssertTrue(result.err.contains("files"), result.err)
        XCTAssertTrue(result.err.contains("[abc"), result.err)
    }

    func testStagedEditDeletingAFailingCheckDoesNotWeakenTheGate() throws {
        let repo = try TestRepository()
        try repo.config("{ checks: [ { name: \"strict\", run: \"test ! -e bad.txt\" } ] }\n")
        try repo.write("a.txt", "one\n")
        try repo.commitAll()
        try repo.config("{ checks: [] }\n")
        try repo.write("bad.txt", "bad\n")
        try repo.git("add", "-A")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 1, "the committed config still has 'strict': \(result.all)")
        XCTAssertTrue(result.out.contains("strict"), result.out)
        XCTAssertTrue(result.out.contains("belay.json5 has staged changes"), "the note is printed: \(result.out)")
    }

    func testWithoutHeadConfigTheStagedOneIsUsed() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "one\n")
        try repo.commitAll()
        try repo.config("{ checks: [ { name: \"strict\", run: \"test ! -e bad.txt\" } ] }\n")
        try repo.write("bad.txt", "bad\n")
        try repo.git("add", "-A")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.out.contains("strict"), result.out)
    }

    /// A broken config committed with --no-verify, then fixed: a plain `git commit` of the fix goes through
    /// the hook, judged with the staged version, and says so.
    func testABrokenConfigAtHeadIsRepairedByAPlainCommit() throws {
        let repo = try repositoryWithCommit()
        try repo.config("{\n  chekcs: [],\n}\n")
        try repo.commitAll("broken config")
        XCTAssertEqual(try repo.binary("install").code, 0)
        try repo.config("{\n  checks: [ { name: \"t\", run: \"true\" } ],\n}\n")
        try repo.git("add", "belay.json5")
        let commit = try repo.commit("-m", "repair config")
        XCTAssertEqual(commit.code, 0, commit.all)
        XCTAssertTrue(commit.err.contains("belay.json5 at HEAD is invalid"), commit.err)
        XCTAssertTrue(commit.err.contains("this change repairs it"), commit.err)
        XCTAssertTrue(commit.err.contains("check t: passed"), "judged with the staged checks: \(commit.err)")
        XCTAssertEqual(try repo.git("log", "-1", "--format=%s"), "repair config")
    }

    /// While nothing repairs it, the broken config blocks (exit 2), named as HEAD's, with the way out.
    func testABrokenConfigAtHeadBlocksAndNamesHead() throws {
        let repo = try repositoryWithCommit()
        try repo.config("{\n  checks: [],\n  chekcs: [],\n}\n")
        try repo.commitAll("broken config")
        try repo.write("a.txt", "two\n")
        try repo.git("add", "a.txt")
        let untouched = repo.belay("check")
        XCTAssertEqual(untouched.code, 2, untouched.all)
        XCTAssertTrue(untouched.err.contains("belay.json5 at HEAD:3: configuration error"), untouched.err)
        XCTAssertTrue(untouched.err.contains("stage a fixed belay.json5"), untouched.err)
        XCTAssertFalse(untouched.err.contains(repo.path + "/belay.json5"), "never the working-tree path")

        try repo.config("{\n  checks: 3,\n}\n")
        try repo.git("add", "belay.json5")
        let stillBroken = repo.belay("check")
        XCTAssertEqual(stillBroken.code, 2, stillBroken.all)
        XCTAssertTrue(stillBroken.err.contains("belay.json5 at HEAD:3"), stillBroken.err)
        XCTAssertTrue(stillBroken.err.contains("the staged version does not repair it"), stillBroken.err)
        XCTAssertTrue(stillBroken.err.contains("checks"), stillBroken.err)
    }

    func testWithoutConfigOnlyBuiltInRulesRun() throws {
        let repo = try repositoryWithCommit()
        try repo.write("b.txt", "clean\n")
        try repo.git("add", "b.txt")
        XCTAssertEqual(repo.belay("check").code, 0)
        try repo.write("b.txt", "dirty   \n")
        try repo.git("add", "b.txt")
        let result = repo.belay("check")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.out.contains("trailing-whitespace"), result.out)
    }
}

/// help, version, explain and usage errors.
final class CommandLineEndToEndTests: XCTestCase {
    func testHelpVersionExplainAndUsageErrors() throws {
        let repo = try TestRepository()
        let help = repo.belay("help")
        XCTAssertEqual(help.code, 0)
        XCTAssertTrue(help.out.contains("check"), help.out)
        let helpCheck = repo.belay("help", "check")
        XCTAssertEqual(helpCheck.code, 0)
        XCTAssertTrue(helpCheck.out.contains("--no-cache"), helpCheck.out)
        let version = try repo.binary("--version")
        XCTAssertEqual(version.code, 0, version.all)
        XCTAssertTrue(version.out.hasPrefix("belay "), version.out)
        let unknown = try repo.binary("check", "--bogus")
        XCTAssertEqual(unknown.code, 2, unknown.all)
        XCTAssertTrue(unknown.err.contains("--bogus"), unknown.err)
        let explain = repo.belay("explain", "trailing-whitespace")
        XCTAssertEqual(explain.code, 0)
        XCTAssertTrue(explain.out.contains("trailing-whitespace"), explain.out)
        let nope = repo.belay("explain", "nope")
        XCTAssertEqual(nope.code, 2)
        XCTAssertTrue(nope.err.contains("nope"), nope.err)
    }

    /// Regression: outside a repository `check` and `install` were "internal errors", so they exited 0
    /// with "NOTHING WAS CHECKED" instead of saying they were run in the wrong place.
    func testOutsideARepositoryIsAUsageError() throws {
        let repo = try TestRepository(initialize: false)
        for command in [["check"], ["install"], ["uninstall"]] {
            let result = try repo.process(belayBinary, command)
            XCTAssertEqual(result.code, 2, "\(command): \(result.all)")
            XCTAssertTrue(result.err.contains("not inside a git repository"), result.err)
        }
    }

    func testInitWritesAConfigThatParsesAndRefusesToOverwrite() throws {
        let repo = try TestRepository()
        try repo.write("pyproject.toml", "[project]\nname = \"x\"\nversion = \"0.1\"\n")
        try repo.write("app.py", "x = 1\n")
        let first = repo.belay("init")
        XCTAssertEqual(first.code, 0, first.all)
        let written = try XCTUnwrap(repo.read("belay.json5"))
        if ProcessInfo.processInfo.environment["PATH"].flatMap({ resolveExecutableOnPath("ruff", $0) }) != nil {
            XCTAssertTrue(written.contains("ruff"), "ruff is installed, so it is configured: \(written)")
        }
        // It parses: `belay check` on it is not a configuration error.
        try repo.git("add", "-A")
        let check = repo.belay("check", "--no-checks")
        XCTAssertNotEqual(check.code, 2, "the starter config must parse: \(check.all)\n\(written)")
        let full = repo.belay("check")
        XCTAssertNotEqual(full.code, 2, full.all)
        // No overwrite without --force.
        try repo.write("belay.json5", "// mine\n{}\n")
        let second = repo.belay("init")
        XCTAssertTrue(second.err.contains("exists"), second.all)
        XCTAssertEqual(repo.read("belay.json5"), "// mine\n{}\n")
        XCTAssertEqual(repo.belay("init", "--force").code, 0)
        XCTAssertNotEqual(repo.read("belay.json5"), "// mine\n{}\n")
    }

    func testDemoEndsEverySceneAsScripted() throws {
        let repo = try TestRepository(initialize: false)
        let result = try repo.binary("demo", in: repo.root)
        // The demo exits 3 when a scene does not end as scripted, so 0 is the real assertion.
        XCTAssertEqual(result.code, 0, result.all)
        let summary = try XCTUnwrap(result.out.components(separatedBy: "What belay said:").last, result.out)
        let scenes = summary.split(separator: "\n").filter { $0.hasPrefix("  ") }
        let blocked = scenes.filter { $0.contains("  blocked  ") }
        XCTAssertGreaterThanOrEqual(scenes.count, 5, summary)
        XCTAssertGreaterThanOrEqual(blocked.count, 4, summary)
        XCTAssertEqual(scenes.count - blocked.count, 1, "one scene shows a commit that passes: \(summary)")
        XCTAssertTrue(blocked.allSatisfy { $0.contains("←") }, "every blocked scene names what caught it")
        XCTAssertTrue(summary.contains("\(blocked.count) broken commit(s) stopped"), summary)
        XCTAssertTrue(
            scenes.contains { $0.contains("A parameter declared twice") && $0.contains("duplicate-parameter") })
        XCTAssertTrue(scenes.contains { $0.contains("A dead store") && $0.contains("duplicate-assignment") })
        for scene in ["A ghost variable", "An untouched caller", "The frontend spelling"] {
            XCTAssertTrue(scenes.contains { $0.contains(scene) && $0.contains("rename-leftover") }, summary)
        }
        XCTAssertTrue(scenes.contains { $0.contains("Added, not replaced") && $0.contains("added-not-replaced") })
        XCTAssertTrue(result.out.contains("return old_text.upper()"), result.out)
        XCTAssertTrue(result.out.contains("record.oldField"), result.out)
        XCTAssertFalse(result.out.contains("unexpected!"), result.out)
    }
}

func resolveExecutableOnPath(_ tool: String, _ path: String) -> String? {
    path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
