import BelayChecks
import BelayCore
import Foundation
import XCTest

final class PrimitivesTests: XCTestCase {
    func testSHA256Vectors() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Lengths around the padding boundary.
        XCTAssertEqual(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 55)),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 64)),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    func testShellQuote() {
        XCTAssertEqual(shellQuote(""), "''")
        XCTAssertEqual(shellQuote("a b"), "'a b'")
        XCTAssertEqual(shellQuote("it's"), "'it'\\''s'")
        XCTAssertEqual(
            expandCommand("ruff {files} && mypy {files}", files: ["a.py", "b c.py"]),
            "ruff 'a.py' 'b c.py' && mypy 'a.py' 'b c.py'")
        XCTAssertEqual(expandCommand("pytest -q", files: ["a.py"]), "pytest -q")
        XCTAssertEqual(expandCommand("x {files}", files: []), "x ")
    }

    func testDirectArgumentsOnlyForCommandsAShellWouldJustSplit() {
        XCTAssertEqual(
            directArguments("ruff check --line-length=100 {files}", files: ["a b.py", "$HOME.py"]),
            ["ruff", "check", "--line-length=100", "a b.py", "$HOME.py"])
        XCTAssertEqual(directArguments("ruff format --check {files}", files: []), ["ruff", "format", "--check"])
        XCTAssertEqual(
            directArguments("/usr/bin/env python3 -m pytest -q", files: []),
            ["/usr/bin/env", "python3", "-m", "pytest", "-q"])
        for shellOnly in [
            "ruff check {files} && mypy {files}", "pytest -q | tee log", "echo hi", "test -x run.sh", "cd src",
            "FOO=1 pytest", "ruff check '{files}'", "grep -q x{files}", "ls ~/x", "ls *.py", "./lint.sh {files}",
            "scripts/lint {files}", "{files}", "exit 0", "printf '%s\\n' {files}", "a; b", "cmd $VAR", "",
        ] {
            XCTAssertNil(directArguments(shellOnly, files: ["a.py"]), shellOnly)
        }
    }

    func testShellQuoteRoundTripsThroughARealShell() throws {
        let words = ["", "'", "''", "\\", "$(id)", "a\nb", "🐍", "\"", "-n", "*"]
        let command = "for w in " + words.map(shellQuote).joined(separator: " ") + "; do printf '[%s]' \"$w\"; done"
        let outcome = try ProcessRunner().run(
            ProcessRequest(executable: "/bin/sh", arguments: ["-c", command], environment: [:]))
        XCTAssertEqual(String(decoding: outcome.standardOutput, as: UTF8.self), words.map { "[\($0)]" }.joined())
    }

    func testTransientTableClassifiesCaseInsensitively() throws {
        let table = try TransientTable.builtIn()
        XCTAssertEqual(table.classify(output: "npm ERR! getaddrinfo enotfound registry.npmjs.org"), "DNS")
        XCTAssertEqual(table.classify(output: "read: CONNECTION RESET BY PEER"), "connection reset")
        XCTAssertEqual(table.classify(output: "upstream said 504 Gateway Timeout"), "HTTP 504")
        XCTAssertNil(table.classify(output: "AssertionError: expected 502 rows"))
        XCTAssertNil(table.classify(output: ""))
        XCTAssertNil(TransientTable(patterns: []).classify(output: "Could not resolve host"))
    }

    func testMissingToolParsing() throws {
        let directory = try makeTemporaryDirectory(self)
        let viaEnv = CheckDefinition(name: "env", run: "/usr/bin/env belay-missing-interpreter-9 --version")
        let result = try makeRunner().run([viaEnv], in: directory, stagedPaths: [])[0]
        XCTAssertEqual(result.status, .error)
        XCTAssertTrue(result.output.contains("command not found: belay-missing-interpreter-9"), result.output)
    }

    func testBlockingStatuses() {
        XCTAssertEqual(
            [CheckStatus.passed, .failed, .timeout, .transient, .error, .skipped].map(\.blocks),
            [false, true, true, true, true, false])
    }
}
