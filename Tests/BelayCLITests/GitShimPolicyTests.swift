import BelaySession
import XCTest

final class GitShimPolicyTests: XCTestCase {
    func testRefusesEveryWayAroundTheGate() {
        let refused: [[String]] = [
            ["commit", "--no-verify", "-m", "x"],
            ["commit", "-n", "-m", "x"],
            ["commit", "-anm", "x"],
            ["commit", "-a", "-n"],
            ["push", "--no-verify"],
            ["merge", "--no-verify", "topic"],
            ["-c", "core.hooksPath=/dev/null", "commit", "-m", "x"],
            ["-c", "CORE.HOOKSPATH=", "commit"],
            ["-ccore.hooksPath=/tmp", "commit"],
            ["-C", "sub", "-c", "core.hooksPath=/dev/null", "commit"],
            ["config", "core.hooksPath", "/dev/null"],
            ["config", "--global", "core.hooksPath", "/tmp/none"],
        ]
        for arguments in refused {
            XCTAssertNotNil(GitShimPolicy.refusal(for: arguments), "should refuse: \(arguments)")
        }
    }

    func testLetsOrdinaryCommandsThrough() {
        let allowed: [[String]] = [
            ["commit", "-m", "-n is in the message"],
            ["commit", "-mn"],
            ["commit", "-am", "note"],
            ["status", "--short"],
            ["log", "-n", "3"],
            ["-C", "-n", "status"],
            ["config", "--get", "core.hooksPath"],
            ["-c", "user.name=agent", "commit", "-m", "x"],
            ["grep", "-n", "--", "--no-verify"],
            ["commit", "-m", "x", "--", "-n"],
        ]
        for arguments in allowed {
            XCTAssertNil(GitShimPolicy.refusal(for: arguments), "should allow: \(arguments)")
        }
    }

    func testMessageTellsTheAgentWhatToDo() throws {
        let message = try XCTUnwrap(GitShimPolicy.refusal(for: ["commit", "--no-verify"]))
        XCTAssertTrue(message.contains("fix them"), message)
    }
}
