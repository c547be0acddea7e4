import BelayDetectors
import Foundation
import XCTest

/// The secret rules in a real repository, through the real binary and the hooks: a staged credential
/// blocks, and no output format (nor the hook's reason) shows it.
final class SecretsEndToEndTests: XCTestCase {
    let token = SecretSamples.token(for: "github-token")
    /// The secret material of the token: what must never be printed.
    var material: String { String(token.dropFirst(4).dropLast(4)) }

    private func repositoryWithStagedToken(config: String = "{}\n") throws -> TestRepository {
        let repo = try TestRepository()
        try repo.config(config)
        try repo.write("app.py", "print('hi')\n")
        try repo.commitAll()
        try repo.write("app.py", "print('hi')\nGITHUB_TOKEN = \"\(token)\"   \n")
        try repo.write(".env", "DATABASE_PASSWORD=Tr0ub4dor-and-3\n")
        try repo.git("add", "-A")
        return repo
    }

    func testEveryFormatBlocksAndShowsTheTokenRedacted() throws {
        let repo = try repositoryWithStagedToken()
        for format in ["text", "json", "sarif", "github"] {
            let result = try repo.binary("check", "--format", format)
            XCTAssertEqual(result.code, 1, "\(format): \(result.all)")
            XCTAssertTrue(result.out.contains("secret-token"), "\(format): \(result.out)")
            XCTAssertTrue(result.out.contains("secret-file"), "\(format): \(result.out)")
            XCTAssertFalse(result.all.contains(material), "\(format) printed the token: \(result.all)")
            XCTAssertFalse(result.all.contains("Tr0ub4dor"), "\(format) printed the password: \(result.all)")
        }
        let text = try repo.binary("check").out
        XCTAssertTrue(text.contains("app.py:2:17: error[secret-token]: GitHub token ghp_…\(token.suffix(4))"), text)
        XCTAssertTrue(
            text.contains(".env:1:19: error[secret-file]: environment file .env holds DATABASE_PASSWORD"), text)
        XCTAssertTrue(text.contains("ghp_" + String(repeating: "*", count: 32) + token.suffix(4)), text)
    }

    func testTheCommitHookBlocksAndAnIgnoredValuePasses() throws {
        let repo = try repositoryWithStagedToken()
        XCTAssertEqual(try repo.binary("install").code, 0)
        let blocked = try repo.commit("-m", "add token")
        XCTAssertNotEqual(blocked.code, 0, blocked.all)
        XCTAssertFalse(blocked.all.contains(material), blocked.all)

        // The fingerprint the finding offers, in HEAD's belay.json5, lets the value through.
        let json = try parseJSONObject(try repo.binary("check", "--format", "json").out)
        let diagnostics = try XCTUnwrap(json["diagnostics"] as? [[String: Any]])
        let hint = try XCTUnwrap(diagnostics.first { $0["rule"] as? String == "secret-token" }?["hint"] as? String)
        let range = try XCTUnwrap(hint.range(of: "sha256:[0-9a-f]{64}", options: .regularExpression))
        try repo.git("reset", "-q")
        try repo.config("{ secrets: { ignore: [\"\(hint[range])\"], exclude: [\".env\"] } }\n")
        try repo.git("add", "belay.json5")
        XCTAssertEqual(try repo.commit("-m", "config").code, 0)
        try repo.git("add", "-A")
        let passed = try repo.binary("check", "--skip", "trailing-whitespace")
        XCTAssertEqual(passed.code, 0, passed.all)
    }

    func testAnAgentCannotAllowItsOwnLeak() throws {
        let repo = try repositoryWithStagedToken()
        try repo.write("app.py", "print('hi')\nGITHUB_TOKEN = \"\(token)\"  # gitleaks:allow\n")
        try repo.git("rm", "-q", "--cached", ".env")
        try repo.git("add", "app.py")
        XCTAssertEqual(try repo.binary("check").code, 0, "a person's marker is honoured")
        let input =
            #"{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"git commit -m x"},"cwd":"\#(repo.path)"}"#
        let hook = repo.belay("hook", "claude", stdin: input)
        XCTAssertTrue(hook.all.contains("secret-token"), hook.all)
        XCTAssertFalse(hook.all.contains(material), hook.all)
    }

    func testAPushPublishingATokenThatALaterCommitRemovesIsBlocked() throws {
        let repo = try TestRepository()
        try repo.write("app.py", "print('hi')\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "topic")
        try repo.write("app.py", "print('hi')\nTOKEN = \"\(token)\"\n")
        try repo.commitAll("add the token")
        let added = try repo.git("rev-parse", "HEAD")
        try repo.write("app.py", "print('hi')\nTOKEN = os.environ['TOKEN']\n")
        try repo.commitAll("remove it again")
        let head = try repo.git("rev-parse", "HEAD")
        let zero = String(repeating: "0", count: 40)
        let push = try repo.binary(
            "hook", "pre-push", "origin", "/nowhere", stdin: "refs/heads/topic \(head) refs/heads/topic \(zero)\n")
        XCTAssertEqual(push.code, 1, push.all)
        XCTAssertTrue(push.err.contains("error[secret-token]"), push.err)
        XCTAssertTrue(push.err.contains("commit \(added.prefix(12)) in app.py:2: "), push.err)
        XCTAssertFalse(push.all.contains(material), push.all)
    }
}
