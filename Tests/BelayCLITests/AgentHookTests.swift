import BelayCLI
import BelayCore
import BelaySession
import Foundation
import XCTest

/// `belay hook claude` and `belay hook codex`: golden input and output under `fixtures/hooks/<agent>/`.
/// `<case>.input.json` is what the agent sends (`$REPO` is replaced with a scratch repository that has a
/// staged file with trailing whitespace); `<case>.output.json` is the expected stdout (absent: silent).
/// `BELAY_RECORD=1` re-records the outputs, and the recording run fails.
final class AgentHookTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/hooks")
    var repo = ""
    var environment: [String: String] = [:]

    override func setUpWithError() throws {
        repo = NSTemporaryDirectory() + "belay-hook-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("GIT_") && !$0.key.hasPrefix("BELAY_")
        }
        environment["HOME"] = repo
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "agent"
            environment["GIT_\(role)_EMAIL"] = "agent@belay.invalid"
        }
        try git("init", "-q", "-b", "agent/task")
        try Data("def total(items):\n    return sum(items)\n".utf8).write(to: URL(fileURLWithPath: repo + "/app.py"))
        try git("add", "app.py")
        try git("commit", "-q", "-m", "start")
        try Data("x = 1   \n".utf8).write(to: URL(fileURLWithPath: repo + "/bad.py"))
        try git("add", "bad.py")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: repo) }

    private func git(_ arguments: String...) throws {
        let outcome = try ProcessRunner().run(
            ProcessRequest(executable: "git", arguments: arguments, environment: environment, workingDirectory: repo))
        XCTAssertTrue(outcome.succeeded, String(decoding: outcome.standardError, as: UTF8.self))
    }

    /// Runs `belay hook AGENT` in-process with `input` on stdin.
    private func hook(_ agent: String, input: [UInt8]) -> (status: Int32, out: String, err: String) {
        let captured = Captured()
        let console = Console(stdin: { input }, out: { captured.append(out: $0) }, err: { captured.append(err: $0) })
        let invocation = Invocation(
            environment: environment, workingDirectory: repo, console: console, runner: ProcessRunner(),
            executablePath: "/usr/local/bin/belay")
        let status = BelayCLI.run(["hook", agent], invocation)
        return (status, captured.out, captured.err)
    }

    private func assertGoldens(_ agent: String) throws {
        let folder = Self.fixtures.appendingPathComponent(agent)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".input.json") }.sorted()
        XCTAssertGreaterThanOrEqual(inputs.count, 6)
        let recording = ProcessInfo.processInfo.environment["BELAY_RECORD"] == "1"
        for name in inputs {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let result = hook(agent, input: Array(text.replacingOccurrences(of: "$REPO", with: repo).utf8))
            XCTAssertEqual(result.status, 0, "\(agent)/\(name): \(result.err)")
            let expectedURL = folder.appendingPathComponent(name.replacingOccurrences(of: ".input.", with: ".output."))
            if recording {
                if result.out.isEmpty {
                    try? FileManager.default.removeItem(at: expectedURL)
                } else {
                    try Data(result.out.utf8).write(to: expectedURL)
                }
                continue
            }
            guard let expected = FileManager.default.contents(atPath: expectedURL.path) else {
                XCTAssertEqual(result.out, "", "\(agent)/\(name) should be silent")
                continue
            }
            let actual = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? NSDictionary
            let golden = try JSONSerialization.jsonObject(with: expected) as? NSDictionary
            XCTAssertEqual(actual, golden, "\(agent)/\(name)")
        }
        if recording { XCTFail("recorded \(agent) goldens; run again without BELAY_RECORD") }
    }

    func testClaudeGoldens() throws { try assertGoldens("claude") }

    func testCodexGoldens() throws { try assertGoldens("codex") }

    func testDenialReasonAlsoGoesToStderr() {
        let input =
            #"{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"git commit -m x"},"cwd":"\#(repo)"}"#
        let result = hook("claude", input: Array(input.utf8))
        XCTAssertTrue(result.err.contains("bad.py:1:6: error[trailing-whitespace]"), result.err)
    }

    func testAPushThatMergedAnotherPublishedBranchIsDenied() throws {
        try git("commit", "-q", "--no-verify", "-m", "bad")
        try git("init", "-q", "--bare", repo + "/origin.git")
        try git("remote", "add", "origin", repo + "/origin.git")
        try git("push", "-q", "origin", "agent/task:main", "agent/task")
        try git("checkout", "-q", "-b", "develop")
        try Data("VALUE = 1\n".utf8).write(to: URL(fileURLWithPath: repo + "/develop.py"))
        try git("add", "develop.py")
        try git("commit", "-q", "-m", "develop")
        try git("push", "-q", "origin", "develop")
        try git("checkout", "-q", "agent/task")
        try Data("FEATURE = 1\n".utf8).write(to: URL(fileURLWithPath: repo + "/feature.py"))
        try git("add", "feature.py")
        try git("commit", "-q", "-m", "feature")
        try git("merge", "-q", "--no-edit", "origin/develop")
        let input =
            #"{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"git push"},"cwd":"\#(repo)"}"#
        let result = hook("claude", input: Array(input.utf8))
        XCTAssertTrue(result.out.contains("\"permissionDecision\":\"deny\""), result.out)
        XCTAssertTrue(result.err.contains("merge-source"), result.err)
        XCTAssertTrue(result.err.contains("brings in origin/develop (1 commit not on origin/main)"), result.err)
        XCTAssertFalse(result.err.contains("bad.py"), "bad.py is published already: \(result.err)")
    }

    func testShellCommandsThatCommitOrPush() {
        XCTAssertTrue(AgentGitIntent.analyse("cd app && git -C sub commit -m 'a && b'").commits)
        XCTAssertEqual(AgentGitIntent.analyse("git -C sub commit -m x").directory, "sub")
        XCTAssertTrue(AgentGitIntent.analyse("FOO=1 /usr/bin/git push").pushes)
        XCTAssertTrue(AgentGitIntent.analyse("git add -A; git commit -m x").commitsAll)
        XCTAssertTrue(AgentGitIntent.analyse("git commit -am x").commitsAll)
        XCTAssertFalse(AgentGitIntent.analyse("git commit -m x").commitsAll)
        XCTAssertNotNil(AgentGitIntent.analyse("bash -c 'git commit -n -m x'").refusal)
        XCTAssertNotNil(AgentGitIntent.analyse("git -c core.hooksPath=/dev/null commit -m x").refusal)
        XCTAssertFalse(AgentGitIntent.analyse("echo 'git commit' | grep git").commits)
        XCTAssertNil(AgentGitIntent.analyse("git log --oneline # git commit --no-verify").refusal)
    }

    func testInitAgentMergesWithoutClobbering() throws {
        let existing =
            #"{"model":"opus","hooks":{"PreToolUse":[{"matcher":"Edit","hooks":[{"type":"command","command":"lint"}]}]}}"#
        let commands = SessionAgentConfig.hookCommands("claude")
        let once = try SessionAgentConfig.mergeHooks(Array(existing.utf8), commands: commands, agent: "claude")
        let twice = try SessionAgentConfig.mergeHooks(once, commands: commands, agent: "claude")
        XCTAssertEqual(once, twice)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(once)) as? [String: Any])
        XCTAssertEqual(root["model"] as? String, "opus")
        let hooks = try XCTUnwrap(root["hooks"] as? [String: [[String: Any]]])
        XCTAssertEqual(hooks["PreToolUse"]?.compactMap { $0["matcher"] as? String }, ["Edit", "Bash"])
        XCTAssertEqual(hooks["Stop"]?.count, 1)

        let aider = SessionAgentConfig.mergeAider(
            "model: sonnet\nlint-cmd: old\n", settings: [("lint-cmd", "ruff check"), ("git-commit-verify", "true")])
        XCTAssertEqual(aider, "model: sonnet\nlint-cmd: \"ruff check\"\ngit-commit-verify: true\n")
    }

    func testInitAgentWritesTheSettingsFiles() throws {
        for agent in ["claude", "codex", "aider"] {
            let captured = Captured()
            let invocation = Invocation(
                environment: environment, workingDirectory: repo,
                console: Console(out: { captured.append(out: $0) }, err: { captured.append(err: $0) }),
                runner: ProcessRunner(), executablePath: "/opt/belay/bin/belay")
            XCTAssertEqual(BelayCLI.run(["init", "--agent", agent], invocation), 0, captured.err)
        }
        let claude = try String(contentsOfFile: repo + "/.claude/settings.json", encoding: .utf8)
        XCTAssertTrue(claude.contains("exec belay hook claude"), claude)
        let codex = try String(contentsOfFile: repo + "/.codex/hooks.json", encoding: .utf8)
        XCTAssertTrue(codex.contains("exec belay hook codex"), codex)
        let aider = try String(contentsOfFile: repo + "/.aider.conf.yml", encoding: .utf8)
        for (name, text) in [("claude", claude), ("codex", codex), ("aider", aider)] {
            XCTAssertFalse(text.contains("/opt/belay"), "\(name): no machine path in a committed file: \(text)")
        }
        XCTAssertTrue(aider.contains("git-commit-verify: true\n"), aider)
        XCTAssertTrue(aider.contains("lint-cmd: "), aider)
        XCTAssertTrue(aider.contains("test-cmd: "), aider)
    }
}

private final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    func append(out text: String) { lock.withLock { outText += text } }
    func append(err text: String) { lock.withLock { errText += text } }
    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }
}
