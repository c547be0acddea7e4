import BelayChecks
import BelayCore
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

final class CheckRunnerTests: XCTestCase {
    func testChecksRunInParallelAndKeepConfigOrder() throws {
        let directory = try makeTemporaryDirectory(self)
        let checks = [
            CheckDefinition(name: "slow-a", run: "sleep 1; echo a"),
            CheckDefinition(name: "slow-b", run: "sleep 1; echo b"),
            CheckDefinition(name: "quick", run: "echo q"),
        ]
        let start = Date()
        let results = try makeRunner().run(checks, in: directory, stagedPaths: [])
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.8)
        XCTAssertEqual(results.map(\.name), ["slow-a", "slow-b", "quick"])
        XCTAssertEqual(results.map(\.status), [.passed, .passed, .passed])
        XCTAssertEqual(results.map(\.output), ["a\n", "b\n", "q\n"])
        XCTAssertEqual(results.map(\.attempts), [1, 1, 1])
        XCTAssertGreaterThanOrEqual(results[0].durationMs, 900)
    }

    func testFailingCheckIsFailedWithMergedOutput() throws {
        let directory = try makeTemporaryDirectory(self)
        let result = try makeRunner().run(
            [CheckDefinition(name: "lint", run: "echo out; echo err >&2; exit 3")], in: directory, stagedPaths: [])[0]
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.attempts, 1)
        XCTAssertEqual(result.output, "out\nerr\n")
    }

    func testNoMatchingStagedPathIsSkippedAndDoesNotRun() throws {
        let directory = try makeTemporaryDirectory(self)
        let check = CheckDefinition(name: "py", run: "touch ran", files: ["*.py"])
        let result = try makeRunner().run([check], in: directory, stagedPaths: ["README.md", "src/app.js"])[0]
        XCTAssertEqual(result.status, .skipped)
        XCTAssertEqual(result.attempts, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/ran"))
    }

    func testFilesExpandToMatchingPathsQuoted() throws {
        let directory = try makeTemporaryDirectory(self)
        let odd = [
            "plain.py", "with space.py", "it's.py", "say \"hi\".py", "$HOME.py", "`id`.py", "new\nline.py",
            "ünïcödé 🐍.py", "-rf.py", "dir/*.py", "semi;colon.py",
        ]
        let check = CheckDefinition(name: "echo", run: "printf '%s\\n' {files}", files: ["*.py"])
        let result = try makeRunner().run([check], in: directory, stagedPaths: odd + ["notes.txt"])[0]
        XCTAssertEqual(result.status, .passed, result.output)
        XCTAssertEqual(result.output, odd.map { $0 + "\n" }.joined())
    }

    /// A plain command runs without the shell: each path reaches the program as one argument, verbatim.
    func testFilesReachADirectlyRunCommandVerbatim() throws {
        let directory = try makeTemporaryDirectory(self)
        let odd = ["plain.py", "with space.py", "it's.py", "$HOME.py", "`id`.py", "new\nline.py", "semi;colon.py"]
        let command = "/usr/bin/printf %s: {files}"
        XCTAssertNotNil(directArguments(command, files: odd))
        let check = CheckDefinition(name: "args", run: command, files: ["*.py"])
        let result = try makeRunner().run([check], in: directory, stagedPaths: odd)[0]
        XCTAssertEqual(result.status, .passed, result.output)
        XCTAssertEqual(result.output, odd.map { $0 + ":" }.joined())
    }

    /// A script without `#!` cannot be exec'd directly (ENOEXEC); only a shell runs it, so the check falls
    /// back to `/bin/sh -c`, once, as it ran before plain commands went direct.
    func testAScriptWithoutAShebangStillRuns() throws {
        let directory = try makeTemporaryDirectory(self)
        let bin = directory + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "echo ran-by-a-shell \"$@\" >> ran.log\n".write(toFile: bin + "/oldtool", atomically: true, encoding: .utf8)
        chmod(bin + "/oldtool", 0o755)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let runner = CheckRunner(
            runner: ProcessRunner(), environment: environment, transient: TransientSettings(),
            table: TransientTable(patterns: []))
        let check = CheckDefinition(name: "old", run: "oldtool --check")
        XCTAssertNotNil(directArguments(check.run, files: []))
        let result = runner.run([check], in: directory, stagedPaths: [])[0]
        XCTAssertEqual(result.status, .passed, result.output)
        XCTAssertEqual(try String(contentsOfFile: directory + "/ran.log", encoding: .utf8), "ran-by-a-shell --check\n")
    }

    /// A program missing from PATH still goes through the shell and is reported as not found.
    func testAMissingProgramInAPlainCommandIsReportedAsNotFound() throws {
        let directory = try makeTemporaryDirectory(self)
        let check = CheckDefinition(name: "gone", run: "belay-no-such-linter-7 --check")
        let result = try makeRunner().run([check], in: directory, stagedPaths: [])[0]
        XCTAssertEqual(result.status, .error)
        XCTAssertTrue(result.output.contains("command not found: belay-no-such-linter-7"), result.output)
    }

    func testChildSeesCheckNameAndRunsInDirectory() throws {
        let directory = try makeTemporaryDirectory(self)
        let check = CheckDefinition(name: "who", run: "echo \"$BELAY_CHECK $BELAY_ACTIVE\"; pwd -P")
        let result = try makeRunner().run([check], in: directory, stagedPaths: [])[0]
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        XCTAssertEqual(result.output, "who 1\n\(real)\n")
    }

    func testHungCheckAndItsChildAreKilledOnTime() throws {
        let directory = try makeTemporaryDirectory(self)
        let check = CheckDefinition(name: "hang", run: "sleep 30 & echo $! > child.pid; sleep 30", timeout: 1)
        let start = Date()
        let result = try makeRunner().run([check], in: directory, stagedPaths: [])[0]
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(result.status, .timeout)
        XCTAssertTrue(result.output.contains("timed out after 1 s"), result.output)
        XCTAssertLessThan(elapsed, 2.5)
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        let pidText = try String(contentsOfFile: directory + "/child.pid", encoding: .utf8)
        let pid = try XCTUnwrap(pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertTrue(processIsGone(pid), "background child \(pid) survived the timeout")
    }

    func testMissingToolIsAnErrorNeverAPass() throws {
        let directory = try makeTemporaryDirectory(self)
        let check = CheckDefinition(name: "lint", run: "belay-no-such-tool-xyz check .")
        let result = try makeRunner().run([check], in: directory, stagedPaths: [])[0]
        XCTAssertEqual(result.status, .error)
        XCTAssertEqual(result.attempts, 1)
        XCTAssertTrue(
            result.output.contains("command not found: belay-no-such-tool-xyz — install it or fix `run`"),
            result.output)
    }

    func testNonExecutableIsAnError() throws {
        let directory = try makeTemporaryDirectory(self)
        XCTAssertTrue(
            FileManager.default.createFile(atPath: directory + "/script.sh", contents: Data("echo hi\n".utf8)))
        let result = try makeRunner().run(
            [CheckDefinition(name: "x", run: "./script.sh")], in: directory, stagedPaths: [])[0]
        XCTAssertEqual(result.status, .error, result.output)
    }

    func testRunnerThatCannotStartTheShellIsAnError() throws {
        struct Unstartable: ProcessRunning {
            func run(_ request: ProcessRequest) throws(BelayError) -> ProcessOutcome {
                throw .internal("cannot run '/bin/sh': not found on PATH")
            }
        }
        let runner = CheckRunner(
            runner: Unstartable(), environment: [:], transient: TransientSettings(),
            table: TransientTable(patterns: []))
        let result = runner.run([CheckDefinition(name: "x", run: "true")], in: "/", stagedPaths: [])[0]
        XCTAssertEqual(result.status, .error)
        XCTAssertTrue(result.output.contains("could not start the check"), result.output)
        XCTAssertTrue(result.output.contains("/bin/sh"), result.output)
    }

    func testFlakyCheckPassesOnRetry() throws {
        let directory = try makeTemporaryDirectory(self)
        let script = """
            n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count
            if [ $n -lt 2 ]; then echo 'curl: (6) could not RESOLVE host: example.com' >&2; exit 6; fi
            echo ok
            """
        let result = try makeRunner().run([CheckDefinition(name: "net", run: script)], in: directory, stagedPaths: [])[
            0]
        XCTAssertEqual(result.status, .passed, result.output)
        XCTAssertEqual(result.attempts, 2)
        XCTAssertEqual(result.output, "ok\n")
    }

    /// A failing check printing a transient wording (seed 003's among them) is retried
    /// `transient.retries` times with backoff, then ends `transient` with its kind. A look-alike (a status
    /// number in an assertion) fails at once.
    func testAlwaysTransientIsTransientAfterAllRetries() throws {
        let directory = try makeTemporaryDirectory(self)
        let wordings = [
            ("gateway", "Error: 503 Service Unavailable", "HTTP 503"),
            ("bun", "API Error: The socket connection was closed unexpectedly.", "connection closed"),
            ("undici", "TypeError: fetch failed", "fetch failed"),
            ("hangup", "Error: socket hang up", "socket hang up"),
            ("reset", "Error: read ECONNRESET", "connection reset"),
            ("ratelimit", "npm ERR! 429 Too Many Requests - GET https://registry.npmjs.org/x", "HTTP 429"),
            ("cloudflare", "error code: 524", "HTTP 524"),
            ("origin", "upstream: origin_response_timeout", "HTTP 524"),
            ("dns", "getaddrinfo EAI_AGAIN registry.npmjs.org", "DNS"),
        ]
        var checks = wordings.map { name, text, _ in
            CheckDefinition(name: name, run: "echo x >> \(name).tries; echo \(shellQuote(text)); exit 1")
        }
        checks.append(
            CheckDefinition(name: "assertion", run: "echo x >> assertion.tries; echo 'expected 429, got 200'; exit 1"))
        let results = try makeRunner(retries: 2).run(checks, in: directory, stagedPaths: [])
        for ((name, _, kind), result) in zip(wordings, results) {
            XCTAssertEqual(result.status, .transient, "\(name): \(result.output)")
            XCTAssertEqual(result.attempts, 3, name)
            XCTAssertEqual(result.infrastructure, kind, name)
            XCTAssertEqual(
                try String(contentsOfFile: "\(directory)/\(name).tries", encoding: .utf8), "x\nx\nx\n", name)
            XCTAssertTrue(result.output.contains("transient infrastructure error (\(kind)) on all 3 attempts"), name)
            XCTAssertGreaterThanOrEqual(result.durationMs, 150, name)  // backoff 0.05 s, then 0.1 s
        }
        let assertion = try XCTUnwrap(results.last)
        XCTAssertEqual(assertion.status, .failed, assertion.output)
        XCTAssertEqual(assertion.attempts, 1)
        XCTAssertNil(assertion.infrastructure)
        XCTAssertEqual(try String(contentsOfFile: directory + "/assertion.tries", encoding: .utf8), "x\n")
    }

    func testFixPassRunsFixAndSkipsChecksWithoutOne() throws {
        let directory = try makeTemporaryDirectory(self)
        let checks = [
            CheckDefinition(name: "format", run: "exit 1", files: ["*.py"], fix: "printf 'fixed %s\\n' {files}"),
            CheckDefinition(name: "tests", run: "exit 1"),
        ]
        let results = try makeRunner().run(checks, in: directory, stagedPaths: ["a.py"], useFix: true)
        XCTAssertEqual(results.map(\.status), [.passed, .skipped])
        XCTAssertEqual(results[0].output, "fixed a.py\n")
    }

    func testResultJSONShape() throws {
        let result = CheckResult(name: "lint", status: .passed, attempts: 1, durationMs: 41, output: "")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any]
        XCTAssertEqual(object?["name"] as? String, "lint")
        XCTAssertEqual(object?["status"] as? String, "passed")
        XCTAssertEqual(object?["attempts"] as? Int, 1)
        XCTAssertEqual(object?["durationMs"] as? Int, 41)
        XCTAssertEqual(object?["output"] as? String, "")
        XCTAssertNil(object?["infrastructure"])
    }

    /// True once `pid` no longer exists or is a zombie (a container's init may never reap it).
    private func processIsGone(_ pid: pid_t) -> Bool {
        for _ in 0..<20 {
            if kill(pid, 0) != 0 { return true }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"),
                stat[stat.index(close, offsetBy: 2)] == "Z"
            {
                return true
            }
            usleep(50_000)
        }
        return false
    }
}
