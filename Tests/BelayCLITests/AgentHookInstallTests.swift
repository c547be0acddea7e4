import BelayCore
import Foundation
import XCTest

/// The agent hook configuration `belay init --agent claude|codex` writes: golden files under
/// `fixtures/golden/agent-config/` (`BELAY_RECORD=1` re-records them, and the recording run fails), no
/// machine path in them, and the written commands run by `/bin/sh` as the agents do: with belay on PATH
/// they run it; with belay absent they block with exit 2 and say how to install it (127 would let the
/// commit through).
final class AgentHookInstallTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/golden/agent-config")

    private static let files = ["claude": ".claude/settings.json", "codex": ".codex/hooks.json"]

    /// A repository on a branch of its own with a staged file that belay blocks (trailing whitespace), and
    /// the agent's configuration written by the built binary.
    private func repositoryWithAgentConfig(_ agent: String) throws -> TestRepository {
        let repo = try TestRepository()
        try repo.git("checkout", "-q", "-b", "agent/task")
        try repo.write("app.py", "x = 1\n")
        try repo.commitAll()
        try repo.write("bad.py", "x = 1   \n")
        try repo.git("add", "bad.py")
        let result = try repo.binary("init", "--agent", agent)
        XCTAssertEqual(result.code, 0, result.all)
        return repo
    }

    /// The command the configuration runs for `event`.
    private func command(_ repo: TestRepository, _ agent: String, event: String) throws -> String {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: repo.path + "/" + Self.files[agent]!))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let hooks = try XCTUnwrap(root["hooks"] as? [String: [[String: Any]]])
        let handler = try XCTUnwrap((hooks[event]?.first?["hooks"] as? [[String: Any]])?.first)
        return try XCTUnwrap(handler["command"] as? String)
    }

    private func event(_ repo: TestRepository, _ name: String, command: String = "", stopActive: Bool = false)
        -> String
    {
        if name == "Stop" {
            return
                #"{"session_id": "s", "cwd": "\#(repo.path)", "hook_event_name": "Stop", "stop_hook_active": \#(stopActive)}"#
        }
        return #"{"session_id": "s", "cwd": "\#(repo.path)", "hook_event_name": "PreToolUse", "tool_name": "Bash", "#
            + #""tool_input": {"command": "\#(command)"}}"#
    }

    /// Runs `command` with `/bin/sh -c` and a PATH of `belayDirectory` (if any) and a directory holding only
    /// `cat` and `git`: wherever belay is installed on this machine, it is found only where the test puts it.
    private func runHook(_ repo: TestRepository, _ command: String, input: String, belayDirectory: String?) throws
        -> BelayResult
    {
        let tools = repo.root + "/tools"
        for tool in ["cat", "git"] where !FileManager.default.fileExists(atPath: tools + "/" + tool) {
            try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
            let real = try XCTUnwrap(resolveExecutable(tool, path: ProcessInfo.processInfo.environment["PATH"]))
            try FileManager.default.createSymbolicLink(atPath: tools + "/" + tool, withDestinationPath: real)
        }
        let path = ([belayDirectory].compactMap { $0 } + [tools]).joined(separator: ":")
        return try repo.process("/bin/sh", ["-c", command], env: ["PATH": path], input: Array(input.utf8))
    }

    func testWrittenFilesMatchTheGoldens() throws {
        let record = ProcessInfo.processInfo.environment["BELAY_RECORD"] == "1"
        for (agent, file) in Self.files.sorted(by: { $0.key < $1.key }) {
            let repo = try repositoryWithAgentConfig(agent)
            let written = try XCTUnwrap(FileManager.default.contents(atPath: repo.path + "/" + file))
            XCTAssertFalse(
                String(decoding: written, as: UTF8.self).contains(repo.root), "no machine path in \(file)")
            XCTAssertFalse(String(decoding: written, as: UTF8.self).contains(belayBinary), "no machine path in \(file)")
            let golden = Self.fixtures.appendingPathComponent("\(agent).json")
            if record {
                try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
                try written.write(to: golden)
                XCTFail("recorded \(golden.path); run again without BELAY_RECORD")
                continue
            }
            let expected = try XCTUnwrap(FileManager.default.contents(atPath: golden.path), "no golden \(golden.path)")
            XCTAssertEqual(
                String(decoding: written, as: UTF8.self), String(decoding: expected, as: UTF8.self),
                "\(file) differs from \(golden.path) (BELAY_RECORD=1 re-records)")
        }
    }

    func testWithoutBelayOnPathTheHooksBlockWithExitTwoAndSayHowToInstall() throws {
        for agent in ["claude", "codex"] {
            let repo = try repositoryWithAgentConfig(agent)
            let preToolUse = try command(repo, agent, event: "PreToolUse")
            let stop = try command(repo, agent, event: "Stop")

            let commit = try runHook(
                repo, preToolUse, input: event(repo, "PreToolUse", command: "git commit -m x"), belayDirectory: nil)
            XCTAssertEqual(commit.code, 2, "\(agent): a commit without belay is blocked: \(commit.all)")
            XCTAssertTrue(commit.err.contains("belay: not found on PATH"), commit.err)
            XCTAssertTrue(commit.err.contains("swift build -c release --static-swift-stdlib"), commit.err)

            let push = try runHook(
                repo, preToolUse, input: event(repo, "PreToolUse", command: "cd sub && GIT_DIR=x git push"),
                belayDirectory: nil)
            XCTAssertEqual(push.code, 2, push.all)

            let listing = try runHook(
                repo, preToolUse, input: event(repo, "PreToolUse", command: "ls -la"), belayDirectory: nil)
            XCTAssertEqual(listing.code, 0, "a command without git is not blocked: \(listing.all)")

            let stopping = try runHook(repo, stop, input: event(repo, "Stop"), belayDirectory: nil)
            XCTAssertEqual(stopping.code, 2, stopping.all)
            XCTAssertTrue(stopping.err.contains("belay: not found on PATH"), stopping.err)
            let again = try runHook(repo, stop, input: event(repo, "Stop", stopActive: true), belayDirectory: nil)
            XCTAssertEqual(again.code, 0, "the second Stop lets go, as belay hook does: \(again.all)")
        }
    }

    /// With belay on PATH (another directory than where it was when the file was written), the same
    /// command runs it, and belay denies the blocked commit.
    func testWithBelayOnPathTheHookRunsIt() throws {
        for agent in ["claude", "codex"] {
            let repo = try repositoryWithAgentConfig(agent)
            let bin = repo.root + "/elsewhere/bin"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: bin + "/belay", withDestinationPath: belayBinary)
            let preToolUse = try command(repo, agent, event: "PreToolUse")
            let result = try runHook(
                repo, preToolUse, input: event(repo, "PreToolUse", command: "git commit -m x"), belayDirectory: bin)
            XCTAssertEqual(result.code, 0, result.all)
            let decision = try parseJSONObject(result.out)
            let output = try XCTUnwrap(decision["hookSpecificOutput"] as? [String: Any])
            XCTAssertEqual(output["permissionDecision"] as? String, "deny", result.out)
            XCTAssertTrue((output["permissionDecisionReason"] as? String ?? "").contains("trailing-whitespace"))
        }
    }

    /// A file written by an older belay (an absolute path) is migrated, not duplicated; other hooks stay.
    func testAnOldAbsolutePathEntryIsReplaced() throws {
        let repo = try TestRepository()
        try repo.write(
            ".claude/settings.json",
            #"{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"/home/someone/.build/debug/belay hook claude"}]},{"matcher":"Edit","hooks":[{"type":"command","command":"lint"}]}]}}"#
        )
        XCTAssertEqual(try repo.binary("init", "--agent", "claude").code, 0)
        let text = repo.read(".claude/settings.json") ?? ""
        XCTAssertFalse(text.contains("/home/someone"), text)
        XCTAssertTrue(text.contains("\"lint\""), text)
        XCTAssertEqual(text.components(separatedBy: "exec belay hook claude").count - 1, 2, text)
    }
}
