import BelayCore
import XCTest

final class ConfigParseTests: XCTestCase {
    func parse(_ text: String) throws -> Config {
        try Config.parse(Array(text.utf8), file: "belay.json5")
    }

    /// Asserts that `text` fails to parse with exactly this line and key, and a message containing `fragment`.
    func assertError(
        _ text: String, line: Int, key: String, _ fragment: String = "", file: StaticString = #filePath,
        sourceLine: UInt = #line
    ) {
        do {
            _ = try parse(text)
            XCTFail("parsed without error", file: file, line: sourceLine)
        } catch {
            guard case BelayError.configuration(let name, let actualLine, let actualKey, let message) = error else {
                return XCTFail("unexpected \(error)", file: file, line: sourceLine)
            }
            XCTAssertEqual(name, "belay.json5", file: file, line: sourceLine)
            XCTAssertEqual(actualLine, line, message, file: file, line: sourceLine)
            XCTAssertEqual(actualKey, key, message, file: file, line: sourceLine)
            XCTAssertTrue(
                fragment.isEmpty || message.contains(fragment), "'\(message)' lacks '\(fragment)'", file: file,
                line: sourceLine)
        }
    }

    let designExample = """
        {
          checks: [
            { name: "lint",   run: "ruff check {files}", files: ["*.py"], fix: "ruff check --fix {files}" },
            { name: "format", run: "ruff format --check {files}", files: ["*.py"], fix: "ruff format {files}" },
            { name: "tests",  run: "pytest -q", timeout: 600 },          // no `files`: always runs
          ],
          rules: { "destructive-migration": "warning", "trailing-whitespace": "off" },   // severity overrides
          rename: { exclude: ["CHANGELOG.md", "**/migrations/**"] },
          transient: { retries: 2, backoffSeconds: 1 },
          onInternalError: "allow",                                      // or "block"
        }
        """

    func testDesignExampleParses() throws {
        let config = try parse(designExample)
        XCTAssertEqual(
            config.checks,
            [
                CheckDefinition(
                    name: "lint", run: "ruff check {files}", files: ["*.py"], fix: "ruff check --fix {files}"),
                CheckDefinition(
                    name: "format", run: "ruff format --check {files}", files: ["*.py"], fix: "ruff format {files}"),
                CheckDefinition(name: "tests", run: "pytest -q", timeout: 600),
            ])
        XCTAssertEqual(config.rules, ["destructive-migration": .warning, "trailing-whitespace": .off])
        XCTAssertEqual(config.rename.exclude, ["CHANGELOG.md", "**/migrations/**"])
        XCTAssertEqual(config.transient, TransientSettings(retries: 2, backoffSeconds: 1))
        XCTAssertEqual(config.onInternalError, .allow)
        XCTAssertEqual(config.protectedBranches, ["main", "master"])
    }

    func testEmptyObjectIsTheDefault() throws {
        XCTAssertEqual(try parse("{}\n"), Config.default)
    }

    func testOtherFieldsAndSingleQuotes() throws {
        let config = try parse(
            """
            // leading comment
            {
              /* block
                 comment */
              'protectedBranches': ['main', 'release'],
              onInternalError: 'block',
              checks: [{ name: 'x', run: 'echo "it\\'s" {files}', cache: false }],
            }
            """)
        XCTAssertEqual(config.protectedBranches, ["main", "release"])
        XCTAssertEqual(config.onInternalError, .block)
        XCTAssertEqual(config.checks, [CheckDefinition(name: "x", run: "echo \"it's\" {files}", cache: false)])
    }

    func testUnknownCheckKeyNamesLineAndPathWithSuggestion() {
        assertError(
            """
            {
              checks: [
                { name: "a", run: "true" },
                {
                  name: "b",
                  run: "true",
                  timout: 5,
                },
              ],
            }
            """, line: 7, key: "checks[1].timout", "did you mean 'timeout'?")
    }

    func testJSON5NumberFormsKeepLinesRight() throws {
        let config = try parse(
            "{ checks: [{ name: 'a', run: 'b', timeout: 0x10 }],\n transient: { backoffSeconds: .5, retries: +1, } }")
        XCTAssertEqual(config.checks[0].timeout, 16)
        XCTAssertEqual(config.transient, TransientSettings(retries: 1, backoffSeconds: 0.5))
        assertError(
            "{\n  transient: { backoffSeconds: 2.,\n  $weird_key: 1 },\n}", line: 3, key: "transient.$weird_key")
    }

    func testUnknownTopLevelKey() {
        assertError("{\n  check: [],\n}\n", line: 2, key: "check", "did you mean 'checks'?")
        assertError("{\n\n  zebra: 1 }", line: 3, key: "zebra", "unknown key 'zebra'")
    }

    func testFirstErrorInSourceOrderIsReported() {
        assertError("{\n  aaa: 1,\n  bbb: 2,\n}", line: 2, key: "aaa")
    }

