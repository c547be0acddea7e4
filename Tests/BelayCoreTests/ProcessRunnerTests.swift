import BelayCore
import Foundation
import XCTest

final class ProcessRunnerTests: XCTestCase {
    let runner = ProcessRunner()
    let environment = ProcessInfo.processInfo.environment

    func sh(_ script: String, timeout: Double? = nil, merge: Bool = false, group: Bool = true, input: [UInt8]? = nil)
        throws -> ProcessOutcome
    {
        try runner.run(
            ProcessRequest(
                executable: "/bin/sh", arguments: ["-c", script], environment: environment,
                standardInput: input, timeout: timeout, mergeOutput: merge, ownProcessGroup: group))
    }

    func testExitCodeAndSeparateStreams() throws {
        let outcome = try sh("echo out; echo err >&2; exit 3")
        XCTAssertEqual(outcome.termination, .exited(3))
        XCTAssertEqual(String(decoding: outcome.standardOutput, as: UTF8.self), "out\n")
        XCTAssertEqual(String(decoding: outcome.standardError, as: UTF8.self), "err\n")
    }

    func testMergedOutputKeepsOrder() throws {
        let outcome = try sh("echo one; echo two >&2; echo three", merge: true)
        XCTAssertEqual(String(decoding: outcome.standardOutput, as: UTF8.self), "one\ntwo\nthree\n")
    }

    func testChildSeesBelayActiveAndStdin() throws {
        let outcome = try sh("cat; printf %s \"$BELAY_ACTIVE\"", input: Array("hello ".utf8))
        XCTAssertEqual(String(decoding: outcome.standardOutput, as: UTF8.self), "hello 1")
    }

    func testNoisyChildDoesNotDeadlock() throws {
        // 4 MB on each stream: far beyond any pipe buffer.
        let outcome = try sh("head -c 4000000 /dev/zero; head -c 4000000 /dev/zero >&2")
        XCTAssertEqual(outcome.standardOutput.count, 4_000_000)
        XCTAssertEqual(outcome.standardError.count, 4_000_000)
    }

    func testLargeInputEchoedBackDoesNotDeadlock() throws {
        // stdin is fed while stdout is drained: 4 MB each way would fill both pipes otherwise.
        let input = [UInt8]((0..<4_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let outcome = try sh("cat", group: false, input: input)
        XCTAssertEqual(outcome.termination, .exited(0))
        XCTAssertEqual(outcome.standardOutput, input)
    }

    func testChildClosingItsInputEarlyIsNoError() throws {
        let outcome = try sh("head -c 3", group: false, input: [UInt8](repeating: 0x61, count: 1_000_000))
        XCTAssertEqual(outcome.termination, .exited(0))
        XCTAssertEqual(String(decoding: outcome.standardOutput, as: UTF8.self), "aaa")
    }

    func testTimeoutKillsTheWholeGroupOnTime() throws {
        let marker = NSTemporaryDirectory() + "belay-child-\(UUID().uuidString)"
        let outcome = try sh("(sleep 2; touch \(marker)) & sleep 30", timeout: 0.5)
        XCTAssertEqual(outcome.termination, .timedOut)
        XCTAssertLessThan(outcome.durationSeconds, 1.5)
        Thread.sleep(forTimeInterval: 2.5)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the grandchild survived the timeout")
    }

    func testBackgroundStragglerDoesNotHangTheRun() throws {
        let outcome = try sh("sleep 30 & echo done")
        XCTAssertEqual(outcome.termination, .exited(0))
        XCTAssertLessThan(outcome.durationSeconds, 5)
    }

    func testSignalledChild() throws {
        let outcome = try sh("kill -TERM $$")
        XCTAssertEqual(outcome.termination, .signalled(SIGTERM))
    }

    func testMissingExecutableThrows() {
        XCTAssertThrowsError(
            try runner.run(ProcessRequest(executable: "belay-no-such-tool", environment: environment)))
    }

    func testWorkingDirectory() throws {
        let outcome = try runner.run(
            ProcessRequest(executable: "pwd", environment: environment, workingDirectory: "/tmp"))
        XCTAssertEqual(String(decoding: outcome.standardOutput, as: UTF8.self), "/tmp\n")
    }

    func testLineIndexCountsCharacters() {
        let index = LineIndex(Array("ab\nçé x\r\nlast".utf8))
        XCTAssertEqual(index.position(of: 0).line, 1)
        let offset = Array("ab\nçé ".utf8).count
        XCTAssertEqual(index.position(of: offset).line, 2)
        XCTAssertEqual(index.position(of: offset).column, 4)
        XCTAssertEqual(index.lineText(1), "çé x")
        XCTAssertEqual(index.lineCount, 3)
    }
}
