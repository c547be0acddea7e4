import BelayCore
import Foundation
import XCTest

/// `belay doctor` with the built binary: a healthy repository, a `core.hooksPath` that points elsewhere,
/// a shadowing husky setup, a hook whose belay is gone, a missing check tool, a broken config, and agent
/// hook configurations that cannot reach belay.
final class DoctorEndToEndTests: XCTestCase {
    private func healthyRepository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.config(#"{ checks: [ { name: "gitcheck", run: "git --version" }, { name: "t", run: "true" } ] }"#)
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        XCTAssertEqual(try repo.binary("install").code, 0)
        return repo
    }

    private func lines(_ text: String, starting prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    func testAHealthyRepositoryPasses() throws {
        let repo = try healthyRepository()
        let result = try repo.binary("doctor")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertEqual(lines(result.out, starting: "FIX"), [], result.out)
        XCTAssertTrue(
            result.out.contains("ok  pre-commit hook: git runs hooks from \(repo.path)/.git/hooks"), result.out)
        XCTAssertTrue(result.out.contains("(belay 0.1.0); it fires"), result.out)
        XCTAssertTrue(result.out.contains("ok  pre-push hook:"), result.out)
        XCTAssertTrue(result.out.contains("ok  belay.json5: parses"), result.out)
        XCTAssertTrue(result.out.contains("ok  check 'gitcheck': git is /"), result.out)
        XCTAssertTrue(result.out.hasSuffix("belay doctor: the gate is in place\n"), result.out)
    }

    func testCoreHooksPathElsewhereIsCaught() throws {
        let repo = try healthyRepository()
        try repo.git("config", "core.hooksPath", "elsewhere")
        let result = try repo.binary("doctor")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.out.contains("FIX pre-commit hook: missing: core.hooksPath is 'elsewhere'"), result.out)
        XCTAssertTrue(result.out.contains("belay's hook in \(repo.path)/.git/hooks is ignored"), result.out)
        XCTAssertTrue(result.out.contains("→ run 'belay install'"), result.out)
        XCTAssertTrue(result.out.contains("belay doctor: 2 things to fix"), result.out)
    }

    func testAShadowingHuskySetupIsNamed() throws {
        let repo = try healthyRepository()
        try repo.write(".husky/_/pre-commit", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n")
        try repo.write(".husky/_/pre-push", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n")
        try repo.git("config", "core.hooksPath", ".husky/_")
        let result = try repo.binary("doctor")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.out.contains("is not belay's hook (written by husky)"), result.out)
        XCTAssertTrue(result.out.contains("core.hooksPath is '.husky/_'"), result.out)
        XCTAssertTrue(result.out.contains("the existing hook is kept and runs first"), result.out)

        XCTAssertEqual(try repo.binary("install").code, 0, "belay install chains husky's hooks")
        let fixed = try repo.binary("doctor")
        XCTAssertEqual(fixed.code, 0, fixed.all)
        XCTAssertTrue(fixed.out.contains("it runs the kept pre-commit.belay-chained first"), fixed.out)
    }

    func testAHookWhoseBelayIsGoneAndAHookThatIsNotExecutable() throws {
        let repo = try healthyRepository()
        XCTAssertEqual(
            repo.belay("install", env: [:]).code, 0, "in-process install writes the test's executablePath")
        let hook = repo.path + "/.git/hooks/pre-commit"
        let script = try String(contentsOfFile: hook, encoding: .utf8)
        let gone = script.replacingOccurrences(of: belayBinary, with: repo.root + "/removed/belay")
        try gone.write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        chmod(repo.path + "/.git/hooks/pre-push", 0o644)
        let result = try repo.binary("doctor")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(
            result.out.contains("FIX pre-commit hook: \(hook) calls \(repo.root)/removed/belay, which is missing"),
            result.out)
        XCTAssertTrue(result.out.contains("FIX pre-push hook: \(repo.path)/.git/hooks/pre-push is not executable"))
    }

    func testAMissingCheckToolAndABrokenConfig() throws {
        let repo = try healthyRepository()
        try repo.config(#"{ checks: [ { name: "lint", run: "RUFF_CACHE=x no-such-linter-xyz check {files}" } ] }"#)
        try repo.commitAll("config")
        let missing = try repo.binary("doctor")
        XCTAssertEqual(missing.code, 1, missing.all)
        XCTAssertTrue(
            missing.out.contains("FIX check 'lint': no-such-linter-xyz is not found (PATH or the repository)"),
            missing.out)

        try repo.config("{ chekcs: [] }\n")
        try repo.commitAll("broken")
        let broken = try repo.binary("doctor")
        XCTAssertEqual(broken.code, 1, broken.all)
        XCTAssertTrue(broken.out.contains("FIX belay.json5: belay.json5 at HEAD:1"), broken.out)
    }

    func testAgentHookConfigurations() throws {
        let repo = try healthyRepository()
        try repo.write(
            ".claude/settings.json",
            #"{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"/home/x/belay hook claude"}]}]}}"#)
        let old = try repo.binary("doctor")
        XCTAssertEqual(old.code, 1, old.all)
        XCTAssertTrue(old.out.contains("FIX .claude/settings.json: a belay hook by a machine path"), old.out)

        XCTAssertEqual(try repo.binary("init", "--agent", "claude").code, 0)
        // A PATH with git and nothing else: wherever belay is installed here, it is not on this PATH.
        let tools = repo.root + "/tools"
        try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
        let git = try XCTUnwrap(resolveExecutable("git", path: repo.environment["PATH"]))
        try FileManager.default.createSymbolicLink(atPath: tools + "/git", withDestinationPath: git)
        let absent = try repo.binary("doctor", env: ["PATH": tools])
        XCTAssertEqual(absent.code, 1, absent.all)
        XCTAssertTrue(absent.out.contains("belay is not on PATH here"), absent.out)

        let bin = repo.root + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/belay", withDestinationPath: belayBinary)
        let present = try repo.binary("doctor", env: ["PATH": bin + ":" + (repo.environment["PATH"] ?? "")])
        XCTAssertEqual(present.code, 0, present.all)
        XCTAssertTrue(present.out.contains("ok  .claude/settings.json: its hooks find belay on PATH"), present.out)
    }
}