    func testWrongTypes() {
        assertError("{\n  checks: {},\n}", line: 2, key: "checks", "expected an array, found an object")
        assertError(
            "{ checks: [\n { name: 'a', run: 'x',\n   timeout: '5' }] }", line: 3, key: "checks[0].timeout",
            "expected a number, found a string")
        assertError(
            "{ checks: [{ name: 'a', run: 'x',\n cache: 1 }] }", line: 2, key: "checks[0].cache", "true or false")
        assertError("{ checks: [{ name: 'a', run: 'x', files: '*.py' }] }", line: 1, key: "checks[0].files", "an array")
        assertError("{\n transient: { retries: 1.5 } }", line: 2, key: "transient.retries", "whole number")
        assertError("{\n onInternalError: 'blok' }", line: 2, key: "onInternalError", "did you mean 'block'?")
        assertError("{ protectedBranches: [\n 'main',\n 3] }", line: 3, key: "protectedBranches[1]", "a string")
        assertError("[]", line: 1, key: "", "expected an object, found an array")
    }

    func testMissingNameAndRun() {
        assertError("{ checks: [\n\n  { run: 'x' }] }", line: 3, key: "checks[0]", "required key 'name'")
        assertError("{ checks: [\n  { name: 'a' },\n] }", line: 2, key: "checks[0]", "required key 'run'")
        assertError("{ checks: [{ name: '', run: 'x' }] }", line: 1, key: "checks[0].name", "must not be empty")
    }

    func testDuplicateCheckNames() {
        assertError(
            "{ checks: [\n  { name: 'lint', run: 'a' },\n  { run: 'b',\n    name: 'lint' },\n] }", line: 4,
            key: "checks[1].name", "already defined on line 2")
    }

    func testDuplicateKeyInOneObject() {
        assertError("{\n  rules: {},\n  rules: {},\n}", line: 3, key: "rules", "appears twice")
    }

    func testBadSeverity() {
        assertError(
            "{\n  rules: {\n    'duplicate-key': 'warn',\n  },\n}", line: 3, key: "rules.duplicate-key",
            "did you mean 'warning'?")
    }

    func testRuleIDsAreCheckedWhenKnown() throws {
        let text = "{\n  rules: {\n    'duplicate-key': 'off',\n    'trailing-whitespaces': 'off',\n  },\n}"
        XCTAssertEqual(try parse(text).rules.count, 2)  // ids unknown here: accepted
        XCTAssertThrowsError(
            try Config.parse(Array(text.utf8), file: "b.json5", ruleIDs: ["duplicate-key", "trailing-whitespace"])
        ) { error in
            XCTAssertEqual(
                error as? BelayError,
                .configuration(
                    file: "b.json5", line: 4, key: "rules.trailing-whitespaces",
                    message: "unknown rule id 'trailing-whitespaces' (did you mean 'trailing-whitespace'?); "
                        + "expected one of duplicate-key, trailing-whitespace"))
        }
    }

    func testBadGlobIsRewrappedWithItsLocation() {
        assertError(
            "{\n  rename: { exclude: [\n    'ok/**',\n    'src/[abc',\n  ] },\n}", line: 4, key: "rename.exclude[1]",
            "never closed")
        assertError("{ checks: [{ name: 'a', run: 'b',\n  files: ['[x'] }] }", line: 2, key: "checks[0].files[0]")
    }

    func testSyntaxErrorNamesTheLine() {
        assertError("{\n  checks: [],\n  rules: { a: 'off' ]\n}\n", line: 3, key: "", "invalid JSON5")
        assertError("{\n  a: 'unterminated\n", line: 2, key: "", "invalid JSON5")
        assertError("  \n", line: 1, key: "", "empty")
        assertError("{\n  checks: [],\n  rules: {}\n  rename: {},\n}", line: 4, key: "", "missing comma")
        assertError("{\n  checks: [\n    { name: 'a', run: 'b' },,\n  ],\n}", line: 3, key: "", "invalid JSON5")
        assertError("{}\n\n}", line: 3, key: "", "invalid JSON5")
    }

    func testCommentsAndStringsDoNotConfuseLineNumbers() {
        assertError(
            """
            {
              // a comment with { braces: and, keys: 1 }
              checks: [
                /* timeout: 5
                   more */
                { name: "a\\nb: {", run: 'x\\
            y', bogus: 1 },
              ],
            }
            """, line: 7, key: "checks[0].bogus")
    }
}

/// The one place the gate's passes outside the detector engine ask how a rule reports.
final class RuleSeverityTests: XCTestCase {
    func testSettingThenDefaultAndOffOrUnselectedIsNil() {
        let config = Config(rules: ["push-size": .error, "force-push": .off])
        XCTAssertEqual(config.severity(of: "push-size", fallback: .warning), .error, "the setting wins")
        XCTAssertEqual(config.severity(of: "merge-source", fallback: .warning), .warning, "else the default")
        XCTAssertNil(config.severity(of: "force-push", fallback: .error), "off")
        XCTAssertNil(config.severity(of: "merge-source", fallback: .error, only: ["push-size"]), "--only leaves it out")
        XCTAssertNil(config.severity(of: "push-size", fallback: .error, skip: ["push-size"]), "--skip")
        XCTAssertEqual(config.severity(of: "push-size", fallback: .warning, only: ["push-size"]), .error)
    }
}
